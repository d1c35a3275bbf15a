import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { elapsed, GROUP_OF, presentTask } from '../../src/extension/tasks/taskPresentation';
import type { TrackedTask } from '../../src/extension/tasks/trackedTask';

const base: TrackedTask = {
  taskId: '0385dc79-5ff8-4d82-bcb6-1a2b3c4d5e6f', region: 'intl', kind: 'video', model: 'wan2.6-t2v',
  prompt: 'A very long prompt about a paper boat drifting down a river at dawn, cinematic', status: 'RUNNING',
  createdAt: 0, submitTime: 0, resultUrls: [], localFiles: [],
};

describe('task presentation', () => {
  it('shows a running task with its model, state and elapsed time', () => {
    const view = presentTask(base, 95_000);
    assert.equal(view.label, 'A very long prompt about a paper boat drifting …');
    assert.equal(view.description, 'wan2.6-t2v · running 1m 35s');
    assert.deepEqual([view.icon, view.color], ['sync~spin', 'charts.blue']);
    assert.equal(view.contextValue, 'dashscopeTask.RUNNING');
  });

  it('marks what a finished task offers in its context value, and explains failures', () => {
    const done = presentTask({ ...base, status: 'SUCCEEDED', endTime: 60_000, localFiles: ['/r/v.mp4'], resultUrls: ['https://x/v.mp4'], request: { model: 'm', duration: 5 } }, 999_999);
    assert.equal(done.contextValue, 'dashscopeTask.SUCCEEDED.local.url.resubmittable');
    assert.equal(done.description, 'wan2.6-t2v · 1m 0s');
    assert.ok(done.details.some(([name, value]) => name === 'Parameters' && value === 'duration=5'));
    const failed = presentTask({ ...base, status: 'FAILED', code: 'DataInspectionFailed', message: 'Input data may contain inappropriate content.' }, 1);
    assert.ok(failed.details.some(([name, value]) => name === 'Error' && value.startsWith('DataInspectionFailed')));
    assert.equal(presentTask({ ...base, prompt: '' }, 1).label, base.taskId);
  });

  it('builds a Markdown tooltip in which prompts and messages cannot break the table', () => {
    const view = presentTask({ ...base, prompt: 'a | b *bold* [link](x)', status: 'FAILED', code: 'InvalidParameter', message: 'size | duration\nwrong', usage: { duration: 5 } }, 1);
    assert.ok(view.tooltip.startsWith('**FAILED** — a \\| b \\*bold\\* \\[link\\]\\(x\\)'));
    assert.ok(view.tooltip.includes('| Error | InvalidParameter: size \\| duration wrong |'));
    assert.ok(view.tooltip.includes('| Usage | duration: 5 |'));
    assert.ok(view.tooltip.includes(`| Model | wan2\\.6\\-t2v |`));
    assert.equal(view.tooltip.split('\n').filter((line) => line.startsWith('|')).length, 2 + view.details.length, 'one row per detail');
  });

  it('offers Resubmit only for video and image tasks that carry their request', () => {
    assert.equal(presentTask({ ...base, kind: 'transcription', request: { model: 'fun-asr' } }, 1).contextValue, 'dashscopeTask.RUNNING');
    assert.equal(presentTask({ ...base, kind: 'image', request: { model: 'wan2.2-t2i-flash' } }, 1).contextValue, 'dashscopeTask.RUNNING.resubmittable');
  });

  it('groups by state and formats durations', () => {
    assert.deepEqual([GROUP_OF.PENDING, GROUP_OF.SUCCEEDED, GROUP_OF.EXPIRED], ['running', 'succeeded', 'finished']);
    assert.deepEqual([elapsed(4_000), elapsed(3_700_000), elapsed(3 * 86_400_000)], ['4s', '1h 1m', '3d']);
  });
});
