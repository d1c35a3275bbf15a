import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { MAX_TEXT_BYTES } from '../../src/extension/chat/chatAttachments';
import { imageTypeOf, pastedImage, pickWorkspaceFile } from '../../src/extension/chat/chatContext';
import { PASTED_IMAGE_MAX_BYTES } from '../../src/shared/protocol/chat';

const test = vscode as unknown as typeof double;
const folder = mkdtempSync(path.join(os.tmpdir(), 'context-'));
after(() => rmSync(folder, { recursive: true, force: true }));
const images = test.Uri.file(path.join(folder, 'images'));
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('chat context chips (host, vscode double)', () => {
  afterEach(() => test.resetVscode());

  it('tells image types by their first bytes, not their names', () => {
    assert.equal(imageTypeOf(png)?.mimeType, 'image/png');
    assert.equal(imageTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))?.mimeType, 'image/jpeg');
    assert.equal(imageTypeOf(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))?.mimeType, 'image/webp');
    assert.equal(imageTypeOf(Buffer.from('RIFF\0\0\0\0WAVEfmt ')), undefined, 'a WAV file is RIFF too');
    assert.equal(imageTypeOf(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), undefined);
  });

  it('keeps a pasted PNG as a file and attaches it; refuses a non-image and an oversized paste without writing', async () => {
    const picked = await pastedImage(png.toString('base64'), 'shot.png', images);
    assert.deepEqual(picked.refused, []);
    const [image] = picked.attachments;
    assert.equal(image?.kind, 'image');
    assert.equal(image?.mimeType, 'image/png');
    assert.deepEqual(readFileSync(image!.path!), png);
    const text = await pastedImage(Buffer.from('#!/bin/sh\nrm -rf /').toString('base64'), 'evil.png', images);
    assert.deepEqual(text, { attachments: [], refused: ['evil.png is not a PNG, JPEG, GIF, WebP or BMP image.'] });
    const huge = await pastedImage('A'.repeat(Math.ceil((PASTED_IMAGE_MAX_BYTES + 8) / 3) * 4), 'huge.png', images);
    assert.deepEqual(huge.refused, ['huge.png is larger than 10 MB.']);
  });

  it('# lists the workspace\'s files in a quick pick and attaches the picked one within the text size limit', async () => {
    const notes = path.join(folder, 'notes.md');
    writeFileSync(notes, '# Notes\n');
    const big = path.join(folder, 'big.log');
    writeFileSync(big, 'x'.repeat(MAX_TEXT_BYTES + 1));
    test.workspace.openFolder(folder);
    const listed: unknown[] = [];
    Object.assign(test.workspace, { findFiles: async (_include: string, _exclude: string, max: number) => {
      listed.push(max);
      return [test.Uri.file(notes), test.Uri.file(big)];
    } });
    try {
      let choose = 'notes.md';
      test.ui.respond((prompt) => (prompt.kind === 'quickPick' ? prompt.items.find((item) => (item as { label: string }).label === choose) : undefined));
      const picked = await pickWorkspaceFile();
      assert.deepEqual(picked.attachments.map((item) => [item.kind, item.name, item.text, item.source]), [['file', 'notes.md', '# Notes\n', 'notes.md']]);
      assert.equal(typeof listed[0], 'number', 'the listing is bounded');
      choose = 'big.log';
      assert.deepEqual((await pickWorkspaceFile()).refused, [`big.log is larger than ${MAX_TEXT_BYTES / 1024} KB.`]);
      test.ui.respond(() => undefined);
      assert.deepEqual(await pickWorkspaceFile(), { attachments: [], refused: [] }, 'Escape attaches nothing');
    } finally {
      delete (test.workspace as { findFiles?: unknown }).findFiles;
    }
  });
});
