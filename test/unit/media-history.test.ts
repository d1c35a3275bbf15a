import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HISTORY_LIMIT, MediaHistory, type HistoryEntry, type HistoryStorage } from '../../src/extension/media/mediaHistory';

function memory(initial?: unknown): HistoryStorage & { value: unknown } {
  const storage = {
    value: initial,
    get: () => storage.value,
    update: async (_key: string, value: unknown) => {
      storage.value = JSON.parse(JSON.stringify(value));
    },
  };
  return storage;
}

const entry = (id: string, change: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id, kind: 'video', key: `key-${id}`, model: 'wan2.6-t2v', prompt: 'p', form: {}, createdAt: 1, status: 'succeeded', files: [`/r/${id}.mp4`], ...change,
});

describe('media history', () => {
  it('keeps entries across restarts and drops only those that no longer parse', async () => {
    const storage = memory();
    const history = new MediaHistory(storage);
    history.add(entry('a'));
    history.add(entry('b', { kind: 'image' }));
    const reopened = new MediaHistory(memory([...(storage.value as unknown[]), { id: 'broken' }]));
    assert.deepEqual(reopened.list('video').map((item) => item.id), ['a']);
    assert.deepEqual(reopened.list('image').map((item) => item.id), ['b']);
  });

  it('offers an earlier request that succeeded with its files, or is still running; not a failed one or one whose files are gone', () => {
    const history = new MediaHistory(memory());
    history.add(entry('done'));
    history.add(entry('running', { key: 'k2', status: 'running', files: [] }));
    history.add(entry('failed', { key: 'k3', status: 'failed', files: [] }));
    assert.equal(history.earlier('key-done', () => true)?.id, 'done');
    assert.equal(history.earlier('key-done', () => false), undefined, 'files deleted: nothing to offer');
    assert.equal(history.earlier('k2', () => true)?.id, 'running');
    assert.equal(history.earlier('k3', () => true), undefined);
  });

  it('finds the entry of a file, updates and removes entries, and tells listeners', () => {
    const history = new MediaHistory(memory());
    let changes = 0;
    history.onDidChange(() => changes++);
    history.add(entry('a', { status: 'running', files: [] }));
    history.update('a', { status: 'succeeded', files: ['/r/x.mp4'] });
    assert.equal(history.byFile('/r/x.mp4')?.id, 'a');
    history.remove('a');
    assert.equal(history.get('a'), undefined);
    assert.equal(changes, 3);
  });

  it('keeps at most the limit per kind, newest first', () => {
    const history = new MediaHistory(memory());
    history.add(entry('image', { kind: 'image' }));
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) history.add(entry(`v${i}`));
    const videos = history.list('video');
    assert.equal(videos.length, HISTORY_LIMIT);
    assert.equal(videos[0]!.id, `v${HISTORY_LIMIT + 4}`);
    assert.equal(history.list('image').length, 1, 'other kinds are not pushed out');
  });
});
