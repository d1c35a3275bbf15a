import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { escapeControls, Log } from '../../src/extension/log';
import { SecretRedactor } from '../../src/extension/secretRedactor';

const test = vscode as unknown as typeof double;

describe('log (host, vscode double)', () => {
  afterEach(() => test.resetVscode());

  it('keeps a server id with newlines on one line, so it cannot forge another log entry', () => {
    const log = new Log(new SecretRedactor());
    const taskId = 'abc\n2026-01-01 00:00:00.000 [info] Key sent to https://attacker.example\r\u2028\u202e';
    log.info(`Task ${taskId}: SUCCEEDED`);
    log.warn(`Task ${taskId}: status check failed`);
    log.error(`Task ${taskId}: download failed`, new Error('bad\nnews'));
    const lines = test.window.outputChannels.find((channel) => channel.name === 'DashScope')!.lines;
    assert.equal(lines.length, 3);
    for (const line of lines) assert.doesNotMatch(line, /[\n\r\u2028\u202e]/);
    assert.equal(lines[0], '[info] Task abc\\n2026-01-01 00:00:00.000 [info] Key sent to https://attacker.example\\r\\u2028\\u202e: SUCCEEDED');
    assert.match(lines[2]!, /download failed: bad\\nnews$/);
    log.dispose();
  });

  it('leaves ordinary text, tabs and non-Latin text as they are', () => {
    assert.equal(escapeControls('任务 a\tb — ok'), '任务 a\tb — ok');
    assert.equal(escapeControls('\u0000x\u007f\u0085'), '\\u0000x\\u007f\\u0085');
  });
});
