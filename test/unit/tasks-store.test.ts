import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TaskStore } from '../../src/extension/tasks/taskStore';
import type { TrackedTask } from '../../src/extension/tasks/trackedTask';

const task = (id: string, createdAt: number, status: TrackedTask['status'] = 'PENDING'): TrackedTask => ({
  taskId: id, region: 'cn', kind: 'video', model: 'wan2.6-t2v', prompt: `prompt ${id}`, status, createdAt, resultUrls: [], localFiles: [],
});

function memory(initial?: unknown) {
  const saved: unknown[] = [];
  return { saved, persistence: { load: async () => initial, save: async (data: unknown) => void saved.push(JSON.parse(JSON.stringify(data))) } };
}

describe('TaskStore', () => {
  it('lists newest first and persists every change', async () => {
    const { saved, persistence } = memory();
    const store = new TaskStore(persistence);
    store.upsert(task('a', 1));
    store.upsert(task('b', 3));
    store.upsert(task('c', 2));
    await store.flush();
    assert.deepEqual(store.all().map((t) => t.taskId), ['b', 'c', 'a']);
    assert.equal(saved.length, 3);
  });

  it('round-trips through persistence, dropping only entries that do not parse', async () => {
    const { saved, persistence } = memory();
    const first = new TaskStore(persistence);
    first.upsert(task('a', 1));
    first.update('a', { status: 'RUNNING', submitTime: 1000 });
    first.update('a', { status: 'SUCCEEDED', endTime: 61_000 });
    await first.flush();
    const file = saved.at(-1) as { tasks: unknown[] };
    file.tasks.push({ taskId: 'broken' });
    const second = new TaskStore(memory(file).persistence);
    await second.load();
    assert.deepEqual(second.all().map((t) => [t.taskId, t.status]), [['a', 'SUCCEEDED']]);
    assert.equal(second.typicalDuration('wan2.6-t2v'), 60_000, 'learned from the finished task');
  });

  it('ignores a file of the wrong shape', async () => {
    const store = new TaskStore(memory({ version: 99 }).persistence);
    await store.load();
    assert.equal(store.all().length, 0);
  });

  it('clears finished tasks and keeps running ones', () => {
    const store = new TaskStore(memory().persistence);
    store.upsert(task('run', 1, 'RUNNING'));
    store.upsert(task('ok', 2, 'SUCCEEDED'));
    store.upsert(task('old', 3, 'EXPIRED'));
    assert.equal(store.clearFinished(), 2);
    assert.deepEqual(store.all().map((t) => t.taskId), ['run']);
  });
});
