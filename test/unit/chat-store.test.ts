import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConversationStore, titleFrom, type ChatStorage } from '../../src/extension/chat/conversationStore';

function memoryStorage(): ChatStorage & { files: Map<string, string> } {
  const files = new Map<string, string>();
  return {
    files,
    read: async (key) => files.get(key),
    write: async (key, text) => void files.set(key, text),
    delete: async (key) => void files.delete(key),
  };
}

async function open(storage: ChatStorage, problems: string[] = []) {
  let clock = 1000;
  let next = 0;
  return ConversationStore.open(storage, { now: () => (clock += 10), newId: () => `c${++next}`, onProblem: (message) => void problems.push(message) });
}

const settings = { model: 'qwen-plus', systemPrompt: '', thinking: false };

describe('conversation store', () => {
  it('lists a conversation once saved, and reads it back after a reload', async () => {
    const storage = memoryStorage();
    const store = await open(storage);
    const conversation = store.create(settings, 'New conversation');
    assert.deepEqual(store.list(), [], 'an empty new conversation is not listed');
    await store.save({ ...conversation, messages: [{ id: 'm1', role: 'user', content: 'Hello' }] });
    const reloaded = await open(storage);
    assert.deepEqual(reloaded.list().map((item) => item.id), ['c1']);
    assert.equal((await reloaded.get('c1'))?.messages[0]?.content, 'Hello');
  });

  it('orders by last change, renames (fixing the title) and deletes', async () => {
    const storage = memoryStorage();
    const store = await open(storage);
    const first = await store.save({ ...store.create(settings, 'First'), messages: [{ id: 'a', role: 'user', content: 'a' }] });
    await store.save({ ...store.create(settings, 'Second'), messages: [{ id: 'b', role: 'user', content: 'b' }] });
    assert.deepEqual(store.list().map((item) => item.title), ['Second', 'First']);
    await store.rename(first.id, 'Renamed');
    assert.deepEqual(store.list().map((item) => item.title), ['Renamed', 'Second']);
    assert.equal((await store.get(first.id))?.titleFixed, true);
    await store.delete(first.id);
    assert.deepEqual(store.list().map((item) => item.title), ['Second']);
    assert.equal(storage.files.has(`conversation-${first.id}`), false);
  });

  it('drops attachment contents no message refers to any more', async () => {
    const store = await open(memoryStorage());
    const attachment = { id: 'att', kind: 'selection' as const, name: 'a.ts', text: 'code', sizeBytes: 4 };
    const saved = await store.save({ ...store.create(settings, 'x'), messages: [{ id: 'm', role: 'user', content: '' }], attachments: { att: attachment } });
    assert.deepEqual(saved.attachments, {});
  });

  it('survives a corrupt index or conversation, reporting it', async () => {
    const storage = memoryStorage();
    storage.files.set('index', '{not json');
    const problems: string[] = [];
    const store = await open(storage, problems);
    assert.deepEqual(store.list(), []);
    storage.files.set('index', JSON.stringify({ version: 1, conversations: [{ id: 'bad', title: 'Bad', updatedAt: 1 }] }));
    storage.files.set('conversation-bad', '{"id":"bad"}');
    const again = await open(storage, problems);
    assert.equal(await again.get('bad'), undefined);
    assert.deepEqual(again.list(), []);
    assert.equal(problems.length, 2);
  });

  it('never writes anything that looks like an API key: only what it is given', async () => {
    const storage = memoryStorage();
    const store = await open(storage);
    await store.save({ ...store.create(settings, 'x'), messages: [{ id: 'm', role: 'user', content: 'hi' }] });
    for (const text of storage.files.values()) assert.doesNotMatch(text, /sk-|apiKey|authorization/i);
  });

  it('titles a conversation from the first line of its first prompt', () => {
    assert.equal(titleFrom('  Explain   closures\nin detail', 'New'), 'Explain closures');
    assert.equal(titleFrom('', 'New'), 'New');
    const long = titleFrom('word '.repeat(30), 'New');
    assert.ok(long.length <= 61 && long.endsWith('…'));
  });
});
