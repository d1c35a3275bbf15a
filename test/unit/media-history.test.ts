import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HISTORY_LIMIT, MediaHistory, type HistoryStorage, type StoredEntry, type TaskLookup } from '../../src/extension/media/mediaHistory';
import type { TrackedTask } from '../../src/extension/tasks/trackedTask';

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

/** A task store to read from: `set` changes a task (undefined removes it) and tells listeners, as the real store does. */
function tasks(): TaskLookup & { set(task: TrackedTask | undefined, id?: string): void } {
  const known = new Map<string, TrackedTask>();
  const listeners = new Set<() => void>();
  return {
    get: (taskId) => known.get(taskId),
    onDidChange: (listener) => (listeners.add(listener), { dispose: () => listeners.delete(listener) }),
    set: (task, id) => {
      if (task) known.set(task.taskId, task);
      else known.delete(id!);
      for (const listener of listeners) listener();
    },
  };
}

const task = (status: TrackedTask['status'], change: Partial<TrackedTask> = {}): TrackedTask => ({
  taskId: 't1', region: 'cn', kind: 'video', model: 'wan2.6-t2v', prompt: 'p', status, createdAt: 1, resultUrls: [], localFiles: [], ...change,
});

const entry = (id: string, change: Partial<StoredEntry> = {}): StoredEntry => ({
  id, kind: 'video', key: `key-${id}`, model: 'wan2.6-t2v', prompt: 'p', form: {}, createdAt: 1, status: 'succeeded', files: [`/r/${id}.mp4`], ...change,
});

describe('media history', () => {
  it('keeps entries across restarts and drops only those that no longer parse', async () => {
    const storage = memory();
    const history = new MediaHistory(storage, tasks());
    history.add(entry('a'));
    history.add(entry('b', { kind: 'image' }));
    const reopened = new MediaHistory(memory([...(storage.value as unknown[]), { id: 'broken' }]), tasks());
    assert.deepEqual(reopened.list('video').map((item) => item.id), ['a']);
    assert.deepEqual(reopened.list('image').map((item) => item.id), ['b']);
  });

  it('offers an earlier request that succeeded with its files, or is still running; not a failed one or one whose files are gone', () => {
    const history = new MediaHistory(memory(), tasks());
    history.add(entry('done'));
    history.add(entry('running', { key: 'k2', status: 'running', files: [] }));
    history.add(entry('failed', { key: 'k3', status: 'failed', files: [] }));
    assert.equal(history.earlier('key-done', () => true)?.id, 'done');
    assert.equal(history.earlier('key-done', () => false), undefined, 'files deleted: nothing to offer');
    assert.equal(history.earlier('k2', () => true)?.id, 'running');
    assert.equal(history.earlier('k3', () => true), undefined);
  });

  it('reads a running task\'s status from the task store, and keeps its outcome once it ended', () => {
    const storage = memory();
    const store = tasks();
    const history = new MediaHistory(storage, store);
    let changes = 0;
    history.onDidChange(() => changes++);
    store.set(task('PENDING'));
    history.add(entry('a', { status: 'running', taskId: 't1', files: [] }));
    assert.deepEqual([history.get('a')?.status, history.get('a')?.taskStatus], ['running', 'PENDING']);
    store.set(task('RUNNING'));
    assert.equal(history.get('a')?.taskStatus, 'RUNNING', 'read, not copied');
    assert.deepEqual((storage.value as StoredEntry[])[0], entry('a', { status: 'running', taskId: 't1', files: [] }), 'a running task is stored as its id only');
    store.set(task('SUCCEEDED', { localFiles: ['/r/x.mp4'] }));
    assert.equal(history.byFile('/r/x.mp4')?.id, 'a');
    store.set(undefined, 't1');
    assert.deepEqual([history.get('a')?.status, history.get('a')?.files], ['succeeded', ['/r/x.mp4']], 'the result stays after the task left the Tasks view');
    assert.deepEqual(new MediaHistory(memory(storage.value), tasks()).get('a')?.files, ['/r/x.mp4']);
    history.remove('a');
    assert.equal(history.get('a'), undefined);
    assert.equal(changes, 6, "every task store change and every edit");
  });

  it('shows a failed task\'s code and message, and a task removed while running as failed', () => {
    const store = tasks();
    const history = new MediaHistory(memory(), store);
    store.set(task('FAILED', { code: 'DataInspectionFailed', message: 'refused' }));
    history.add(entry('failed', { status: 'running', taskId: 't1', files: [] }));
    assert.deepEqual(history.get('failed')?.error, { code: 'DataInspectionFailed', message: 'refused' });
    history.add(entry('gone', { status: 'running', taskId: 'missing', files: [] }));
    assert.deepEqual([history.get('gone')?.status, history.get('gone')?.error?.message], ['failed', 'The task was removed from the Tasks view.']);
  });

  it('keeps at most the limit per kind, newest first', () => {
    const history = new MediaHistory(memory(), tasks());
    history.add(entry('image', { kind: 'image' }));
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) history.add(entry(`v${i}`));
    const videos = history.list('video');
    assert.equal(videos.length, HISTORY_LIMIT);
    assert.equal(videos[0]!.id, `v${HISTORY_LIMIT + 4}`);
    assert.equal(history.list('image').length, 1, 'other kinds are not pushed out');
  });
});
