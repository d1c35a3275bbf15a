import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type Simulator } from '../simulator';
import { nativeEvents, raw } from '../simulator/testClient';

const SERVICES = '/api/v1/services';
const VIDEO = `${SERVICES}/aigc/video-generation/video-synthesis`;
const I2V_PATH = `${SERVICES}/aigc/image2video/video-synthesis`;
const T2I = `${SERVICES}/aigc/text2image/image-synthesis`;
const I2I = `${SERVICES}/aigc/image2image/image-synthesis`;
const IMAGE_GEN = `${SERVICES}/aigc/image-generation/generation`;
const MULTIMODAL = `${SERVICES}/aigc/multimodal-generation/generation`;
const ASR = `${SERVICES}/audio/asr/transcription`;
const ASYNC = { 'x-dashscope-async': 'enable' };
const DAY = 24 * 3600_000;
const SERVICE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;
type Output = Record<string, unknown> & { task_id: string; task_status: string };

describe('simulator: async tasks and results', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ clock: 'manual', rateLimits: false, taskTimings: { pendingMs: 1000, runningMs: 4000 } });
  });
  after(() => sim.close());

  const submit = async (path: string, body: unknown, region: 'cn' | 'intl' = 'cn') => {
    const response = await raw(sim, path, { body, headers: ASYNC, region });
    assert.equal(response.status, 200, response.text);
    const json = response.json<{ request_id: string; output: Output }>();
    assert.deepEqual(Object.keys(json.output).sort(), ['task_id', 'task_status']);
    assert.equal(json.output.task_status, 'PENDING');
    assert.equal(json.request_id, response.headers['x-request-id']);
    return json.output.task_id;
  };
  const task = async (id: string, key?: string, region: 'cn' | 'intl' = 'cn') => {
    const response = await raw(sim, `/api/v1/tasks/${id}`, { key, region });
    assert.equal(response.status, 200);
    return response.json<{ output: Output; usage?: Record<string, unknown>; request_id: string }>();
  };
  const download = (url: string) => raw(sim, url, { key: null });

  it('refuses async-only submits without X-DashScope-Async: 403 AccessDenied', async () => {
    for (const path of [VIDEO, I2V_PATH, T2I, I2I, IMAGE_GEN, ASR]) {
      const response = await raw(sim, path, { body: { model: 'wan2.6-t2v', input: { prompt: 'x' } } });
      assert.equal(response.status, 403, path);
      assert.deepEqual([response.json().code, response.json().message], ['AccessDenied', 'current user api does not support synchronous calls']);
    }
  });

  it('moves PENDING → RUNNING → SUCCEEDED on the simulator clock, with fields by state', async () => {
    const id = await submit(VIDEO, { model: 'wan2.6-t2v', input: { prompt: 'a red fox' }, parameters: { size: '1280*720', duration: 5 } });
    const pending = (await task(id)).output;
    assert.deepEqual(Object.keys(pending).sort(), ['submit_time', 'task_id', 'task_status']);
    assert.equal(pending.task_status, 'PENDING');
    assert.match(String(pending.submit_time), SERVICE_TIME);
    const submitted = Date.parse(`${String(pending.submit_time).replace(' ', 'T')}+08:00`);
    assert.equal(submitted, sim.now(), 'submit_time is UTC+8');

    sim.advance(1000);
    const running = (await task(id)).output;
    assert.equal(running.task_status, 'RUNNING');
    assert.match(String(running.scheduled_time), SERVICE_TIME);
    assert.ok(!('end_time' in running) && !('video_url' in running));

    sim.advance(4000);
    const done = await task(id);
    assert.equal(done.output.task_status, 'SUCCEEDED');
    assert.match(String(done.output.end_time), SERVICE_TIME);
    assert.equal(done.output.orig_prompt, 'a red fox');
    assert.match(String(done.output.video_url), /\/results\/[0-9a-f-]+\.mp4\?Expires=\d+&OSSAccessKeyId=[^&]+&Signature=/);
    assert.deepEqual(done.usage, { duration: 5, input_video_duration: 0, output_video_duration: 5, video_count: 1, SR: 720 });
    const video = await download(String(done.output.video_url));
    assert.equal(video.status, 200);
    assert.equal(video.headers['content-type'], 'video/mp4');
    assert.equal(Buffer.concat(video.chunks).subarray(4, 8).toString('ascii'), 'ftyp');
  });

  it('shows tasks to every key of the same region (one account) and to no other region', async () => {
    const id = await submit(VIDEO, { model: 'wan2.6-t2v', input: { prompt: 'shared' } });
    assert.equal((await task(id, 'sk-sim-cn-colleague')).output.task_status, 'PENDING');
    assert.deepEqual((await task(id, undefined, 'intl')).output, { task_id: id, task_status: 'UNKNOWN' });
  });

  it('answers UNKNOWN with only task_id and task_status for unknown ids and after 24 h; result URLs then 403', async () => {
    assert.deepEqual((await task('no-such-task')).output, { task_id: 'no-such-task', task_status: 'UNKNOWN' });
    const id = await submit(T2I, { model: 'wan2.2-t2i-flash', input: { prompt: 'old' } });
    sim.advance(5000);
    const done = await task(id);
    const url = String((done.output.results as { url: string }[])[0]!.url);
    assert.equal((await download(url)).status, 200);
    sim.advance(DAY);
    assert.deepEqual((await task(id)).output, { task_id: id, task_status: 'UNKNOWN' });
    const expired = await download(url);
    assert.equal(expired.status, 403);
    assert.match(expired.text, /<Code>AccessDenied<\/Code>[\s\S]*<Message>Request has expired\.<\/Message>/);
    assert.equal(expired.headers['content-type'], 'application/xml');
  });

  it('refuses result URLs with a tampered signature or expiry', async () => {
    const id = await submit(T2I, { model: 'wan2.2-t2i-flash', input: { prompt: 'signed' } });
    sim.advance(5000);
    const url = new URL(String(((await task(id)).output.results as { url: string }[])[0]!.url));
    const tampered = new URL(url);
    tampered.searchParams.set('Expires', String(Number(url.searchParams.get('Expires')) + 3600));
    const forged = await download(tampered.toString());
    assert.equal(forged.status, 403);
    assert.match(forged.text, /<Error>[\s\S]*<Code>SignatureDoesNotMatch<\/Code>/);
    url.searchParams.set('Signature', 'AAAA');
    assert.equal((await download(url.toString())).status, 403);
  });

  it('cancels only PENDING tasks; CANCELED is terminal', async () => {
    const id = await submit(VIDEO, { model: 'wan2.6-t2v', input: { prompt: 'cancel me' } });
    const cancel = await raw(sim, `/api/v1/tasks/${id}/cancel`, { method: 'POST' });
    assert.equal(cancel.status, 200);
    assert.deepEqual(cancel.json(), { request_id: cancel.headers['x-request-id'] });
    sim.advance(10_000);
    const canceled = (await task(id)).output;
    assert.equal(canceled.task_status, 'CANCELED');
    assert.ok(!('video_url' in canceled));
    const again = await raw(sim, `/api/v1/tasks/${id}/cancel`, { method: 'POST' });
    assert.equal(again.status, 400);
    assert.deepEqual(again.json(), { request_id: again.headers['x-request-id'], code: 'UnsupportedOperation', message: 'Failed to cancel the task, please confirm if the task is in PENDING status.' });

    const running = await submit(VIDEO, { model: 'wan2.6-t2v', input: { prompt: 'too late' } });
    sim.advance(1000);
    assert.equal((await raw(sim, `/api/v1/tasks/${running}/cancel`, { method: 'POST' })).status, 400);
    assert.equal((await raw(sim, '/api/v1/tasks/unknown-id/cancel', { method: 'POST' })).status, 400);
  });

  it('keeps a [[sim:queue=MS]] task PENDING that long, so it can still be canceled', async () => {
    const queued = await submit(VIDEO, { model: 'wan2.6-t2v', input: { prompt: 'a busy day [[sim:queue=60000]]' } });
    sim.advance(59_000);
    assert.equal((await task(queued)).output.task_status, 'PENDING');
    assert.equal((await raw(sim, `/api/v1/tasks/${queued}/cancel`, { method: 'POST' })).status, 200);
    const unqueued = await submit(VIDEO, { model: 'wan2.6-t2v', input: { prompt: 'a quiet day' } });
    sim.advance(1000);
    assert.equal((await task(unqueued)).output.task_status, 'RUNNING');
  });

  it('starts a queued task when a test asks for it by its prompt, and only that one', async () => {
    const queued = await submit(VIDEO, { model: 'wan2.6-t2v', input: { prompt: 'a long queue [[sim:queue=600000]]' } });
    const other = await submit(VIDEO, { model: 'wan2.6-t2v', input: { prompt: 'another queue [[sim:queue=600000]]' } });
    assert.equal(sim.startQueued('a long queue'), 1);
    assert.equal((await task(queued)).output.task_status, 'RUNNING');
    assert.equal((await task(other)).output.task_status, 'PENDING');
    assert.equal(sim.startQueued('a long queue'), 0, 'a running task is not started again');
  });

  it('keeps a [[sim:run=MS]] task RUNNING that long', async () => {
    const id = await submit(VIDEO, { model: 'wan2.6-t2v', input: { prompt: 'a long shot [[sim:run=60000]]' } });
    sim.advance(1000 + 59_000);
    assert.equal((await task(id)).output.task_status, 'RUNNING');
    sim.advance(1000);
    assert.equal((await task(id)).output.task_status, 'SUCCEEDED');
  });

  it('lists tasks in their own shape with paging and filters', async () => {
    const listed = await startSimulator({ clock: 'manual', rateLimits: false, taskTimings: { pendingMs: 1000, runningMs: 1000 } });
    try {
      const list = async (query: string) => (await raw(listed, `/api/v1/tasks${query}`)).json<{ request_id: string; total: number; total_page: number; page_no: number; page_size: number; data: Record<string, unknown>[] }>();
      const ids: string[] = [];
      for (const model of ['wan2.6-t2v', 'wan2.6-t2v', 'wan2.7-t2v']) {
        ids.push((await raw(listed, VIDEO, { body: { model, input: { prompt: model } }, headers: ASYNC })).json<{ output: Output }>().output.task_id);
        listed.advance(60_000);
      }
      ids.push((await raw(listed, VIDEO, { body: { model: 'wan2.6-t2v', input: { prompt: 'fresh' } }, headers: ASYNC })).json<{ output: Output }>().output.task_id);
      const all = await list('');
      assert.ok(!('output' in all));
      assert.deepEqual([all.total, all.total_page, all.page_no, all.page_size], [4, 1, 1, 10]);
      assert.deepEqual(all.data.map((t) => t.task_id), [...ids].reverse(), 'newest first');
      const [first] = all.data;
      assert.equal(first!.status, 'PENDING');
      assert.equal(first!.region, 'cn-beijing');
      assert.equal(typeof first!.gmt_create, 'number');
      assert.equal(all.data.at(-1)!.status, 'SUCCEEDED');
      assert.equal(typeof all.data.at(-1)!.end_time, 'number');

      const page = await list('?page_no=2&page_size=3');
      assert.deepEqual([page.total, page.total_page, page.page_no, page.page_size, page.data.length], [4, 2, 2, 3, 1]);
      assert.equal((await list('?model_name=wan2.7-t2v')).total, 1);
      assert.equal((await list('?status=SUCCEEDED')).total, 3);
      const fmt = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
      assert.equal((await list(`?start_time=${fmt(listed.now() - 90_000)}&end_time=${fmt(listed.now())}`)).total, 2);
      assert.equal((await raw(listed, '/api/v1/tasks?start_time=2024-01-01')).status, 400);
      assert.equal((await raw(listed, '/api/v1/tasks?status=DONE')).status, 400);
      assert.equal((await list('')).data.length, 4);
      assert.equal((await raw(listed, '/api/v1/tasks', { region: 'intl' })).json<{ total: number }>().total, 0);
    } finally {
      await listed.close();
    }
  });

  it('serves the four image families with their result shapes and real PNGs that differ by prompt', async () => {
    const sync = await raw(sim, MULTIMODAL, { body: { model: 'qwen-image-plus', input: { messages: [{ role: 'user', content: [{ text: 'a cat' }] }] }, parameters: { size: '1328*1328' } } });
    const syncBody = sync.json<{ output: { choices: { message: { content: { image: string }[] } }[]; task_metric: Record<string, number> }; usage: Record<string, number> }>();
    assert.deepEqual(syncBody.output.task_metric, { TOTAL: 1, SUCCEEDED: 1, FAILED: 0 });
    assert.deepEqual(syncBody.usage, { width: 1328, height: 1328, image_count: 1 });
    const png = Buffer.concat((await download(syncBody.output.choices[0]!.message.content[0]!.image)).chunks);
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1328, 1328]);
    const badSize = await raw(sim, MULTIMODAL, { body: { model: 'qwen-image-plus', input: { messages: [{ role: 'user', content: [{ text: 'a cat' }] }] }, parameters: { size: '1024*1024' } } });
    assert.deepEqual([badSize.status, badSize.json().code], [400, 'InvalidParameter']);

    const generation = await submit(IMAGE_GEN, { model: 'wan2.7-image', input: { messages: [{ role: 'user', content: [{ text: 'a dog' }] }] }, parameters: { size: '1024*1024', n: 2 } });
    const legacy = await submit(T2I, { model: 'wan2.2-t2i-flash', input: { prompt: 'a bird' }, parameters: { n: 2 } });
    const edit = await submit(I2I, { model: 'wanx2.1-imageedit', input: { prompt: 'make it blue', base_image_url: 'https://example.com/x.png', function: 'stylization_all' } });
    sim.advance(1000);
    assert.deepEqual((await task(legacy)).output.task_metrics, { TOTAL: 2, SUCCEEDED: 0, FAILED: 0 }, 'multi-result tasks report progress while RUNNING');
    sim.advance(4000);
    const generated = await task(generation);
    const choices = generated.output.choices as { message: { content: { image: string; type: string }[] } }[];
    assert.equal(choices.length, 2);
    assert.equal(choices[0]!.message.content[0]!.type, 'image');
    assert.equal(generated.usage!.image_count, 2);
    const results = (await task(legacy)).output;
    assert.equal((results.results as { url: string; orig_prompt: string }[]).length, 2);
    assert.deepEqual(results.task_metrics, { TOTAL: 2, SUCCEEDED: 2, FAILED: 0 });
    const [a, b] = await Promise.all((results.results as { url: string }[]).map(async (r) => Buffer.concat((await download(r.url)).chunks)));
    assert.notDeepEqual(a, b, 'each image differs');
    assert.equal((await task(edit)).output.task_status, 'SUCCEEDED');
  });

  it('fails one result of a legacy image task on [[sim:partial]]', async () => {
    const id = await submit(T2I, { model: 'wan2.2-t2i-plus', input: { prompt: 'three cats [[sim:partial]]' }, parameters: { n: 3 } });
    sim.advance(5000);
    const { output, usage } = await task(id);
    assert.equal(output.task_status, 'SUCCEEDED');
    assert.deepEqual(output.task_metrics, { TOTAL: 3, SUCCEEDED: 2, FAILED: 1 });
    const results = output.results as Record<string, string>[];
    assert.equal(results.filter((r) => r.url).length, 2);
    assert.deepEqual([results[2]!.code, results[2]!.url], ['DataInspectionFailed', undefined]);
    assert.equal(usage!.image_count, 2);
  });

  it('keeps kf2v on the image2video path and everything else off it ("url error")', async () => {
    const frames = { first_frame_url: 'https://example.com/a.png', last_frame_url: 'https://example.com/b.png', prompt: 'morph' };
    for (const [path, model, input] of [[VIDEO, 'wan2.2-kf2v-flash', frames], [I2V_PATH, 'wan2.6-t2v', { prompt: 'x' }]] as const) {
      const wrong = await raw(sim, path, { body: { model, input }, headers: ASYNC });
      assert.equal(wrong.status, 400);
      assert.deepEqual([wrong.json().code, wrong.json().message], ['InvalidParameter', 'url error, please check url!']);
    }
    const id = await submit(I2V_PATH, { model: 'wan2.2-kf2v-flash', input: frames, parameters: { resolution: '480P' } });
    sim.advance(5000);
    const done = await task(id);
    assert.equal(done.output.task_status, 'SUCCEEDED');
    assert.deepEqual(done.output.task_metrics, { TOTAL: 1, SUCCEEDED: 1, FAILED: 0 });
    assert.deepEqual(done.usage, { video_count: 1, video_duration: 5, video_ratio: '832*480' });
  });

  it('validates video submits, deferring a missing t2v prompt to a FAILED task', async () => {
    const i2v = await raw(sim, VIDEO, { body: { model: 'wan2.6-i2v', input: { prompt: 'x' } }, headers: ASYNC });
    assert.deepEqual([i2v.status, i2v.json().message], [400, 'Field required: input.img_url']);
    const duration = await raw(sim, VIDEO, { body: { model: 'wan2.5-t2v-preview', input: { prompt: 'x' }, parameters: { duration: 7 } }, headers: ASYNC });
    assert.equal(duration.status, 400);
    const shot = await raw(sim, VIDEO, { body: { model: 'wan2.6-t2v', input: { prompt: 'x' }, parameters: { shot_type: 'double' } }, headers: ASYNC });
    assert.deepEqual([shot.status, shot.json().message], [400, 'parameters.shot_type: Invalid option: expected one of "single"|"multi"']);
    await submit(VIDEO, { model: 'wan2.6-t2v', input: { prompt: 'a meeting, then a parting' }, parameters: { prompt_extend: true, shot_type: 'multi' } });
    const edit = { model: 'happyhorse-1.0-video-edit', input: { prompt: 'clay style', media: [{ type: 'reference_image', url: 'https://example.com/ref.png' }] } };
    const noVideo = await raw(sim, VIDEO, { body: edit, headers: ASYNC });
    assert.deepEqual([noVideo.status, noVideo.json().message], [400, 'Field required: input.video_url']);
    await submit(VIDEO, { ...edit, input: { ...edit.input, media: [{ type: 'video', url: 'https://example.com/in.mp4' }, ...edit.input.media] } });
    const id = await submit(VIDEO, { model: 'wan2.7-t2v', input: {} });
    sim.advance(5000);
    const failed = (await task(id)).output;
    assert.deepEqual([failed.task_status, failed.code, failed.message], ['FAILED', 'InvalidParameter', 'Field required: input.prompt']);
    assert.match(String(failed.end_time), SERVICE_TIME);
  });

  it('takes wan2.7-videoedit\'s ratio, duration (0 keeps the source\'s) and audio_setting, and refuses values outside them', async () => {
    const edit = (parameters: Record<string, unknown>) => ({ model: 'wan2.7-videoedit', input: { prompt: 'snow', negative_prompt: 'rain', media: [{ type: 'video', url: 'https://example.com/in.mp4' }] }, parameters });
    for (const parameters of [{ duration: 0, audio_setting: 'origin' }, { duration: 10, ratio: '3:4', audio_setting: 'auto' }, { duration: 2 }]) await submit(VIDEO, edit(parameters));
    const refusals: [Record<string, unknown>, RegExp][] = [
      [{ duration: 1 }, /duration 1 is not supported/],
      [{ duration: 11 }, /duration 11 is not supported/],
      [{ ratio: '21:9' }, /parameters\.ratio: use one of 16:9, 9:16, 1:1, 4:3, 3:4/],
      [{ audio_setting: 'mute' }, /parameters\.audio_setting/],
    ];
    for (const [parameters, message] of refusals) {
      const refused = await raw(sim, VIDEO, { body: edit(parameters), headers: ASYNC });
      assert.equal(refused.status, 400, JSON.stringify(parameters));
      assert.match(String(refused.json().message), message);
    }
    const other = await raw(sim, VIDEO, { body: { model: 'wan2.7-t2v', input: { prompt: 'x' }, parameters: { audio_setting: 'origin' } }, headers: ASYNC });
    assert.deepEqual([other.status, other.json().message], [400, 'parameters.audio_setting is not supported by wan2.7-t2v.']);
  });

  it('takes VACE image_reference with 1–3 images and their roles, as an async task, and refuses other shapes', async () => {
    const refs = (count: number) => Array.from({ length: count }, (_, i) => `https://example.com/ref${i}.png`);
    const vace = (input: Record<string, unknown>, parameters: Record<string, unknown> = {}) => ({ model: 'wanx2.1-vace-plus', input: { prompt: 'a girl in a forest', ...input }, parameters: { size: '1280*720', ...parameters } });
    const id = await submit(VIDEO, vace({ function: 'image_reference', ref_images_url: refs(2) }, { obj_or_bg: ['obj', 'bg'] }));
    await submit(VIDEO, vace({ function: 'image_reference', ref_images_url: refs(3) }));
    sim.advance(5000);
    assert.equal((await task(id)).output.task_status, 'SUCCEEDED');
    const refusals: [Record<string, unknown>, Record<string, unknown>, string][] = [
      [{ ref_images_url: refs(1) }, {}, 'Field required: input.function'],
      [{ function: 'image_reference' }, {}, 'input.ref_images_url: image_reference takes 1 to 3 images.'],
      [{ function: 'image_reference', ref_images_url: refs(4) }, {}, 'input.ref_images_url: image_reference takes 1 to 3 images.'],
      [{ function: 'image_reference', ref_images_url: refs(2) }, { obj_or_bg: ['obj'] }, 'parameters.obj_or_bg: give one value per image of input.ref_images_url.'],
      [{ function: 'video_repainting' }, {}, 'Field required: input.video_url'],
    ];
    for (const [input, parameters, message] of refusals) {
      const refused = await raw(sim, VIDEO, { body: vace(input, parameters), headers: ASYNC });
      assert.deepEqual([refused.status, refused.json().message], [400, message], JSON.stringify(input));
    }
    const role = await raw(sim, VIDEO, { body: vace({ function: 'image_reference', ref_images_url: refs(1) }, { obj_or_bg: ['person'] }), headers: ASYNC });
    assert.equal(role.status, 400);
    assert.match(String(role.json().message), /^parameters\.obj_or_bg\.0/);
  });

  it('serves an MP4 with AAC audio on [[sim:aac]] and wan2.7 usage with ratio', async () => {
    const id = await submit(VIDEO, { model: 'wan2.7-t2v', input: { prompt: 'with sound [[sim:aac]]' }, parameters: { resolution: '1080P', ratio: '9:16', duration: 4 } });
    sim.advance(5000);
    const done = await task(id);
    assert.equal(done.output.orig_prompt, 'with sound');
    assert.deepEqual(done.usage, { duration: 4, input_video_duration: 0, output_video_duration: 4, video_count: 1, SR: 1080, ratio: '9:16' });
    const mp4 = Buffer.concat((await download(String(done.output.video_url))).chunks);
    assert.ok(mp4.includes(Buffer.from('mp4a')), 'has an AAC track');
  });

  it('transcribes files asynchronously, with a transcription JSON at each transcription_url', async () => {
    const id = await submit(ASR, { model: 'paraformer-v2', input: { file_urls: ['https://example.com/a.wav', 'https://example.com/b.wav'] } });
    sim.advance(5000);
    const { output } = await task(id);
    const results = output.results as { file_url: string; transcription_url: string; subtask_status: string }[];
    assert.deepEqual(results.map((r) => [r.file_url, r.subtask_status]), [['https://example.com/a.wav', 'SUCCEEDED'], ['https://example.com/b.wav', 'SUCCEEDED']]);
    assert.deepEqual(output.task_metrics, { TOTAL: 2, SUCCEEDED: 2, FAILED: 0 });
    const transcript = (await download(results[0]!.transcription_url)).json<{ file_url: string; transcripts: { text: string; sentences: unknown[] }[] }>();
    assert.equal(transcript.file_url, 'https://example.com/a.wav');
    assert.ok(transcript.transcripts[0]!.text.length > 0 && transcript.transcripts[0]!.sentences.length > 0);
  });

  it('speaks with Qwen TTS: a WAV URL, or SSE PCM chunks with the URL last', async () => {
    const body = { model: 'qwen3-tts-flash', input: { text: '你好 world', voice: 'Cherry' } };
    const plain = (await raw(sim, MULTIMODAL, { body })).json<{ output: { audio: { url: string; id: string; expires_at: number; data: string }; finish_reason: string }; usage: { characters: number } }>();
    assert.equal(plain.output.finish_reason, 'stop');
    assert.equal(plain.usage.characters, 10, 'CJK characters count double');
    const wav = Buffer.concat((await download(plain.output.audio.url)).chunks);
    assert.deepEqual([wav.subarray(0, 4).toString('ascii'), wav.subarray(8, 12).toString('ascii'), wav.readUInt32LE(24)], ['RIFF', 'WAVE', 24_000]);
    const events = nativeEvents((await raw(sim, MULTIMODAL, { body, headers: { 'x-dashscope-sse': 'enable' } })).text);
    const audio = events.map((event) => (event.data.output as { audio: { data: string; url: string }; finish_reason: string }));
    assert.ok(audio.slice(0, -1).every((a) => a.audio.data.length > 0 && a.audio.url === '' && a.finish_reason === 'null'));
    assert.match(audio.at(-1)!.audio.url, /\.wav\?/);
  });
});
