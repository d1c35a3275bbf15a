import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventEmitter, type Disposable } from './events';
import { ExtensionMode } from './types';
import { Uri } from './uri';

/** SecretStorage in memory. Pass the same instance to two contexts to model two windows of one profile. */
export class FakeSecretStorage {
  private readonly values = new Map<string, string>();
  private readonly changed = new EventEmitter<{ key: string }>();
  readonly onDidChange = this.changed.event;

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async keys(): Promise<string[]> {
    return [...this.values.keys()];
  }
  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.changed.fire({ key });
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
    this.changed.fire({ key });
  }
}

export class FakeMemento {
  private readonly values = new Map<string, unknown>();

  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (structuredClone(this.values.get(key)) as T) : fallback;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, structuredClone(value));
  }
  setKeysForSync(): void {}
}

const packageJSON = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as Record<string, unknown>;

export interface FakeExtensionContextOptions {
  /** Folder of global storage; share it between two contexts to model two windows. A fresh temp folder by default. */
  globalStorage?: string;
  secrets?: FakeSecretStorage;
}

/** An ExtensionContext over temporary folders, for host code that takes one. Dispose `subscriptions` with `disposeContext`. */
export function createExtensionContext(options: FakeExtensionContextOptions = {}) {
  const root = path.join(__dirname, '..', '..');
  const storage = options.globalStorage ?? mkdtempSync(path.join(tmpdir(), 'dashscope-global-'));
  return {
    subscriptions: [] as Disposable[],
    secrets: options.secrets ?? new FakeSecretStorage(),
    globalState: new FakeMemento(),
    workspaceState: new FakeMemento(),
    globalStorageUri: Uri.file(storage),
    storageUri: Uri.file(mkdtempSync(path.join(tmpdir(), 'dashscope-workspace-'))),
    logUri: Uri.file(mkdtempSync(path.join(tmpdir(), 'dashscope-log-'))),
    extensionUri: Uri.file(root),
    extensionPath: root,
    extensionMode: ExtensionMode.Test,
    extension: { id: 'dashscope.dashscope-studio', packageJSON, extensionUri: Uri.file(root) },
    asAbsolutePath: (relative: string) => path.join(root, relative),
  };
}

export function disposeContext(context: { subscriptions: { dispose(): unknown }[] }): void {
  for (const disposable of context.subscriptions.splice(0).reverse()) disposable.dispose();
}
