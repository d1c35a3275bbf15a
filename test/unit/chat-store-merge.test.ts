import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { mergeConversation } from '../../src/extension/chat/conversationMerge';
import { ConversationStore, fileStorage, type ChatStorage, type StoredConversation } from '../../src/extension/chat/conversationStore';
import type { ChatMessageView } from '../../src/shared/protocol/chat';
import { memoryStorage } from './memoryChatStorage';

const settings = { model: 'qwen-plus', systemPrompt: '', thinking: false };
const user = (id: string, content = id): ChatMessageView => ({ id, role: 'user', content });
const reply = (id: string, content = id): ChatMessageView => ({ id, role: 'assistant', content, status: 'done' });
const conversation = (messages: ChatMessageView[], extra: Partial<StoredConversation> = {}): StoredConversation =>
  ({ id: 'c', title: 'T', createdAt: 1, updatedAt: 1, settings, messages, attachments: {}, ...extra });
const ids = (value: StoredConversation) => value.messages.map((message) => message.id);

let clock = 1000;
function open(storage: ChatStorage, windowId: string, prefix = windowId) {
  let next = 0;
  const windows = { id: windowId, isLive: (id: string | undefined) => id !== undefined };
  return ConversationStore.open(storage, { now: () => (clock += 1), newId: () => `${prefix}${++next}`, onProblem: () => undefined, windows });
}

describe('merging a conversation two windows changed', () => {
  it('keeps the prompts and replies both windows added after the same message, theirs first', () => {
    const base = conversation([user('p0'), reply('r0')]);
    const ours = conversation([...base.messages, user('pB'), reply('rB')]);
    const theirs = conversation([...base.messages, user('pA'), reply('rA')]);
    assert.deepEqual(ids(mergeConversation(base, ours, theirs)), ['p0', 'r0', 'pA', 'rA', 'pB', 'rB']);
  });

  it('keeps a reply right after its prompt when the other window\'s pair reached the disk in between (the reply went after it)', () => {
    const base = conversation([user('p0'), reply('r0'), user('pB')]);
    const ours = conversation([...base.messages, reply('rB')]);
    const theirs = conversation([...base.messages, user('pA'), reply('rA')]);
    assert.deepEqual(ids(mergeConversation(base, ours, theirs)), ['p0', 'r0', 'pB', 'rB', 'pA', 'rA']);
  });

  it('applies what this window deleted or changed, and keeps what the other window changed', () => {
    const base = conversation([user('p0'), reply('r0', 'old'), user('p1'), reply('r1')]);
    const ours = conversation([user('p0'), reply('r0', 'regenerated here')]);
    const theirs = conversation([user('p0'), reply('r0', 'old'), user('p1'), reply('r1', 'continued there'), user('p2')]);
    const merged = mergeConversation(base, ours, theirs);
    assert.deepEqual(ids(merged), ['p0', 'r0', 'p2']);
    assert.equal(merged.messages[1]!.content, 'regenerated here');
  });

  it('keeps what the other window deleted deleted, unless this window changed it (was brought back)', () => {
    const base = conversation([user('a'), reply('b'), user('c')]);
    const theirs = conversation([user('a')]);
    assert.deepEqual(ids(mergeConversation(base, conversation([...base.messages, user('d')]), theirs)), ['a', 'd']);
    const resent = conversation([user('a'), reply('b2')]);
    assert.deepEqual(ids(mergeConversation(conversation([user('a'), reply('b')]), conversation([user('a'), reply('b'), user('q')]), resent)), ['a', 'b2', 'q']);
    assert.deepEqual(ids(mergeConversation(base, conversation([user('a'), reply('b', 'edited here'), user('c')]), theirs)), ['a', 'b'], 'changed here: kept');
  });

  it('takes the title and settings from the window that changed them', () => {
    const base = conversation([user('p0')]);
    const ours = conversation([user('p0')], { title: 'Renamed here', titleFixed: true });
    const theirs = conversation([user('p0')], { settings: { ...settings, model: 'qwen-max' } });
    const merged = mergeConversation(base, ours, theirs);
    assert.equal(merged.title, 'Renamed here');
    assert.equal(merged.titleFixed, true);
    assert.equal(merged.settings.model, 'qwen-max');
  });

  it('places a conversation made here on top of one saved there with the same id as an addition', () => {
    const ours = conversation([user('pB')]);
    const theirs = conversation([user('pA')]);
    assert.deepEqual(ids(mergeConversation(undefined, ours, theirs)), ['pA', 'pB']);
  });

  it('merges a 20 000-message conversation in linear time (no quadratic lookups)', () => {
    const many = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => user(`${prefix}${index}`));
    const base = conversation(many(10_000, 'b'));
    const started = performance.now();
    const merged = mergeConversation(base, conversation([...base.messages, ...many(5_000, 'o')]), conversation([...base.messages, ...many(5_000, 't')]));
    const ms = performance.now() - started;
    assert.equal(merged.messages.length, 20_000);
    console.log(`merged 20 000 messages in ${ms.toFixed(0)} ms`);
  });
});

describe('two windows adding to one conversation', () => {
  it('keeps every prompt when both save the same conversation at once (failed before: last writer won)', async () => {
    const storage = memoryStorage();
    const a = await open(storage, 'wA');
    const first = await a.save({ ...a.create(settings, 'Shared'), messages: [user('p0')] });
    const b = await open(storage, 'wB');
    const seen = (await b.get(first.id))!;
    await Promise.all([
      a.save({ ...first, messages: [...first.messages, user('pA'), reply('rA')] }),
      b.save({ ...seen, messages: [...seen.messages, user('pB'), reply('rB')] }),
    ]);
    const stored = JSON.parse(storage.files.get(`conversation-${first.id}`)!) as StoredConversation;
    assert.deepEqual(ids(stored), ['p0', 'pA', 'rA', 'pB', 'rB']);
  });

  it('tells the window whose save brought in the other window\'s messages, and keeps what it added while saving', async () => {
    const storage = memoryStorage();
    const a = await open(storage, 'wA');
    const first = await a.save({ ...a.create(settings, 'Shared'), messages: [user('p0')] });
    const b = await open(storage, 'wB');
    const seen = (await b.get(first.id))!;
    await a.save({ ...first, messages: [...first.messages, user('pA')] });
    const merged: string[] = [];
    b.onMerged = (id) => merged.push(id);
    const saving = b.save({ ...seen, messages: [...seen.messages, user('pB')] });
    b.remember({ ...seen, messages: [...seen.messages, user('pB'), reply('rB', 'streamed while saving')] });
    const latest = await saving;
    assert.deepEqual(merged, [first.id]);
    assert.deepEqual(ids(latest), ['p0', 'pA', 'pB', 'rB']);
    assert.deepEqual(ids(b.peek(first.id)!), ['p0', 'pA', 'pB', 'rB']);
  });

  it('keeps another live window\'s streaming mark when this window saves', async () => {
    const storage = memoryStorage();
    const a = await open(storage, 'wA');
    const first = await a.save({ ...a.create(settings, 'Shared'), messages: [user('p0')] });
    const b = await open(storage, 'wB');
    const seen = (await b.get(first.id))!;
    a.setStreaming(first.id, true);
    await a.save({ ...first, messages: [...first.messages, { ...reply('r0'), status: 'streaming' }] });
    await b.save({ ...seen, title: 'Renamed in B' });
    const stored = JSON.parse(storage.files.get(`conversation-${first.id}`)!) as StoredConversation;
    assert.equal(stored.streamingIn, 'wA');
    assert.equal(stored.title, 'Renamed in B');
  });

  it('forgets a conversation another window deleted, so it is not brought back from here (it was)', async () => {
    const storage = memoryStorage();
    const a = await open(storage, 'wA');
    const first = await a.save({ ...a.create(settings, 'Shared'), messages: [user('p0')] });
    const b = await open(storage, 'wB');
    assert.ok(await b.get(first.id));
    await a.delete(first.id);
    assert.deepEqual([...(await b.reload())], [first.id]);
    assert.equal(await b.get(first.id), undefined);
    assert.equal(b.peek(first.id), undefined, 'nothing left to save back');
  });

  it('keeps a conversation whose summary is missing while its file is there (being written or deleted right now)', async () => {
    const storage = memoryStorage();
    const a = await open(storage, 'wA');
    const first = await a.save({ ...a.create(settings, 'Shared'), messages: [user('p0')] });
    storage.files.delete(`summary-${first.id}`);
    assert.deepEqual([...(await a.reload())], []);
    assert.ok(a.peek(first.id));
    assert.deepEqual(a.list().map((item) => item.id), [first.id]);
  });

  it('keeps this window\'s latest version when the list is read again while it saves (a reload dropped the prompt just sent)', async () => {
    const storage = memoryStorage();
    const a = await open(storage, 'wA');
    const first = await a.save({ ...a.create(settings, 'Shared'), messages: [user('p0')] });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const update = storage.update;
    storage.update = async (key, change, thenWrite) => update(key, change, async () => {
      await thenWrite();
      await held;
    });
    const sent = { ...first, messages: [...first.messages, user('p1')] };
    a.remember(sent);
    const saving = a.save(sent);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual([...(await a.reload())], [], 'its own save in flight is not a change from elsewhere');
    assert.deepEqual(ids(a.peek(first.id)!), ['p0', 'p1']);
    release();
    await saving;
    assert.deepEqual(ids((await a.get(first.id))!), ['p0', 'p1']);
  });

  it('loses no prompt when two stores on one folder each add 60 to one conversation, interleaved (files, locks)', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'chat-merge-'));
    try {
      const a = await open(fileStorage(folder), 'wA');
      const first = await a.save({ ...a.create(settings, 'Shared'), messages: [user('p0')] });
      const b = await open(fileStorage(folder), 'wB');
      const writer = async (store: ConversationStore, name: string) => {
        for (let index = 0; index < 60; index++) {
          const current = store.peek(first.id) ?? (await store.get(first.id))!;
          await store.save({ ...current, messages: [...current.messages, user(`${name}${index}`)] });
        }
      };
      await b.get(first.id);
      await Promise.all([writer(a, 'a'), writer(b, 'b')]);
      const stored = (await (await open(fileStorage(folder), 'wC')).get(first.id))!;
      const kept = new Set(ids(stored));
      const lost = [...Array.from({ length: 60 }, (_, index) => [`a${index}`, `b${index}`]).flat()].filter((id) => !kept.has(id));
      console.log(`two windows × 60 prompts into one conversation: ${stored.messages.length - 1} kept, ${lost.length} lost`);
      assert.deepEqual(lost, []);
      assert.equal(stored.messages.length, 121);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
