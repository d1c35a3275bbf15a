import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type Simulator } from '../simulator';
import { compatEvents, raw, type RawResponse } from '../simulator/testClient';

const MODELS = '/compatible-mode/v1/models';
const CHAT = '/compatible-mode/v1/chat/completions';
const VIDEO = '/api/v1/services/aigc/video-generation/video-synthesis';
const ASYNC = { 'x-dashscope-async': 'enable' };
const fault = (name: string) => ({ 'x-sim-fault': name });

/** The simulator's hostile faults: what each sends, so client tests can rely on it. */
describe('simulator: hostile faults', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ clock: 'manual', rateLimits: false, taskTimings: { pendingMs: 0, runningMs: 0 } });
  });
  after(() => sim.close());

  it('huge-body=MB streams a 200 JSON body of that size, with its length only when declared', async () => {
    const body = await raw(sim, MODELS, { headers: fault('huge-body=3') });
    assert.equal(body.status, 200);
    assert.equal(body.headers['content-length'], undefined);
    assert.equal(body.text.length, 3 * 2 ** 20);
    assert.equal((JSON.parse(body.text) as { pad: string }).pad.length, 3 * 2 ** 20 - '{"pad":""}'.length);
    const declared = await raw(sim, MODELS, { headers: fault('huge-body=1,declared') });
    assert.equal(declared.headers['content-length'], String(2 ** 20));
  });

  it('long-event=MB sends a chat stream whose second event is one line of that many MB', async () => {
    const response = await raw(sim, CHAT, { body: { model: 'qwen-plus', messages: [{ role: 'user', content: 'hi' }], stream: true }, headers: fault('long-event=2') });
    const lines = response.text.split('\n').filter((line) => line !== '');
    assert.equal(lines.length, 2);
    const [, long] = compatEvents(response.text) as { choices: { delta: { content: string } }[] }[];
    assert.equal(long!.choices[0]!.delta.content, 'x'.repeat(2 * 2 ** 20));
  });

  /** Submits a video task with the fault, waits for it on the manual clock, and returns the submit and the task answers. */
  async function hostileTask(kind: string): Promise<{ submit: Record<string, unknown>; task: RawResponse }> {
    const submit = await raw(sim, VIDEO, { body: { model: 'wan2.6-t2v', input: { prompt: 'a boat' } }, headers: { ...ASYNC, ...fault(`hostile-result=${kind}`) } });
    const { task_id: taskId } = submit.json<{ output: { task_id: string } }>().output;
    sim.advance(1);
    return { submit: submit.json(), task: await raw(sim, `/api/v1/tasks/${encodeURIComponent(taskId)}`) };
  }
  const videoUrl = (task: RawResponse) => task.json<{ output: { video_url: string } }>().output.video_url;

  it('hostile-result=traversal: task and request ids are paths, and the task is still found by its id', async () => {
    const { submit, task } = await hostileTask('traversal');
    const output = task.json<{ output: { task_id: string; task_status: string } }>().output;
    assert.match(output.task_id, /^\/\.\.\/\.\.\/x/);
    assert.equal(output.task_status, 'SUCCEEDED');
    assert.match(String(submit.request_id), /^\.\.\//);
  });

  it('hostile-result=http|sh|exe|lying-mp4: result URLs over plain http, with odd extensions, or to a lying MP4', async () => {
    assert.match(videoUrl((await hostileTask('http')).task), /^http:\/\/results\.example\.invalid\//);
    const script = await raw(sim, videoUrl((await hostileTask('sh')).task), { key: null });
    assert.match(script.text, /^#!\/bin\/sh/);
    const exe = await raw(sim, videoUrl((await hostileTask('exe')).task), { key: null });
    assert.equal(Buffer.concat(exe.chunks).subarray(4, 8).toString('latin1'), 'ftyp');
    const lying = Buffer.concat((await raw(sim, videoUrl((await hostileTask('lying-mp4')).task), { key: null })).chunks);
    assert.deepEqual([lying.length, lying.readUInt32BE(16), lying.subarray(20, 24).toString('latin1')], [32, 0xfffffff0, 'moov']);
  });

  it('hostile-result=deep-usage: the task\'s usage is nested 100 000 objects deep', async () => {
    const { task } = await hostileTask('deep-usage');
    assert.ok(task.text.includes('{"a":'.repeat(1000)));
    assert.equal(task.text.split('{"a":').length - 1, 100_000);
  });

  it('429:retry-after=N passes any number of seconds, such as 30 days', async () => {
    const response = await raw(sim, MODELS, { headers: fault('429:retry-after=2592000') });
    assert.deepEqual([response.status, response.headers['retry-after']], [429, '2592000']);
  });
});
