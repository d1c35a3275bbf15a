import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { registerChatModelsGuide, USE_IN_CHAT_COMMAND } from '../../src/extension/lm/chatModelsGuide';
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

describe('"Use Qwen in VS Code Chat" (vscode double)', () => {
  afterEach(() => test.resetVscode());
  const guide = (hasKey: boolean, providerAvailable: boolean) =>
    registerChatModelsGuide({ connection: { hasKey } } as unknown as Services, providerAvailable);
  const ran = () => test.commands.executed.map((entry) => entry.command).filter((command) => command !== USE_IN_CHAT_COMMAND);

  it('asks for a key first, opens Manage Language Models once there is one, and says what to choose there', async () => {
    const noKey = guide(false, true);
    await test.commands.executeCommand(USE_IN_CHAT_COMMAND);
    assert.deepEqual(ran(), ['dashscope.setApiKey']);
    noKey.dispose();
    test.commands.executed.length = 0;
    const withKey = guide(true, true);
    await test.commands.executeCommand(USE_IN_CHAT_COMMAND);
    assert.deepEqual(ran(), ['workbench.action.chat.manage']);
    assert.match(test.ui.messages('info').join('\n'), /Add Models…" → DashScope/);
    withKey.dispose();
  });

  it('says which VS Code it needs where the provider API is missing', async () => {
    const old = guide(true, false);
    await test.commands.executeCommand(USE_IN_CHAT_COMMAND);
    assert.deepEqual(ran(), []);
    assert.match(test.ui.messages('info').join('\n'), /1\.104 or later \(this is 1\.100\.0\)/);
    old.dispose();
  });
});
