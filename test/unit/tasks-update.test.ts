import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TaskInfo } from '../../src/dashscope';
import { isResubmittable, type TrackedTask } from '../../src/extension/tasks/trackedTask';
import { resultsToSave, taskChanges, tasksToPoll } from '../../src/extension/tasks/taskUpdate';

const alone = { id: 'me', isLive: (id: string | undefined) => id === 'me' };

const ID = '0385dc79-5ff8-4d82-bcb6-1a2b3c4d5e6f';
const tracked = (overrides: Partial<TrackedTask> = {}): TrackedTask => ({
  taskId: ID, region: 'cn', kind: 'video', model: 'wan2.6-t2v', prompt: 'a boat', status: 'RUNNING', createdAt: 0, resultUrls: [], localFiles: [], ...overrides,
});
const info = (overrides: Partial<TaskInfo> = {}): TaskInfo => ({
  taskId: ID, status: 'RUNNING', submitTime: 1000, scheduledTime: 2000, endTime: undefined, code: undefined, message: undefined,
  videoUrl: undefined, metrics: undefined, usage: undefined, output: {}, requestId: 'r', ...overrides,
});

describe('taskChanges', () => {
  it('turns UNKNOWN into Expired and keeps what was saved locally', () => {
    const saved = tracked({ status: 'SUCCEEDED', localFiles: ['/results/v.mp4'], resultUrls: ['https://oss/v.mp4?Expires=1'], resultExpiresAt: 1000 });
    const changes = taskChanges(saved, info({ status: 'UNKNOWN', submitTime: undefined, scheduledTime: undefined }));
    assert.equal(changes.status, 'EXPIRED');
    const after = { ...saved, ...changes };
    assert.deepEqual([after.localFiles, after.resultUrls, after.resultExpiresAt, after.submitTime], [['/results/v.mp4'], ['https://oss/v.mp4?Expires=1'], 1000, undefined]);
  });

  it('takes the result URLs and their expiry on success', () => {
    const url = 'https://sim.example/results/v.mp4?Expires=1700086400&Signature=x';
    const changes = taskChanges(tracked(), info({ status: 'SUCCEEDED', endTime: 60_000, videoUrl: url, usage: { duration: 5 } }));
    assert.deepEqual([changes.status, changes.resultUrls, changes.resultExpiresAt, changes.usage], ['SUCCEEDED', [url], 1_700_086_400_000, { duration: 5 }]);
  });

  it('assumes 24 hours when a result URL does not say when it expires', () => {
    const changes = taskChanges(tracked({ kind: 'image' }), info({ status: 'SUCCEEDED', endTime: 60_000, output: { results: [{ url: 'https://x/a.png' }, { url: 'https://x/b.png' }] } }));
    assert.deepEqual([changes.resultUrls, changes.resultExpiresAt], [['https://x/a.png', 'https://x/b.png'], 60_000 + 24 * 3600_000]);
  });

  it('keeps the code and message of a failure, and the prompt the service returns for a task tracked by id', () => {
    const failed = taskChanges(tracked(), info({ status: 'FAILED', code: 'DataInspectionFailed', message: 'Input data may contain inappropriate content.' }));
    assert.deepEqual([failed.status, failed.code, failed.message], ['FAILED', 'DataInspectionFailed', 'Input data may contain inappropriate content.']);
    assert.equal(taskChanges(tracked({ prompt: '' }), info({ output: { orig_prompt: 'from the service' } })).prompt, 'from the service');
    assert.equal(taskChanges(tracked(), info({ output: { orig_prompt: 'rewritten' } })).prompt, 'a boat', 'the prompt typed here wins');
  });

  it('keeps earlier times when an answer omits them', () => {
    const changes = taskChanges(tracked({ submitTime: 5, scheduledTime: 6 }), info({ status: 'PENDING', submitTime: undefined, scheduledTime: undefined }));
    assert.deepEqual([changes.submitTime, changes.scheduledTime], [5, 6]);
  });
});

describe('tasksToPoll', () => {
  it('polls the active tasks of every region that has a key, and nothing else', () => {
    const tasks = [
      tracked({ taskId: 'cn-running' }),
      tracked({ taskId: 'cn-pending', status: 'PENDING' }),
      tracked({ taskId: 'cn-done', status: 'SUCCEEDED' }),
      tracked({ taskId: 'cn-expired', status: 'EXPIRED' }),
      tracked({ taskId: 'intl-running', region: 'intl' }),
      tracked({ taskId: 'us-running', region: 'us' }),
    ];
    assert.deepEqual(tasksToPoll(tasks, new Set(['cn', 'intl']), alone).map((task) => task.taskId), ['cn-running', 'cn-pending', 'intl-running']);
    assert.deepEqual(tasksToPoll(tasks, new Set(), alone), []);
  });

  it('leaves the tasks of another live window to it, and takes over those of a window that is gone', () => {
    const tasks = [tracked({ taskId: 'mine', owner: 'me' }), tracked({ taskId: 'theirs', owner: 'other' }), tracked({ taskId: 'orphan', owner: 'closed' }), tracked({ taskId: 'legacy' })];
    const windows = { id: 'me', isLive: (id: string | undefined) => id === 'me' || id === 'other' };
    assert.deepEqual(tasksToPoll(tasks, new Set(['cn']), windows).map((task) => task.taskId), ['mine', 'orphan', 'legacy']);
  });
});

describe('resultsToSave', () => {
  it('saves the results nobody alive is saving', () => {
    const windows = { id: 'me', isLive: (id: string | undefined) => id === 'me' || id === 'other' };
    const done = { status: 'SUCCEEDED' as const, resultUrls: ['https://x/a.mp4'] };
    const tasks = [
      tracked({ ...done, taskId: 'orphan', owner: 'closed' }),
      tracked({ ...done, taskId: 'theirs', owner: 'other' }),
      tracked({ ...done, taskId: 'saved', localFiles: ['/a.mp4'] }),
      tracked({ ...done, taskId: 'failed', downloadError: 'gone' }),
    ];
    assert.deepEqual(resultsToSave(tasks, windows).map((task) => task.taskId), ['orphan']);
  });
});

describe('usageOf', () => {
  it('keeps only scalar usage fields, so deep JSON from a server cannot break saving', () => {
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    const changes = taskChanges(tracked(), info({ status: 'SUCCEEDED', usage: { duration: 5, video_count: 1, sr: '720', nested: deep } as never }));
    assert.deepEqual(changes.usage, { duration: 5, video_count: 1, sr: '720' });
    assert.doesNotThrow(() => JSON.stringify(changes));
  });
});

describe('isResubmittable', () => {
  it('needs the stored request of a video or image task', () => {
    assert.equal(isResubmittable(tracked({ request: { model: 'wan2.6-t2v', prompt: 'a boat' } })), true);
    assert.equal(isResubmittable(tracked({ kind: 'image', request: { model: 'wan2.2-t2i-flash' } })), true);
    assert.equal(isResubmittable(tracked()), false, 'tracked by id: parameters unknown');
    assert.equal(isResubmittable(tracked({ kind: 'transcription', request: { model: 'fun-asr' } })), false);
  });
});
