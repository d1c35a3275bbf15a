import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it, type TestContext } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { registerCommand } from '../../src/extension/command';
import { activate } from '../../src/extension/extension';
import { Commands } from '../../src/extension/ids';
import { Log } from '../../src/extension/log';
import { SecretRedactor } from '../../src/extension/secretRedactor';

const test = vscode as unknown as typeof double;

describe('registerCommand (host, vscode double)', () => {
  afterEach(() => test.resetVscode());

  it('passes the arguments, and turns a failure into an error message and a log line naming the command', async () => {
    const log = new Log(new SecretRedactor());
    const seen: unknown[] = [];
    const ok = registerCommand(log, 'dashscope.test.ok', (value: number) => void seen.push(value));
    const failing = registerCommand(log, 'dashscope.test.fails', async () => {
      throw new Error('The disk is full.');
    });
    await vscode.commands.executeCommand('dashscope.test.ok', 7);
    await vscode.commands.executeCommand('dashscope.test.fails');
    assert.deepEqual(seen, [7]);
    assert.ok(test.ui.messages('error').some((message) => message.includes('The disk is full.')));
    assert.match(test.window.outputChannels.flatMap((channel) => channel.lines).join('\n'), /dashscope\.test\.fails failed/);
    ok.dispose();
    failing.dispose();
    log.dispose();
  });
});

describe('every feature\'s commands report a failure the same way (activated extension, vscode double)', () => {
  const context = test.createExtensionContext();
  const logText = () => test.window.outputChannels.flatMap((channel) => channel.lines).join('\n');
  const failingPanels = (t: TestContext) => t.mock.method(vscode.window, 'createWebviewPanel', () => {
    throw new Error('No room for a panel.');
  });
  const failingPickers = () => test.ui.respond((prompt) => {
    if (prompt.kind === 'quickPick' || prompt.kind === 'inputBox') throw new Error('The picker broke.');
    return undefined;
  });

  before(async () => {
    await activate(context as unknown as vscode.ExtensionContext);
  });
  afterEach(() => test.ui.reset());
  after(() => {
    test.disposeContext(context);
    test.resetVscode();
  });

  it('a Tasks command shows its error and logs its id', async () => {
    failingPickers();
    await vscode.commands.executeCommand(Commands.trackTaskById);
    assert.deepEqual(test.ui.messages('error'), ['The picker broke.']);
    assert.match(logText(), /dashscope\.tasks\.trackById failed/);
  });

  it('a chat command shows its error and logs its id, instead of rejecting to VS Code', async (t) => {
    failingPanels(t);
    await vscode.commands.executeCommand(Commands.openChat);
    assert.deepEqual(test.ui.messages('error'), ['No room for a panel.']);
    assert.match(logText(), /dashscope\.chat\.open failed/);
  });

  it('no command rejects to VS Code when the pickers and panels under it fail', async (t) => {
    failingPanels(t);
    failingPickers();
    const rejected: string[] = [];
    for (const id of Object.values(Commands)) await Promise.resolve(vscode.commands.executeCommand(id)).catch(() => rejected.push(id));
    assert.deepEqual(rejected, []);
  });
});
