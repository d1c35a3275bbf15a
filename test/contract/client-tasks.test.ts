import assert from 'node:assert/strict';
import { request } from 'undici';
import { after, before, describe, it } from 'node:test';
import { DashScopeError, type TaskInfo } from '../../src/dashscope';
import { harness, type Harness } from './client-helpers';

const DAY = 24 * 3600_000;

describe('async tasks, images, video, uploads and speech against the simulator', () => {
  let h: Harness;
  before(async () => {
    h = await harness({ taskTimings: { pendingMs: 2000, runningMs: 6000 } });
  });
  after(() => h.close());

  const waitFor = (taskId: string, updates: TaskInfo[] = []) => h.client.tasks.wait(taskId, { onUpdate: (t) => updates.push(t), minIntervalMs: 1000, maxIntervalMs: 15_000 });

  it('walks a video task PENDING → RUNNING → SUCCEEDED with fields appearing by state', async () => {
    const submitted = await h.client.video.submit({ model: 'wan2.6-t2v', prompt: 'a red fox in snow', duration: 5, resolution: '720P' });
    assert.equal(submitted.status, 'PENDING');
    const updates: TaskInfo[] = [];
    const task = await waitFor(submitted.taskId, updates);
    const statuses = [...new Set(updates.map((u) => u.status))];
    assert.deepEqual(statuses, ['PENDING', 'RUNNING', 'SUCCEEDED']);
    const pending = updates[0]!;
    assert.ok(pending.submitTime && !pending.scheduledTime && !pending.endTime && !pending.videoUrl);
    const running = updates.find((u) => u.status === 'RUNNING')!;
    assert.ok(running.scheduledTime && !running.endTime);
    assert.ok(task.endTime! >= task.scheduledTime! && task.scheduledTime! >= task.submitTime!);
    assert.equal(task.usage?.output_video_duration, 5);
    const video = await request(task.videoUrl!);
    assert.equal(video.statusCode, 200);
    const bytes = Buffer.from(await video.body.arrayBuffer());
    assert.equal(bytes.subarray(4, 8).toString('ascii'), 'ftyp', 'a real MP4');
  });

  it('polls few times: short first, backing off toward 15 s', async () => {
    const { taskId } = await h.client.video.submit({ model: 'wan2.6-t2v', prompt: 'slow', duration: 5 });
    const before = h.log.length;
    await waitFor(taskId);
    const polls = h.log.slice(before).filter((e) => e.path.includes(taskId)).length;
    assert.ok(polls >= 3 && polls <= 7, `${polls} polls for an 8 s task`);
  });

  it('reports a FAILED task as a typed result, not a throw', async () => {
    const { taskId } = await h.client.video.submit({ model: 'wan2.6-t2v', prompt: '[[sim:data-inspection]] bad' });
    const task = await waitFor(taskId);
    assert.deepEqual([task.status, task.code], ['FAILED', 'DataInspectionFailed']);
    assert.ok(task.message);
  });

  it('routes every video mode to the path the service expects', async () => {
    const requests = [
      { model: 'wan2.6-i2v', prompt: 'p', imageUrl: 'https://example.com/a.png' },
      { model: 'wan2.7-i2v', prompt: 'p', imageUrl: 'https://example.com/a.png' },
      { model: 'wan2.2-kf2v-flash', prompt: 'p', firstFrameUrl: 'https://example.com/a.png', lastFrameUrl: 'https://example.com/b.png' },
      { model: 'wan2.6-r2v', prompt: 'p', referenceUrls: ['https://example.com/a.png'] },
      { model: 'wan2.7-videoedit', prompt: 'p', videoUrl: 'https://example.com/v.mp4' },
    ];
    for (const req of requests) assert.ok((await h.client.video.submit(req)).taskId, req.model);
    await assert.rejects(h.client.video.submit({ model: 'wan2.6-t2v', prompt: 'p', duration: 99 }), (e: DashScopeError) => e.code === 'InvalidParameter' && /duration/.test(e.message));
  });

  it('cancels only PENDING tasks and reports UnsupportedOperation otherwise', async () => {
    const { taskId } = await h.client.video.submit({ model: 'wan2.6-t2v', prompt: 'cancel me' });
    await h.client.tasks.cancel(taskId);
    assert.equal((await h.client.tasks.get(taskId)).status, 'CANCELED');
    const running = await h.client.video.submit({ model: 'wan2.6-t2v', prompt: 'too late' });
    h.sim.advance(3000);
    await assert.rejects(h.client.tasks.cancel(running.taskId), (e: DashScopeError) => e.code === 'UnsupportedOperation' && e.status === 400);
  });

  it('answers UNKNOWN for unknown and expired tasks, and 403 for expired result URLs', async () => {
    assert.equal((await h.client.tasks.get('no-such-task')).status, 'UNKNOWN');
    const { taskId } = await h.client.video.submit({ model: 'wan2.6-t2v', prompt: 'ephemeral' });
    const done = await waitFor(taskId);
    h.sim.advance(DAY + 60_000);
    const expired = await h.client.tasks.get(taskId);
    assert.deepEqual([expired.status, expired.submitTime], ['UNKNOWN', undefined]);
    assert.equal((await request(done.videoUrl!)).statusCode, 403);
  });

  it('lists tasks with paging and filters in its own shape', async () => {
    const start = h.sim.now();
    for (let i = 0; i < 3; i++) await h.client.video.submit({ model: 'wan2.2-kf2v-flash', prompt: `page ${i}`, firstFrameUrl: 'https://example.com/a.png' });
    const page1 = await h.client.tasks.list({ modelName: 'wan2.2-kf2v-flash', startTime: start - 1000, pageSize: 2 });
    const page2 = await h.client.tasks.list({ modelName: 'wan2.2-kf2v-flash', startTime: start - 1000, pageSize: 2, pageNo: 2 });
    assert.deepEqual([page1.total, page1.totalPages, page1.tasks.length, page2.tasks.length], [3, 2, 2, 1]);
    assert.ok(page1.tasks[0]!.createdAt! >= page1.tasks[1]!.createdAt!, 'newest first');
    assert.equal(page1.tasks[0]!.status, 'PENDING');
    const pending = await h.client.tasks.list({ status: 'PENDING', modelName: 'wan2.2-kf2v-flash' });
    assert.equal(pending.total, 3);
  });

  it('generates images through all four endpoint families with one request type', async () => {
    const sync = await h.client.images.generate({ model: 'qwen-image-plus', prompt: 'a lighthouse', size: '1328*1328', n: 2 });
    assert.equal(sync.kind, 'completed');
    if (sync.kind === 'completed') assert.equal(sync.result.images.length, 2);
    await assert.rejects(h.client.images.generate({ model: 'qwen-image-plus', prompt: 'x', size: '1000*1000' }), (e: DashScopeError) => e.code === 'InvalidParameter');

    for (const model of ['wan2.7-image-pro', 'wan2.2-t2i-flash']) {
      const submitted = await h.client.images.generate({ model, prompt: 'a lighthouse', n: 1 });
      assert.equal(submitted.kind, 'task');
      if (submitted.kind !== 'task') continue;
      const result = h.client.images.resultFromTask(await waitFor(submitted.taskId));
      assert.equal(result.images.length, 1, model);
      const png = await request(result.images[0]!.url);
      assert.equal(Buffer.from(await png.body.arrayBuffer()).subarray(1, 4).toString('ascii'), 'PNG');
    }
    const partial = await h.client.images.generate({ model: 'wan2.2-t2i-plus', prompt: '[[sim:partial]] two cats', n: 2 });
    assert.equal(partial.kind, 'task');
    if (partial.kind === 'task') {
      const result = h.client.images.resultFromTask(await waitFor(partial.taskId));
      assert.equal(result.images.length, 1);
      assert.equal(result.failures[0]?.code, 'DataInspectionFailed');
      assert.ok(result.images[0]!.actualPrompt);
    }
    const edit = await h.client.images.generate({ model: 'wan2.5-i2i-preview', prompt: 'make it night', images: ['https://example.com/a.png'] });
    assert.equal(edit.kind, 'task');
  });

  it('uploads a file and sends the oss:// URL with the resolve header', async () => {
    const file = { data: new Uint8Array(2048).fill(7), fileName: 'frame 1.png' };
    const uploaded = await h.client.uploads.upload({ ...file, model: 'wan2.6-i2v' });
    assert.match(uploaded.ossUrl, /^oss:\/\/dashscope-instant\/.+\/frame_1\.png$/);
    const { taskId } = await h.client.video.submit({ model: 'wan2.6-i2v', prompt: 'animate', imageUrl: uploaded.ossUrl });
    assert.ok(taskId);
    const submit = h.sim.requests.at(-1)!;
    assert.equal(submit.headers['x-dashscope-ossresourceresolve'], 'enable');
    assert.match(await h.client.uploads.toMediaUrl(file, 'qwen-vl-plus'), /^data:image\/png;base64,/);
    assert.match(await h.client.uploads.toMediaUrl(file, 'qwen-vl-plus', { inlineLimitBytes: 100 }), /^oss:\/\//);
  });

  it('synthesises speech, streamed or not, and transcribes files', async () => {
    const speech = await h.client.speech.tts({ model: 'qwen3-tts-flash', text: 'Hello there', voice: 'Cherry' });
    const wav = Buffer.from(await (await request(speech.audioUrl)).body.arrayBuffer());
    assert.equal(wav.subarray(0, 4).toString('ascii'), 'RIFF');
    let pcmBytes = 0;
    let done = false;
    for await (const event of h.client.speech.ttsStream({ model: 'qwen3-tts-flash', text: 'Streaming speech, please', voice: 'Ethan' })) {
      if (event.type === 'audio') pcmBytes += event.pcm.byteLength;
      else done = Boolean(event.audioUrl);
    }
    assert.ok(pcmBytes > 10_000 && done);
    const { taskId } = await h.client.speech.transcribe({ model: 'fun-asr', fileUrls: ['https://example.com/a.wav'], languageHints: ['en'] });
    const task = await waitFor(taskId);
    const results = task.output.results as { transcription_url: string }[];
    const transcript = await (await request(results[0]!.transcription_url)).body.json() as { transcripts: { text: string }[] };
    assert.match(transcript.transcripts[0]!.text, /simulator/);
  });

  it('aborts a wait', async () => {
    const { taskId } = await h.client.video.submit({ model: 'wan2.6-t2v', prompt: 'never mind' });
    const controller = new AbortController();
    const waiting = h.client.tasks.wait(taskId, { signal: controller.signal, onUpdate: () => controller.abort() });
    await assert.rejects(waiting, (e: Error) => e.name === 'AbortError');
  });
});
