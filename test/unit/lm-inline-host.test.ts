import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { InlineCompletions, TOGGLE_COMMAND } from '../../src/extension/lm/inlineCompletions';
import type { Services } from '../../src/extension/services';

const test = vscode as unknown as typeof double;

describe('inline completions in the host (vscode double)', () => {
  afterEach(() => test.resetVscode());

  it('registers one provider for every file, and the status bar item turns completions on and off', async () => {
    const services = { connection: { hasKey: true, settings: { region: 'cn' }, client: async () => undefined }, log: { warn: () => undefined } } as unknown as Services;
    const completions = new InlineCompletions(services);
    assert.deepEqual(test.languages.inlineCompletionProviders.map((entry) => entry.selector), [{ pattern: '**' }]);
    const item = test.window.statusBarItems.at(-1)!;
    assert.match(item.text, /circle-slash\) Qwen/);
    assert.equal(item.command, TOGGLE_COMMAND);
    await test.commands.executeCommand(TOGGLE_COMMAND);
    assert.equal(test.configuration.effective('dashscope.inlineCompletions.enabled'), true);
    assert.match(item.text, /sparkle\) Qwen/);
    await test.commands.executeCommand(TOGGLE_COMMAND);
    assert.match(item.text, /circle-slash\) Qwen/);
    completions.dispose();
    assert.equal(test.languages.inlineCompletionProviders.length, 0);
  });
});
