import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { TaskInfo } from '../../src/dashscope';
import { ConnectionHealth } from '../../src/extension/connectionState';
import type { KeyTarget } from '../../src/extension/keys/keyStore';
import { Log } from '../../src/extension/log';
import { SecretRedactor } from '../../src/extension/secretRedactor';
import type { Services } from '../../src/extension/services';
import type { RegionSetting } from '../../src/extension/settings';
import { TaskTracker } from '../../src/extension/tasks/taskTracker';
import { WindowPresence } from '../../src/extension/windowPresence';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { closeWindowsAfterEach, until } from './hostWindows';

const test = vscode as unknown as typeof double;
const ID = '0385dc79-5ff8-4d82-bcb6-1a2b3c4d5e6f';
const WORKSPACE_KEY = 'sk-sim-cn-ws1-demo';

/**
 * A window whose only key is workspace ws1's (no pay-as-you-go key in Beijing), answering status checks and
 * recording with which key and for which host each check was made.
 */
async function openWindow(storage: string, settings: { plan: string; workspaceId?: string }) {
  const checks: { key: string; target: KeyTarget }[] = [];
  const clientFor = (key: string, target: RegionSetting | KeyTarget) => ({
    tasks: {
      get: async (taskId: string): Promise<TaskInfo> => {
        checks.push({ key, target: typeof target === 'string' ? { plan: 'payg', region: target } : target });
        return { taskId, status: 'RUNNING', submitTime: 1000, scheduledTime: undefined, endTime: undefined, code: undefined, message: undefined, videoUrl: undefined, metrics: undefined, usage: undefined, output: {}, requestId: 'r' };
      },
    },
  });
  const services = {
    context: test.createExtensionContext({ globalStorage: storage }),
    log: new Log(new SecretRedactor()),
    keys: {
      get: async (target: RegionSetting | KeyTarget) =>
        (typeof target === 'object' && target.plan === 'workspace' && target.region === 'cn' && target.workspaceId === 'ws1' ? WORKSPACE_KEY : undefined),
    },
    connection: {
      settings: { region: 'cn', pollMinSeconds: 2, pollMaxSeconds: 15, downloadFolder: '', ...settings },
      clientFor,
      onDidChange: () => ({ dispose: () => undefined }),
    },
  } as unknown as Services;
  const windows = new WindowPresence(path.join(storage, 'windows'));
  await windows.start();
  const tracker = new TaskTracker(services, windows, new ConnectionHealth(async () => undefined));
  await tracker.initialize();
  closeAfterTest(tracker, windows);
  return { tracker, windows, checks };
}

const closeAfterTest = closeWindowsAfterEach();

describe('a task submitted through a workspace-dedicated host (host, vscode double)', () => {
  it('is polled on that workspace\'s host with its key, also after a reload with another plan selected', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'dashscope-tasks-'));
    const first = await openWindow(storage, { plan: 'workspace', workspaceId: 'ws1' });
    first.tracker.track({ taskId: ID, kind: 'video', model: 'wan2.6-t2v', prompt: 'a workspace video', status: 'PENDING' });
    assert.equal(first.tracker.store.get(ID)?.workspaceId, 'ws1', 'the task remembers its workspace');
    await until(() => first.checks.length > 0, 'the task is polled although Beijing has no pay-as-you-go key');
    assert.deepEqual(first.checks[0], { key: WORKSPACE_KEY, target: { plan: 'workspace', region: 'cn', workspaceId: 'ws1' } });

    first.tracker.dispose();
    await first.tracker.store.flush();
    await first.windows.release();
    const reloaded = await openWindow(storage, { plan: 'payg' });
    await until(() => reloaded.checks.length > 0, 'the reloaded window polls the task');
    assert.deepEqual(reloaded.checks[0], { key: WORKSPACE_KEY, target: { plan: 'workspace', region: 'cn', workspaceId: 'ws1' } }, 'on the workspace host, not the selected plan\'s');
  });
});
