import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageRequestBody, videoRequestBody } from '../../src/dashscope';
import { taskRequest } from '../../src/extension/snippets/taskRequest';
import type { TrackedTask } from '../../src/extension/tasks/trackedTask';
import { regionEndpoint, requestSnippet } from '../../src/snippets/render';

const task = (kind: TrackedTask['kind'], request: Record<string, unknown> | undefined): TrackedTask => ({
  taskId: '0385dc79-5ff8-4d82-bcb6-1a2b3c4d5e6f', region: 'cn', kind, model: String(request?.model ?? 'x'), prompt: String(request?.prompt ?? ''),
  request, status: 'SUCCEEDED', createdAt: 0, resultUrls: [], localFiles: [],
});

describe('Copy as… on a task', () => {
  it('rebuilds a video submit with the client\'s own builder, on the path of its mode', () => {
    const request = { model: 'wan2.6-t2v', prompt: 'a paper boat', duration: 5 };
    const call = taskRequest(task('video', request), 'Boat');
    assert.deepEqual(call, { title: 'Boat', root: 'native', method: 'POST', path: '/services/aigc/video-generation/video-synthesis', body: videoRequestBody(request).body, flow: 'task' });
    assert.equal(taskRequest(task('video', { model: 'wan2.2-kf2v-flash', firstFrameUrl: 'https://a/1.png', lastFrameUrl: 'https://a/2.png' }), 'K')?.path, '/services/aigc/image2video/video-synthesis');
  });

  it('polls asynchronous image families and not the synchronous one', () => {
    const asyncImage = { model: 'wan2.6-t2i', prompt: 'a fox' };
    assert.deepEqual(taskRequest(task('image', asyncImage), 'Fox'), { title: 'Fox', root: 'native', method: 'POST', path: '/services/aigc/image-generation/generation', body: imageRequestBody(asyncImage).body, flow: 'task' });
    assert.equal(taskRequest(task('image', { model: 'qwen-image-plus', prompt: 'a fox' }), 'Fox')?.flow, 'json');
  });

  it('knows nothing of tasks that were not submitted from VS Code', () => {
    assert.equal(taskRequest(task('video', undefined), 'Imported'), undefined);
    assert.equal(taskRequest(task('transcription', { model: 'fun-asr' }), 'ASR'), undefined);
  });

  it('renders the rebuilt request as code with the key in the environment', () => {
    const code = requestSnippet(taskRequest(task('video', { model: 'wan2.6-t2v', prompt: 'a paper boat' }), 'Boat')!, 'typescript', regionEndpoint('us'));
    assert.match(code, /^\/\/ DashScope: Boat\n/);
    assert.match(code, /prompt: "a paper boat"/);
    assert.match(code, /"https:\/\/dashscope-us\.aliyuncs\.com\/api\/v1"/);
    assert.match(code, /task_status/);
  });
});
