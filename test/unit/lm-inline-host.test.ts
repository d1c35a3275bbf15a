import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import { Commands } from '../../src/extension/ids';
import type * as double from '../vscode';
import { registerChatModelsGuide } from '../../src/extension/lm/chatModelsGuide';
import { InlineCompletions } from '../../src/extension/lm/inlineCompletions';
import { registerLanguageModels } from '../../src/extension/lm/registerLanguageModels';
import type { Services } from '../../src/extension/services';
import type { SpeechStudio } from '../../src/extension/speech/speechStudio';
import type { TaskTracker } from '../../src/extension/tasks/taskTracker';

const test = vscode as unknown as typeof double;

describe('inline completions in the host (vscode double)', () => {
  afterEach(() => test.resetVscode());

  it('registers one provider for every file, and the status bar item turns completions on and off', async () => {
    const services = { connection: { hasKey: true, settings: { region: 'cn' }, client: async () => undefined }, log: { warn: () => undefined } } as unknown as Services;
    const completions = new InlineCompletions(services);
    assert.deepEqual(test.languages.inlineCompletionProviders.map((entry) => entry.selector), [{ pattern: '**' }]);
    const item = test.window.statusBarItems.at(-1)!;
    assert.match(item.text, /circle-slash\) Qwen/);
    assert.equal(item.command, Commands.toggleInlineCompletions);
    await test.commands.executeCommand(Commands.toggleInlineCompletions);
    assert.equal(test.configuration.effective('dashscope.inlineCompletions.enabled'), true);
    assert.match(item.text, /sparkle\) Qwen/);
    await test.commands.executeCommand(Commands.toggleInlineCompletions);
    assert.match(item.text, /circle-slash\) Qwen/);
    completions.dispose();
    assert.equal(test.languages.inlineCompletionProviders.length, 0);
  });
});

describe('"Use Qwen in VS Code Chat" (vscode double)', () => {
  afterEach(() => test.resetVscode());
  const guide = (hasKey: boolean, providerAvailable: boolean) =>
    registerChatModelsGuide({ connection: { hasKey } } as unknown as Services, providerAvailable);
  const ran = () => test.commands.executed.map((entry) => entry.command).filter((command) => command !== Commands.useInVsCodeChat);

  it('asks for a key first, opens Manage Language Models once there is one, and says what to choose there', async () => {
    const noKey = guide(false, true);
    await test.commands.executeCommand(Commands.useInVsCodeChat);
    assert.deepEqual(ran(), ['dashscope.setApiKey']);
    noKey.dispose();
    test.commands.executed.length = 0;
    const withKey = guide(true, true);
    await test.commands.executeCommand(Commands.useInVsCodeChat);
    assert.deepEqual(ran(), ['workbench.action.chat.manage']);
    assert.match(test.ui.messages('info').join('\n'), /Add Models…" → DashScope/);
    withKey.dispose();
  });

  it('says which VS Code it needs where the provider API is missing', async () => {
    const old = guide(true, false);
    await test.commands.executeCommand(Commands.useInVsCodeChat);
    assert.deepEqual(ran(), []);
    assert.match(test.ui.messages('info').join('\n'), /1\.104 or later \(this is 1\.100\.0\)/);
    old.dispose();
  });
});

describe('registration by VS Code version (vscode double)', () => {
  afterEach(() => {
    delete test.lm.registerLanguageModelChatProvider;
    test.resetVscode();
  });
  const services = () => {
    const warnings: string[] = [];
    const infos: string[] = [];
    const changed = new test.EventEmitter<void>();
    const value = { connection: { hasKey: true, settings: { region: 'cn' }, onDidChange: changed.event, client: async () => undefined }, log: { warn: (line: string) => warnings.push(line), info: (line: string) => infos.push(line) } } as unknown as Services;
    return { value, warnings, infos };
  };

  it('registers the provider where VS Code offers it, skips it before 1.104, and survives 1.103\'s proposed-only function', () => {
    const registered: string[] = [];
    test.lm.registerLanguageModelChatProvider = (vendor: string) => (registered.push(vendor), new test.Disposable(() => undefined));
    const current = services();
    registerLanguageModels(current.value, {} as TaskTracker, {} as SpeechStudio).forEach((item) => item.dispose());
    assert.deepEqual(registered, ['dashscope']);

    delete test.lm.registerLanguageModelChatProvider;
    const old = services();
    registerLanguageModels(old.value, {} as TaskTracker, {} as SpeechStudio).forEach((item) => item.dispose());
    assert.match(old.infos.join('\n'), /has no language model provider API/);

    test.lm.registerLanguageModelChatProvider = () => {
      throw new Error('Extension cannot use API proposal: chatProvider');
    };
    const proposed = services();
    const disposables = registerLanguageModels(proposed.value, {} as TaskTracker, {} as SpeechStudio);
    assert.match(proposed.warnings.join('\n'), /refused the language model provider: .*chatProvider/);
    assert.ok(disposables.length > 0);
    disposables.forEach((item) => item.dispose());
  });
});
