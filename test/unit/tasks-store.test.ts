import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { watchFolder } from '../../src/extension/folderWatcher';
import { memoryTaskPersistence, taskFiles } from '../../src/extension/tasks/taskFiles';
import { TaskStore } from '../../src/extension/tasks/taskStore';
import type { TrackedTask } from '../../src/extension/tasks/trackedTask';

const task = (id: string, createdAt: number, status: TrackedTask['status'] = 'PENDING'): TrackedTask => ({
  taskId: id, region: 'cn', kind: 'video', model: 'wan2.6-t2v', prompt: `prompt ${id}`, status, createdAt, resultUrls: [], localFiles: [],
});

const folders: string[] = [];
after(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

/** A global storage folder shared by the stores ("windows") opened on it. */
async function storage() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dashscope-tasks-'));
  folders.push(root);
  const files = () => taskFiles(path.join(root, 'tasks'), path.join(root, 'tasks.json'), path.join(root, 'task-durations.json'));
  const open = async () => {
    const store = new TaskStore(files());
    await store.load();
    return store;
  };
  return { root, files, open };
}

const ids = (store: TaskStore) => store.all().map((t) => t.taskId).sort();

describe('TaskStore', () => {
  it('lists newest first and writes each change of a task to its own entry', async () => {
    const persistence = memoryTaskPersistence();
    const store = new TaskStore(persistence);
    store.upsert(task('a', 1));
    store.upsert(task('b', 3));
    store.upsert(task('c', 2));
    store.update('a', { prompt: 'prompt a' });
    await store.flush();
    assert.deepEqual(store.all().map((t) => t.taskId), ['b', 'c', 'a']);
    assert.deepEqual([...persistence.entries.keys()].sort(), ['a', 'b', 'c']);
  });

  it('round-trips through its files, dropping only entries that do not parse', async () => {
    const { root, open } = await storage();
    const first = await open();
    first.upsert(task('a', 1));
    first.update('a', { status: 'RUNNING', submitTime: 1000 });
    first.update('a', { status: 'SUCCEEDED', endTime: 61_000 });
    await first.flush();
    await writeFile(path.join(root, 'tasks', 'broken.json'), '{"taskId":"broken"}');
    await writeFile(path.join(root, 'tasks', 'junk.json'), '{not json');
    const second = await open();
    assert.deepEqual(second.all().map((t) => [t.taskId, t.status]), [['a', 'SUCCEEDED']]);
    assert.equal(second.typicalDuration('wan2.6-t2v'), 60_000, 'learned from the finished task');
  });

  it('moves the single tasks.json of earlier versions into one file per task, once', async () => {
    const { root, open } = await storage();
    await writeFile(path.join(root, 'tasks.json'), JSON.stringify({ version: 1, tasks: [task('old-1', 1, 'RUNNING'), task('old-2', 2, 'SUCCEEDED')], durations: { 'wan2.6-t2v': 42_000 } }));
    const store = await open();
    assert.deepEqual(ids(store), ['old-1', 'old-2']);
    assert.equal(store.typicalDuration('wan2.6-t2v'), 42_000);
    assert.deepEqual((await readdir(root)).sort(), ['task-durations.json', 'tasks', 'tasks.json.migrated']);
    store.remove(['old-2']);
    await store.flush();
    assert.deepEqual(ids(await open()), ['old-1'], 'a removed task does not come back from the old file');
  });

  it('clears finished tasks and keeps running ones', () => {
    const store = new TaskStore(memoryTaskPersistence());
    store.upsert(task('run', 1, 'RUNNING'));
    store.upsert(task('ok', 2, 'SUCCEEDED'));
    store.upsert(task('old', 3, 'EXPIRED'));
    assert.equal(store.clearFinished(), 2);
    assert.deepEqual(store.all().map((t) => t.taskId), ['run']);
  });

  it('reports a failed save once, and again only after saving worked in between', async () => {
    const persistence = memoryTaskPersistence();
    let broken = true;
    const save = persistence.save;
    persistence.save = async (...args) => (broken ? Promise.reject(new Error('ENOSPC: no space left on device')) : save(...args));
    const problems: (string | undefined)[] = [];
    const store = new TaskStore(persistence, { onSaveProblem: (error) => problems.push(error === undefined ? undefined : String(error)) });
    store.upsert(task('a', 1));
    store.upsert(task('b', 2));
    await store.flush();
    assert.deepEqual(problems, ['Error: ENOSPC: no space left on device']);
    assert.deepEqual(ids(store), ['a', 'b'], 'kept in memory');
    broken = false;
    store.upsert(task('c', 3));
    await store.flush();
    assert.deepEqual(problems, ['Error: ENOSPC: no space left on device', undefined]);
  });
});

describe('TaskStore shared by several windows', () => {
  it('keeps the tasks both windows add at the same time', async () => {
    const { open } = await storage();
    const [a, b] = await Promise.all([open(), open()]);
    a.upsert(task('from-a', 1, 'RUNNING'));
    b.upsert(task('from-b', 2, 'RUNNING'));
    await Promise.all([a.flush(), b.flush()]);
    assert.deepEqual(ids(await open()), ['from-a', 'from-b'], 'after a reload both are listed');
    await b.reload('all');
    assert.deepEqual(ids(b), ['from-a', 'from-b'], 'B sees what A submitted');
  });

  it('clearing finished tasks in one window never removes the other window\'s running task', async () => {
    const { open } = await storage();
    const [a, b] = await Promise.all([open(), open()]);
    b.upsert(task('b-done', 1, 'SUCCEEDED'));
    await b.flush();
    a.upsert(task('a-paid-video', 2, 'RUNNING'));
    await a.flush();
    b.clearFinished();
    await b.flush();
    assert.deepEqual(ids(await open()), ['a-paid-video']);
    await a.reload('all');
    assert.deepEqual(ids(a), ['a-paid-video'], 'A takes in that B cleared its finished task');
  });

  it('a reload never undoes a change made in this window since it started', async () => {
    const { open } = await storage();
    const [a, b] = await Promise.all([open(), open()]);
    b.upsert(task('t', 1, 'RUNNING'));
    await b.flush();
    await a.reload('all');
    const reloading = a.reload('all');
    a.update('t', { status: 'SUCCEEDED' });
    await reloading;
    assert.equal(a.get('t')?.status, 'SUCCEEDED');
  });

  it('sees the other window\'s changes within a second through the folder watcher', async () => {
    const { root, open } = await storage();
    const [a, b] = await Promise.all([open(), open()]);
    const seen = new Promise<number>((resolve) => {
      const started = Date.now();
      const watcher = watchFolder(path.join(root, 'tasks'), (change) => void b.reload(change).then(() => {
        if (!b.get('new')) return;
        watcher.dispose();
        resolve(Date.now() - started);
      }));
    });
    a.upsert(task('new', 1, 'RUNNING'));
    const ms = await seen;
    assert.ok(ms < 1000, `seen after ${ms} ms`);
    a.remove(['new']);
    await a.flush();
    await b.reload(new Set([`new.json`]));
    assert.equal(b.get('new'), undefined, 'a removal is seen too');
  });

  it('loses nothing when two windows write hundreds of changes at once (stress)', async () => {
    const { root, open } = await storage();
    const [a, b] = await Promise.all([open(), open()]);
    const OPS = 400;
    const expected = new Map<string, TrackedTask['status']>();
    const writer = async (store: TaskStore, name: string) => {
      for (let i = 0; i < OPS; i++) {
        const id = `${name}-${i}`;
        store.upsert(task(id, i, 'RUNNING'));
        expected.set(id, 'RUNNING');
        if (i % 3 === 0) {
          store.update(id, { status: 'SUCCEEDED' });
          expected.set(id, 'SUCCEEDED');
        }
        if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
        if (i % 50 === 49) {
          expected.forEach((status, key) => key.startsWith(name) && status !== 'RUNNING' && expected.delete(key));
          store.clearFinished();
          await store.reload('all');
        }
      }
      await store.flush();
    };
    await Promise.all([writer(a, 'a'), writer(b, 'b')]);
    const fresh = await open();
    const lost = [...expected.keys()].filter((id) => fresh.get(id)?.status !== expected.get(id));
    const extra = ids(fresh).filter((id) => !expected.has(id));
    const files = (await readdir(path.join(root, 'tasks'))).length;
    console.log(`two writers × ${OPS} tasks (${OPS * 2} adds, ${Math.ceil(OPS / 3) * 2} updates, clears every 50): expected ${expected.size}, on disk ${files}, lost ${lost.length}, resurrected ${extra.length}`);
    assert.deepEqual([lost, extra], [[], []]);
    const text = await readFile(path.join(root, 'tasks', `${[...expected.keys()][0]}.json`), 'utf8');
    assert.doesNotThrow(() => JSON.parse(text));
  });
});
