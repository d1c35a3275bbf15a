import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DownloadError, downloadResult, resultExtension } from '../../src/extension/tasks/download';
import { resultExpiry, resultUrls } from '../../src/extension/tasks/taskResults';
import { harness, type Harness } from './client-helpers';

describe('saving task results', () => {
  let h: Harness;
  let dir: string;
  before(async () => {
    h = await harness({ taskTimings: { pendingMs: 1000, runningMs: 1000 } });
    dir = mkdtempSync(path.join(os.tmpdir(), 'results-'));
  });
  after(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams a video result to disk with progress, and refuses an expired link clearly', async () => {
    const { taskId } = await h.client.video.submit({ model: 'wan2.6-t2v', prompt: 'a boat' });
    const task = await h.client.tasks.wait(taskId);
    const [url] = resultUrls(task);
    assert.ok(url);
    assert.equal(resultExtension(url), '.mp4');
    assert.ok(resultExpiry([url], task.endTime)! > h.sim.now());
    let progress = 0;
    const file = await downloadResult(url, path.join(dir, 'video.mp4'), { onProgress: (received) => (progress = received) });
    const bytes = readFileSync(file);
    assert.equal(bytes.subarray(4, 8).toString('ascii'), 'ftyp');
    assert.equal(progress, bytes.length);
    h.sim.advance(25 * 3600_000);
    await assert.rejects(downloadResult(url, path.join(dir, 'late.mp4')), (error: DownloadError) => error instanceof DownloadError && error.expired);
    assert.deepEqual(readdirSync(dir), ['video.mp4'], 'no partial file left behind');
  });

  it('finds the results of every kind of task', async () => {
    const images = await h.client.images.generate({ model: 'wan2.2-t2i-flash', prompt: 'two cats', n: 2 });
    assert.equal(images.kind, 'task');
    if (images.kind === 'task') assert.equal(resultUrls(await h.client.tasks.wait(images.taskId)).length, 2);
    const asr = await h.client.speech.transcribe({ model: 'fun-asr', fileUrls: ['https://example.com/a.wav'] });
    assert.match(resultUrls(await h.client.tasks.wait(asr.taskId))[0]!, /\.json\?/);
  });
});
