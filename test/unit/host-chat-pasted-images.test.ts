import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { ChatService } from '../../src/extension/chat/chatService';
import type { StoredAttachment } from '../../src/extension/chat/conversationStore';
import { PASTED_IMAGE_GRACE_MS, PASTED_IMAGES_FOLDER, removeUnusedImages } from '../../src/extension/chat/pastedImages';
import { ConnectionHealth } from '../../src/extension/connectionState';
import { Log } from '../../src/extension/log';
import { SecretRedactor } from '../../src/extension/secretRedactor';
import type { Services } from '../../src/extension/services';
import { WindowPresence } from '../../src/extension/windowPresence';
import { closeWindowsAfterEach, until } from './hostWindows';

const test = vscode as unknown as typeof double;
const DAY_MS = 24 * 60 * 60 * 1000;
let counter = 0;

/** A pasted image file in `folder` (named as `pastedImage` names them), last written `ageMs` ago. */
function pasted(folder: string, ageMs = 0): string {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}.png`);
  writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const at = (Date.now() - ageMs) / 1000;
  utimesSync(file, at, at);
  return file;
}

const image = (file: string): StoredAttachment => ({ id: path.basename(file), kind: 'image', name: 'pasted.png', path: file, mimeType: 'image/png', sizeBytes: 4 });

/** A conversation file as the store saves it, attaching `files`. */
function savedConversation(chatFolder: string, id: string, files: readonly string[]): void {
  mkdirSync(chatFolder, { recursive: true });
  const attachments = Object.fromEntries(files.map((file) => [path.basename(file), image(file)]));
  writeFileSync(path.join(chatFolder, `conversation-${id}.json`), JSON.stringify({ id, title: id, createdAt: 0, updatedAt: 0, settings: { model: 'qwen-plus', systemPrompt: '', thinking: false }, messages: [], attachments }));
  writeFileSync(path.join(chatFolder, `summary-${id}.json`), JSON.stringify({ id, title: id, updatedAt: 0 }));
}

describe('pasted chat images nothing refers to any more', () => {
  it('are removed once older than the grace period; attached, drafted, recent and foreign files stay', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'dashscope-pasted-'));
    const [imagesFolder, chatFolder] = [path.join(storage, PASTED_IMAGES_FOLDER), path.join(storage, 'chat')];
    const unused = pasted(imagesFolder, 2 * DAY_MS);
    const attached = pasted(imagesFolder, 2 * DAY_MS);
    const drafted = pasted(imagesFolder, 2 * DAY_MS);
    const recent = pasted(imagesFolder, PASTED_IMAGE_GRACE_MS / 2);
    const released = pasted(imagesFolder);
    const foreign = path.join(imagesFolder, 'notes.png');
    writeFileSync(foreign, 'mine');
    utimesSync(foreign, 0, 0);
    savedConversation(chatFolder, 'c1', [attached]);

    const removed = await removeUnusedImages({ imagesFolder, chatFolder, now: Date.now(), drafts: [drafted], released: [released] });
    assert.deepEqual(removed.sort(), [path.basename(unused), path.basename(released)].sort());
    assert.deepEqual([unused, attached, drafted, recent, released, foreign].map(existsSync), [false, true, true, true, false, true]);
  });

  it('are all kept while a saved conversation cannot be read (what it attaches is not known)', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'dashscope-pasted-'));
    const [imagesFolder, chatFolder] = [path.join(storage, PASTED_IMAGES_FOLDER), path.join(storage, 'chat')];
    const old = pasted(imagesFolder, 2 * DAY_MS);
    mkdirSync(chatFolder, { recursive: true });
    writeFileSync(path.join(chatFolder, 'conversation-broken.json'), '{"attachments": {');
    assert.deepEqual(await removeUnusedImages({ imagesFolder, chatFolder, now: Date.now(), drafts: [] }), []);
    assert.equal(existsSync(old), true);
  });
});

describe('pasted chat images (host, vscode double)', () => {
  const closeAfterTest = closeWindowsAfterEach();

  async function openWindow(storage: string) {
    const connection = { client: async () => undefined, settings: { region: 'cn', plan: 'payg', chatModel: 'qwen-plus' }, hasKey: false, onDidChange: () => ({ dispose: () => undefined }) };
    const services = { context: test.createExtensionContext({ globalStorage: storage }), log: new Log(new SecretRedactor()), connection } as unknown as Services;
    const windows = new WindowPresence(path.join(storage, 'windows'));
    await windows.start();
    const service = await ChatService.create(services, windows, new ConnectionHealth(async () => undefined));
    closeAfterTest(service, windows);
    return service;
  }

  it('go when the window starts once a day old, and with their conversation when it is deleted', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'dashscope-pasted-'));
    const [imagesFolder, chatFolder] = [path.join(storage, PASTED_IMAGES_FOLDER), path.join(storage, 'chat')];
    const leftOver = pasted(imagesFolder, 2 * DAY_MS);
    const inFirst = pasted(imagesFolder);
    const inBoth = pasted(imagesFolder);
    const inSecond = pasted(imagesFolder, 2 * DAY_MS);
    savedConversation(chatFolder, 'first', [inFirst, inBoth]);
    savedConversation(chatFolder, 'second', [inBoth, inSecond]);

    const service = await openWindow(storage);
    await until(() => !existsSync(leftOver), 'the day-old unused image is removed at startup');
    assert.deepEqual([inFirst, inBoth, inSecond].map(existsSync), [true, true, true]);

    await service.delete('first');
    assert.deepEqual([inFirst, inBoth, inSecond].map(existsSync), [false, true, true], 'the deleted conversation\'s own image goes at once; the shared one stays');
  });

  it('go when removed from the draft they were pasted into; the draft\'s other images stay', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'dashscope-pasted-'));
    const imagesFolder = path.join(storage, PASTED_IMAGES_FOLDER);
    const leftOver = pasted(imagesFolder, 2 * DAY_MS);
    const service = await openWindow(storage);
    await until(() => !existsSync(leftOver), 'the startup sweep is done');
    const [removed, kept] = [pasted(imagesFolder), pasted(imagesFolder, 2 * DAY_MS)];
    const conversation = service.newConversation();
    service.attach(conversation.id, [removed, kept].map((file) => { const { id: _id, ...attachment } = image(file); return attachment; }));
    const draft = service.state(conversation).draftAttachments;
    service.removeAttachment(conversation.id, draft[0]!.id);
    await until(() => !existsSync(removed), 'the removed image is gone');
    assert.equal(existsSync(kept), true, 'a day-old image still in the draft stays');
  });

  it('leave the draft in the views as soon as they are sent with a prompt, before the conversation is saved', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'dashscope-pasted-'));
    const service = await openWindow(storage);
    const conversation = service.newConversation();
    const { id: _id, ...attachment } = image(pasted(path.join(storage, PASTED_IMAGES_FOLDER)));
    service.attach(conversation.id, [attachment]);
    const changed: (string | undefined)[] = [];
    service.onDidChangeState((id) => changed.push(id));
    assert.equal(await service.send(conversation.id, 'What is this?'), true);
    assert.ok(changed.some((id) => id === undefined || id === conversation.id), 'the views were told when send returned');
    assert.deepEqual(service.state(conversation).draftAttachments, []);
  });
});
