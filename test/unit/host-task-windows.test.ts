import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import type { TaskInfo } from '../../src/dashscope';
import { ConnectionHealth } from '../../src/extension/connectionState';
import { Log } from '../../src/extension/log';
import { SecretRedactor } from '../../src/extension/secretRedactor';
import type { Services } from '../../src/extension/services';
import { TaskTracker } from '../../src/extension/tasks/taskTracker';
import { WindowPresence } from '../../src/extension/windowPresence';
import { closeWindowsAfterEach, until } from './hostWindows';

const test = vscode as unknown as typeof double;
const ID = '0385dc79-5ff8-4d82-bcb6-1a2b3c4d5e6f';

/** One window's task tracker over a shared global storage, answering status checks from `status`, counting them. */
async function openWindow(storage: string, status: { value: TaskInfo['status'] }) {
  const checks: string[] = [];
  const client = {
    tasks: {
      get: async (taskId: string): Promise<TaskInfo> => {
        checks.push(taskId);
        return { taskId, status: status.value, submitTime: 1000, scheduledTime: undefined, endTime: undefined, code: undefined, message: undefined, videoUrl: undefined, metrics: undefined, usage: undefined, output: {}, requestId: 'r' };
      },
    },
  };
  const connection = {
    settings: { region: 'cn', pollMinSeconds: 2, pollMaxSeconds: 15, downloadFolder: '' },
    client: async () => client,
    requireClient: async () => client,
    clientFor: () => client,
    onDidChange: () => ({ dispose: () => undefined }),
  };
  const services = {
    context: test.createExtensionContext({ globalStorage: storage }),
    log: new Log(new SecretRedactor()),
    keys: { get: async (target: string | { plan: string; region: string }) => (target === 'cn' || (typeof target === 'object' && target.plan === 'payg' && target.region === 'cn') ? 'sk-sim-cn' : undefined) },
    connection,
  } as unknown as Services;
  const windows = new WindowPresence(path.join(storage, 'windows'));
  await windows.start();
  const tracker = new TaskTracker(services, windows, new ConnectionHealth(async () => undefined));
  await tracker.initialize();
  return { tracker, windows, checks };
}

/** Two windows on one fresh global storage, closed after the test. */
async function twoWindows() {
  const storage = mkdtempSync(path.join(os.tmpdir(), 'dashscope-tasks-'));
  const status = { value: 'RUNNING' as TaskInfo['status'] };
  const a = await openWindow(storage, status);
  const b = await openWindow(storage, status);
  closeAfterTest(a.tracker, a.windows);
  closeAfterTest(b.tracker, b.windows);
  return { status, a, b };
}

const closeAfterTest = closeWindowsAfterEach();

describe('tasks shared by two windows (host, vscode double)', () => {
  it('only the window that owns a task polls it; when that window closes, the other takes it over', async () => {
    const { status, a, b } = await twoWindows();
    a.tracker.track({ taskId: ID, kind: 'video', model: 'wan2.6-t2v', prompt: 'a paid video', status: 'PENDING' });
    await until(() => b.tracker.store.get(ID) !== undefined, 'B sees the task A submitted (folder watcher)');
    await until(() => a.checks.length > 0, 'A polls its task');
    assert.equal(b.checks.length, 0, 'B leaves it to A');

    a.tracker.dispose();
    await a.tracker.store.flush();
    await a.windows.release();
    status.value = 'SUCCEEDED';
    await until(() => b.checks.length > 0, 'B takes the task over once A is gone');
    await until(() => b.tracker.store.get(ID)?.status === 'SUCCEEDED', 'and follows it to its end');
    assert.equal(b.tracker.store.get(ID)?.owner, b.windows.id);
  });

  it('clearing finished tasks in one window leaves the other window\'s running task in both', async () => {
    const { a, b } = await twoWindows();
    b.tracker.track({ taskId: '11111111-2222-3333-4444-555555555555', kind: 'video', model: 'wan2.6-t2v', prompt: 'done in B', status: 'SUCCEEDED', localFiles: ['/x.mp4'] });
    a.tracker.track({ taskId: ID, kind: 'video', model: 'wan2.6-t2v', prompt: 'running in A', status: 'RUNNING' });
    await until(() => b.tracker.store.get(ID) !== undefined && a.tracker.store.all().length === 2, 'both windows see both tasks');
    b.tracker.store.clearFinished();
    await until(() => a.tracker.store.all().length === 1, 'A sees the finished task cleared');
    assert.deepEqual([a.tracker.store.all().map((task) => task.prompt), b.tracker.store.all().map((task) => task.prompt)], [['running in A'], ['running in A']]);
  });
});
