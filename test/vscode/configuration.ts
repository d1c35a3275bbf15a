import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EventEmitter } from './events';
import { ConfigurationTarget } from './types';

type Layer = 'default' | 'global' | 'workspace' | 'workspaceFolder';

const packageJson = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes?: { configuration?: { properties?: Record<string, { default?: unknown }> } };
};

/** Defaults come from package.json's `contributes.configuration`, as in VS Code. */
function declaredDefaults(): Map<string, unknown> {
  const properties = packageJson.contributes?.configuration?.properties ?? {};
  return new Map(Object.entries(properties).map(([key, schema]) => [key, schema.default]));
}

/**
 * Settings in layers (default < global < workspace < workspace folder), each set by tests with `set`, or by
 * host code with `update`; both fire `onDidChangeConfiguration` like VS Code does.
 */
export class ConfigurationModel {
  private readonly layers: Record<Layer, Map<string, unknown>> = {
    default: declaredDefaults(),
    global: new Map(),
    workspace: new Map(),
    workspaceFolder: new Map(),
  };
  readonly changed = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();

  set(key: string, value: unknown, layer: Exclude<Layer, 'default'> = 'global'): void {
    if (value === undefined) this.layers[layer].delete(key);
    else this.layers[layer].set(key, value);
    this.changed.fire({ affectsConfiguration: (section) => key === section || key.startsWith(`${section}.`) });
  }

  effective(key: string): unknown {
    for (const layer of ['workspaceFolder', 'workspace', 'global', 'default'] as const) {
      if (this.layers[layer].has(key)) return this.layers[layer].get(key);
    }
    return undefined;
  }

  section(prefix: string | undefined): unknown {
    const full = (key: string) => (prefix ? `${prefix}.${key}` : key);
    return {
      get: <T>(key: string, fallback?: T): T | undefined => (this.effective(full(key)) as T | undefined) ?? fallback,
      has: (key: string) => this.effective(full(key)) !== undefined,
      inspect: (key: string) => ({
        key: full(key),
        defaultValue: this.layers.default.get(full(key)),
        globalValue: this.layers.global.get(full(key)),
        workspaceValue: this.layers.workspace.get(full(key)),
        workspaceFolderValue: this.layers.workspaceFolder.get(full(key)),
      }),
      update: async (key: string, value: unknown, target: ConfigurationTarget | boolean = ConfigurationTarget.Workspace) => {
        const layer = target === true || target === ConfigurationTarget.Global ? 'global' : target === ConfigurationTarget.WorkspaceFolder ? 'workspaceFolder' : 'workspace';
        this.set(full(key), value, layer);
      },
    };
  }

  reset(): void {
    this.layers.global.clear();
    this.layers.workspace.clear();
    this.layers.workspaceFolder.clear();
  }
}
