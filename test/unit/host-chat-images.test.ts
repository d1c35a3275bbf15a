import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { DashScopeClient } from '../../src/dashscope';
import { describeModel } from '../../src/extension/chat/chatModels';
import type { StoredConversation } from '../../src/extension/chat/conversationStore';
import { ImageUrls } from '../../src/extension/chat/imageUrls';
import { buildChatRequest } from '../../src/extension/chat/requestBuilder';

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
    assert.equal(first.urls.get('a1'), 'oss://bucket/cat.png');
    assert.deepEqual([...second.urls], [...first.urls]);
    assert.deepEqual(uploads, ['cat.png']);
  });

  it('names an earlier image whose file is gone in its place and sends the rest; the prompt being answered must have its images', async () => {
    const client = { uploads: { toMediaUrl: async (file: { fileName: string }) => `oss://bucket/${file.fileName}` } } as unknown as DashScopeClient;
    const lost = path.join(folder, 'lost.png');
    const earlier = conversationWithImage(lost);
    const conversation: StoredConversation = {
      ...earlier,
      messages: [...earlier.messages, { id: 'r1', role: 'assistant', content: 'A cat.' }, { id: 'm2', role: 'user', content: 'And this?', attachments: [{ id: 'a2', kind: 'image', name: 'dog.png', sizeBytes: 4 }] }],
      attachments: { ...earlier.attachments, a2: { id: 'a2', kind: 'image', name: 'dog.png', sizeBytes: 4, path: file, mimeType: 'image/png' } },
    };
    const model = describeModel('qwen3-vl-plus');
    const images = await new ImageUrls().resolve(client, conversation, model, new AbortController().signal);
    assert.deepEqual([...images.gone], ['a1']);
    const [first, , last] = buildChatRequest(conversation, model, images).messages;
    assert.equal(first!.content, '(The image cat.png is no longer available.)\n\nWhat is this?');
    assert.deepEqual(last!.content, [{ type: 'image_url', image_url: { url: 'oss://bucket/dog.png' } }, { type: 'text', text: 'And this?' }]);

    await assert.rejects(new ImageUrls().resolve(client, earlier, model, new AbortController().signal), (error: Error) => {
      assert.equal(error.message, `The image cat.png is no longer on disk (${lost}). Attach it again, or edit the prompt without it.`);
      return true;
    });
  });

  it('refuses images for a model that does not read them, naming the model', async () => {
    const client = { uploads: { toMediaUrl: async () => assert.fail('nothing is uploaded') } } as unknown as DashScopeClient;
    await assert.rejects(new ImageUrls().resolve(client, conversationWithImage(file), describeModel('qwen-plus'), new AbortController().signal), /qwen-plus does not read images/);
  });
});
