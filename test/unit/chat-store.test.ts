import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConversationStore, titleFrom, type ChatStorage, type ChatWindows, type StoredConversation } from '../../src/extension/chat/conversationStore';
import { memoryStorage } from './memoryChatStorage';

const alone = { id: 'w1', isLive: (id: string | undefined) => id === 'w1' };
let clock = 1000;

async function open(storage: ChatStorage, problems: string[] = [], windows: ChatWindows = alone, prefix = 'c') {
  let next = 0;
  return ConversationStore.open(storage, { now: () => (clock += 10), newId: () => `${prefix}${++next}`, onProblem: (message) => void problems.push(message), windows });
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

  it('survives a corrupt legacy index or conversation, reporting it', async () => {
    const storage = memoryStorage();
    storage.files.set('index', '{not json');
    const problems: string[] = [];
    const store = await open(storage, problems);
    assert.deepEqual(store.list(), []);
    storage.files.set('summary-bad', JSON.stringify({ id: 'bad', title: 'Bad', updatedAt: 1 }));
    storage.files.set('conversation-bad', '{"id":"bad"}');
    const again = await open(storage, problems);
    assert.equal(await again.get('bad'), undefined);
    assert.deepEqual(again.list(), []);
    assert.equal(problems.length, 2);
  });

  it('lists the conversations of the single index of earlier versions, once', async () => {
    const storage = memoryStorage();
    const old = { id: 'old', title: 'Old', createdAt: 1, updatedAt: 5, settings, messages: [{ id: 'm', role: 'user', content: 'hi' }], attachments: {} };
    storage.files.set('conversation-old', JSON.stringify(old));
    storage.files.set('index', JSON.stringify({ version: 1, conversations: [{ id: 'old', title: 'Old', updatedAt: 5 }, { id: 'gone', title: 'Gone', updatedAt: 4 }] }));
    const store = await open(storage);
    assert.deepEqual(store.list().map((item) => item.id), ['old']);
    assert.equal(storage.files.has('index'), false);
  });
});

const streamingConversation = (streamingIn?: string): StoredConversation => ({
  id: 'c', title: 'T', createdAt: 1, updatedAt: 2, settings, attachments: {}, ...(streamingIn ? { streamingIn } : {}),
  messages: [{ id: 'q', role: 'user', content: 'Tell me' }, { id: 'r', role: 'assistant', content: 'Once upon', status: 'streaming' }],
});

describe('replies cut by a crash or reload', () => {
  it('a reply saved while streaming that no live window streams becomes interrupted, its text kept', async () => {
    const storage = memoryStorage();
    storage.files.set('conversation-c', JSON.stringify(streamingConversation('closed-window')));
    storage.files.set('summary-c', JSON.stringify({ id: 'c', title: 'T', updatedAt: 2 }));
    const reply = (await (await open(storage)).get('c'))!.messages[1]!;
    assert.deepEqual([reply.status, reply.content], ['interrupted', 'Once upon']);
  });

  it('a reply another live window is streaming stays streaming there, and is settled once that window is gone', async () => {
    const storage = memoryStorage();
    storage.files.set('conversation-c', JSON.stringify(streamingConversation('w2')));
    storage.files.set('summary-c', JSON.stringify({ id: 'c', title: 'T', updatedAt: 2 }));
    const live = new Set(['w1', 'w2']);
    const store = await open(storage, [], { id: 'w1', isLive: (id) => id !== undefined && live.has(id) });
    assert.equal((await store.get('c'))!.messages[1]!.status, 'streaming');
    assert.deepEqual(store.settleAll(), []);
    live.delete('w2');
    assert.deepEqual(store.settleAll(), ['c']);
    assert.equal((await store.get('c'))!.messages[1]!.status, 'interrupted');
  });

  it('a save while streaming here names this window; the last save does not', async () => {
    const storage = memoryStorage();
    const store = await open(storage);
    const conversation = store.create(settings, 'T');
    store.setStreaming(conversation.id, true);
    await store.save({ ...conversation, messages: streamingConversation().messages });
    assert.equal(JSON.parse(storage.files.get(`conversation-${conversation.id}`)!).streamingIn, 'w1');
    store.setStreaming(conversation.id, false);
    await store.save({ ...conversation, messages: [] });
    assert.equal(JSON.parse(storage.files.get(`conversation-${conversation.id}`)!).streamingIn, undefined);
  });
});

describe('conversation store shared by several windows', () => {
  it('lists the conversations of both windows in both', async () => {
    const storage = memoryStorage();
    const [a, b] = await Promise.all([open(storage, [], alone, 'a'), open(storage, [], alone, 'b')]);
    await Promise.all([
      a.save({ ...a.create(settings, 'From A'), messages: [{ id: 'm', role: 'user', content: 'a' }] }),
      b.save({ ...b.create(settings, 'From B'), messages: [{ id: 'm', role: 'user', content: 'b' }] }),
    ]);
    assert.deepEqual([...(await a.reload())], ['b1']);
    await b.reload();
    assert.deepEqual(a.list().map((item) => item.title).sort(), ['From A', 'From B']);
    assert.deepEqual(b.list().map((item) => item.title).sort(), ['From A', 'From B']);
    assert.deepEqual((await open(storage)).list().map((item) => item.title).sort(), ['From A', 'From B']);
  });

  it('reads a conversation again after another window changed it', async () => {
    const storage = memoryStorage();
    const a = await open(storage, [], alone, 'a');
    const saved = await a.save({ ...a.create(settings, 'Shared'), messages: [{ id: 'm', role: 'user', content: 'first' }] });
    const b = await open(storage, [], alone, 'b');
    const seen = (await b.get(saved.id))!;
    await a.save({ ...saved, messages: [...saved.messages, { id: 'n', role: 'user', content: 'second' }] });
    assert.deepEqual([...(await b.reload())], [saved.id]);
    assert.notEqual(await b.get(saved.id), seen);
    assert.equal((await b.get(saved.id))!.messages.length, 2);
  });

  it('loses nothing when two windows save and delete hundreds of conversations at once (stress)', async () => {
    const storage = memoryStorage();
    const [a, b] = await Promise.all([open(storage, [], alone, 'a'), open(storage, [], alone, 'b')]);
    const OPS = 300;
    const expected = new Set<string>();
    const writer = async (store: ConversationStore) => {
      for (let i = 0; i < OPS; i++) {
        const saved = await store.save({ ...store.create(settings, `t${i}`), messages: [{ id: 'm', role: 'user', content: String(i) }] });
        expected.add(saved.id);
        if (i % 7 === 0) {
          await store.delete(saved.id);
          expected.delete(saved.id);
        }
        if (i % 25 === 0) await store.reload();
      }
    };
    await Promise.all([writer(a), writer(b)]);
    const listed = new Set((await open(storage)).list().map((item) => item.id));
    const lost = [...expected].filter((id) => !listed.has(id));
    const extra = [...listed].filter((id) => !expected.has(id));
    console.log(`two writers × ${OPS} conversations (deletes every 7th): expected ${expected.size}, listed ${listed.size}, lost ${lost.length}, resurrected ${extra.length}`);
    assert.deepEqual([lost, extra], [[], []]);
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
