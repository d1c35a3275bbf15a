import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Commands, ContextKeys, Views, ViewTypes } from '../../src/extension/ids';

interface IdManifest {
  readonly activationEvents: readonly string[];
  readonly contributes: {
    readonly commands: readonly { command: string }[];
    readonly views: Record<string, readonly { id: string }[]>;
    readonly customEditors: readonly { viewType: string }[];
  };
}

const text = readFileSync('package.json', 'utf8');
const manifest = JSON.parse(text) as IdManifest;
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

describe('src/extension/ids.ts names exactly the ids package.json contributes', () => {
  it('has every contributed command, and no command package.json lacks', () => {
    assert.deepEqual(sorted(Object.values(Commands)), sorted(manifest.contributes.commands.map((entry) => entry.command)));
  });

  it('has every contributed view, and no view package.json lacks', () => {
    assert.deepEqual(sorted(Object.values(Views)), sorted(Object.values(manifest.contributes.views).flatMap((views) => views.map((view) => view.id))));
  });

  it('has the view type of every webview panel activation event and custom editor, and no other', () => {
    const panels = manifest.activationEvents.filter((event) => event.startsWith('onWebviewPanel:')).map((event) => event.slice('onWebviewPanel:'.length));
    assert.deepEqual(sorted(Object.values(ViewTypes)), sorted([...panels, ...manifest.contributes.customEditors.map((editor) => editor.viewType)]));
  });

  it('has every dashscope context key a when clause or walkthrough completion event reads, and no other', () => {
    const conditions: string[] = [];
    JSON.parse(text, (key, value: unknown) => {
      if (key === 'when' && typeof value === 'string') conditions.push(value);
      if (typeof value === 'string' && value.startsWith('onContext:')) conditions.push(value.slice('onContext:'.length));
      return value;
    });
    const keys = conditions.flatMap((condition) => [...condition.replace(/view == [\w.]+/g, '').matchAll(/(?<![\w.])dashscope\.[\w.]+/g)].map((match) => match[0]));
    assert.deepEqual(sorted(Object.values(ContextKeys)), sorted(keys));
  });
});
