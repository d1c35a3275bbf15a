import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { registerCommand } from '../../src/extension/command';
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
