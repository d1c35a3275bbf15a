import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { MAX_TEXT_BYTES, pickTextFiles } from '../../src/extension/chat/chatAttachments';

const test = vscode as unknown as typeof double;
const folder = mkdtempSync(path.join(os.tmpdir(), 'attach-'));
after(() => rmSync(folder, { recursive: true, force: true }));

describe('text attachments (host, vscode double)', () => {
  afterEach(() => test.resetVscode());

  it('refuses a file larger than the limit from its size, without reading it', async () => {
    const big = path.join(folder, 'big.log');
    writeFileSync(big, '');
    truncateSync(big, 200 * 2 ** 20);
    const small = path.join(folder, 'small.txt');
    writeFileSync(small, 'hello');
    test.ui.respond((prompt) => (prompt.kind === 'openDialog' ? [test.Uri.file(big), test.Uri.file(small)] : undefined));
    const read: string[] = [];
    const readFile = test.workspace.fs.readFile;
    test.workspace.fs.readFile = async (uri: vscode.Uri) => {
      read.push(path.basename(uri.fsPath));
      return readFile(uri);
    };
    try {
      const picked = await pickTextFiles();
      assert.deepEqual(picked.refused, [`big.log is larger than ${MAX_TEXT_BYTES / 1024} KB.`]);
      assert.deepEqual(picked.attachments.map((attachment) => attachment.name), ['small.txt']);
      assert.deepEqual(read, ['small.txt'], 'the large file was never read');
    } finally {
      test.workspace.fs.readFile = readFile;
    }
  });
});
