import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { DashScopeClient } from '../../src/dashscope';
import { describeModel } from '../../src/extension/chat/chatModels';
import type { StoredConversation } from '../../src/extension/chat/conversationStore';
import { ImageUrls } from '../../src/extension/chat/imageUrls';

function conversationWithImage(file: string): StoredConversation {
  return {
    id: 'c1',
    title: 'Images',
    createdAt: 0,
    updatedAt: 0,
    settings: { model: 'qwen3-vl-plus', systemPrompt: '', thinking: false },
    messages: [{ id: 'm1', role: 'user', content: 'What is this?', attachments: [{ id: 'a1', kind: 'image', name: 'cat.png', sizeBytes: 4 }] }],
    attachments: { a1: { id: 'a1', kind: 'image', name: 'cat.png', sizeBytes: 4, path: file, mimeType: 'image/png' } },
  };
}

describe('chat image URLs', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'chat-images-'));
  const file = path.join(folder, 'cat.png');
  writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47]));

  it('reads and uploads an image once per session, then reuses its URL', async () => {
    const uploads: string[] = [];
    const client = { uploads: { toMediaUrl: async (file: { fileName: string }) => (uploads.push(file.fileName), `oss://bucket/${file.fileName}`) } } as unknown as DashScopeClient;
    const urls = new ImageUrls();
    const conversation = conversationWithImage(file);
    const first = await urls.resolve(client, conversation, describeModel('qwen3-vl-plus'), new AbortController().signal);
    const second = await urls.resolve(client, conversation, describeModel('qwen3-vl-plus'), new AbortController().signal);
    assert.equal(first.get('a1'), 'oss://bucket/cat.png');
    assert.deepEqual([...second], [...first]);
    assert.deepEqual(uploads, ['cat.png']);
  });

  it('refuses images for a model that does not read them, naming the model', async () => {
    const client = { uploads: { toMediaUrl: async () => assert.fail('nothing is uploaded') } } as unknown as DashScopeClient;
    await assert.rejects(new ImageUrls().resolve(client, conversationWithImage(file), describeModel('qwen-plus'), new AbortController().signal), /qwen-plus does not read images/);
  });
});
