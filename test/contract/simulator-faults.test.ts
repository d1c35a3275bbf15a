import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type Simulator } from '../simulator';
import { compatEvents, nativeEvents, raw } from '../simulator/testClient';

const CHAT = '/compatible-mode/v1/chat/completions';
const TEXT = '/api/v1/services/aigc/text-generation/generation';
const VIDEO = '/api/v1/services/aigc/video-generation/video-synthesis';
const MODELS = '/compatible-mode/v1/models';
const ASYNC = { 'x-dashscope-async': 'enable' };
const chat = (content: string, extra: Record<string, unknown> = {}) => ({ model: 'qwen-plus', messages: [{ role: 'user', content }], ...extra });
const native = (content: string, parameters: Record<string, unknown> = {}) => ({ model: 'qwen-plus', input: { messages: [{ role: 'user', content }] }, parameters });
const fault = (name: string) => ({ 'x-sim-fault': name });

/** Waits (by event-loop turns, not time) until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !done(); i++) await tick();
  assert.ok(done(), 'condition reached');
}

describe('simulator: faults', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ clock: 'manual', rateLimits: false, taskTimings: { pendingMs: 100, runningMs: 100 } });
  });
  after(() => sim.close());

  it('429: Throttling.RateQuota with Retry-After (default 1, or as asked), compat limit_requests', async () => {
    const native429 = await raw(sim, TEXT, { body: native('x'), headers: fault('429') });
    assert.equal(native429.status, 429);
    assert.equal(native429.headers['retry-after'], '1');
    assert.deepEqual([native429.json().code, native429.json().message], ['Throttling.RateQuota', 'Requests rate limit exceeded, please try again later.']);
    assert.equal((await raw(sim, TEXT, { body: native('x'), headers: fault('429:retry-after=7') })).headers['retry-after'], '7');
    const compat = await raw(sim, CHAT, { body: chat('x'), headers: fault('429') });
    assert.equal(compat.status, 429);
    const body = compat.json<{ error: unknown }>();
    assert.deepEqual(body.error, { message: 'You have exceeded your current request limit. For details, see: https://help.aliyun.com/zh/model-studio/error-code#rate-limit', type: 'limit_requests', param: null, code: 'limit_requests' });
    assert.ok(!('request_id' in body), 'as captured, no request_id');
  });

  it('401: a revoked key is refused like a wrong one, in both shapes', async () => {
    const nativeRefusal = await raw(sim, TEXT, { body: native('x'), headers: fault('401') });
    assert.equal(nativeRefusal.status, 401);
    assert.deepEqual([nativeRefusal.json().code, nativeRefusal.json().message], ['InvalidApiKey', 'Invalid API-key provided.']);
    const compat = await raw(sim, CHAT, { body: chat('x'), headers: fault('401') });
    assert.equal(compat.status, 401);
    assert.equal(compat.json<{ error: { code: string } }>().error.code, 'invalid_api_key');
  });

  it('500, 503 and arrearage answer the service\'s codes in both shapes', async () => {
    const cases = [['500', 500, 'InternalError', 'internal_error'], ['503', 503, 'ServiceUnavailable', 'ServiceUnavailable'], ['arrearage', 400, 'Arrearage', 'Arrearage']] as const;
    for (const [name, status, code, compatCode] of cases) {
      const n = await raw(sim, TEXT, { body: native('x'), headers: fault(name) });
      assert.deepEqual([n.status, n.json().code], [status, code], name);
      const c = await raw(sim, CHAT, { body: chat('x'), headers: fault(name) });
      assert.deepEqual([c.status, c.json<{ error: { code: string } }>().error.code], [status, compatCode], name);
    }
  });

  it('html: 502 with a proxy\'s HTML page; empty: 500 without a body; malformed: 200 with truncated JSON', async () => {
    const html = await raw(sim, MODELS, { headers: fault('html') });
    assert.deepEqual([html.status, html.headers['content-type']], [502, 'text/html']);
    assert.match(html.text, /<h1>502 Bad Gateway<\/h1>/);
    const empty = await raw(sim, MODELS, { headers: fault('empty') });
    assert.deepEqual([empty.status, empty.text], [500, '']);
    const malformed = await raw(sim, TEXT, { body: native('x'), headers: fault('malformed') });
    assert.equal(malformed.status, 200);
    assert.throws(() => JSON.parse(malformed.text), SyntaxError);
  });

  it('reset drops the connection before any answer', async () => {
    await assert.rejects(raw(sim, MODELS, { headers: fault('reset') }));
  });

  it('slow=MS delays the first byte, then answers normally', async () => {
    const start = performance.now();
    const response = await raw(sim, MODELS, { headers: fault('slow=60') });
    assert.equal(response.status, 200);
    assert.ok(performance.now() - start >= 55, 'not before the delay');
  });

  it('cut drops a stream after a few chunks, and a plain answer half-way', async () => {
    await assert.rejects(raw(sim, CHAT, { body: chat('[[sim:long=50]]', { stream: true }), headers: fault('cut') }));
    await assert.rejects(raw(sim, TEXT, { body: native('[[sim:long=50]]'), headers: { ...fault('cut'), 'x-dashscope-sse': 'enable' } }));
    await assert.rejects(raw(sim, MODELS, { headers: fault('cut') }));
  });

  it('stream-error: HTTP 200, then an error frame mid-stream (compatible data: {error}, native event:error)', async () => {
    const compat = await raw(sim, CHAT, { body: chat('[[sim:long=20]]', { stream: true }), headers: fault('stream-error') });
    assert.equal(compat.status, 200);
    const frames = compatEvents(compat.text);
    assert.ok(!frames.includes('[DONE]'));
    const last = frames.at(-1) as { error: { code: string; type: string } };
    assert.equal(last.error.code, 'data_inspection_failed');
    assert.ok(frames.length > 1, 'some chunks came first');
    const nativeStream = await raw(sim, TEXT, { body: native('[[sim:long=20]]', { incremental_output: true }), headers: { ...fault('stream-error'), 'x-dashscope-sse': 'enable' } });
    assert.equal(nativeStream.status, 200);
    const events = nativeEvents(nativeStream.text);
    assert.deepEqual(events.slice(0, -1).map((event) => event.event), ['result', 'result']);
    assert.deepEqual([events.at(-1)!.event, events.at(-1)!.status, events.at(-1)!.data.code], ['error', '400', 'DataInspectionFailed']);
  });

  it('data-inspection: 400 on sync calls, a FAILED task on async submits', async () => {
    const n = await raw(sim, TEXT, { body: native('x'), headers: fault('data-inspection') });
    assert.deepEqual([n.status, n.json().code], [400, 'DataInspectionFailed']);
    const c = await raw(sim, CHAT, { body: chat('x'), headers: fault('data-inspection') });
    assert.deepEqual([c.status, c.json<{ error: { code: string } }>().error.code], [400, 'data_inspection_failed']);
    const submit = await raw(sim, VIDEO, { body: { model: 'wan2.6-t2v', input: { prompt: 'x' } }, headers: { ...ASYNC, ...fault('data-inspection') } });
    assert.equal(submit.status, 200);
    sim.advance(200);
    const output = (await raw(sim, `/api/v1/tasks/${submit.json<{ output: { task_id: string } }>().output.task_id}`)).json<{ output: Record<string, string> }>().output;
    assert.deepEqual([output.task_status, output.code], ['FAILED', 'DataInspectionFailed']);
  });

  it('invalid-parameter: 400 InvalidParameter on sync calls; async video accepted, then FAILED', async () => {
    const n = await raw(sim, TEXT, { body: native('x'), headers: fault('invalid-parameter') });
    assert.deepEqual([n.status, n.json().code], [400, 'InvalidParameter']);
    const submit = await raw(sim, VIDEO, { body: { model: 'wan2.6-t2v', input: { prompt: 'x' } }, headers: { ...ASYNC, ...fault('invalid-parameter') } });
    assert.equal(submit.status, 200);
    sim.advance(200);
    const output = (await raw(sim, `/api/v1/tasks/${submit.json<{ output: { task_id: string } }>().output.task_id}`)).json<{ output: Record<string, string> }>().output;
    assert.deepEqual([output.task_status, output.code], ['FAILED', 'InvalidParameter']);
  });

  it('takes faults from a [[sim:NAME]] marker in the last user message only', async () => {
    assert.equal((await raw(sim, CHAT, { body: chat('please fail [[sim:503]]') })).status, 503);
    const history = { model: 'qwen-plus', messages: [{ role: 'user', content: 'earlier [[sim:503]]' }, { role: 'assistant', content: 'ok' }, { role: 'user', content: 'now' }] };
    assert.equal((await raw(sim, CHAT, { body: history })).status, 200);
    assert.equal((await raw(sim, VIDEO, { body: { model: 'wan2.6-t2v', input: { prompt: 'video [[sim:429]]' } }, headers: ASYNC })).status, 429);
  });

  it('queues injected faults for the next N requests whose path matches', async () => {
    sim.injectFault({ fault: '500', times: 2, path: '/models' });
    assert.equal((await raw(sim, CHAT, { body: chat('x') })).status, 200, 'other paths are untouched');
    assert.equal((await raw(sim, MODELS)).status, 500);
    assert.equal((await raw(sim, MODELS)).status, 500);
    assert.equal((await raw(sim, MODELS)).status, 200);
    assert.throws(() => sim.injectFault({ fault: 'bogus' }), /Unknown fault/);
  });

  it('hang never answers; close() still ends the connection', async () => {
    const hanging = await startSimulator({ clock: 'manual' });
    const pending = raw(hanging, MODELS, { headers: fault('hang') });
    await until(() => hanging.requests.length === 1);
    await hanging.close();
    await assert.rejects(pending);
  });
});

describe('simulator: rate limits', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ clock: 'manual' });
  });
  after(() => sim.close());

  it('limits video submits to 2 per second per key and model, with the doc\'s message', async () => {
    const submit = (key?: string, model = 'wan2.6-t2v') => raw(sim, VIDEO, { body: { model, input: { prompt: 'x' } }, headers: ASYNC, key });
    assert.equal((await submit()).status, 200);
    assert.equal((await submit()).status, 200);
    const refused = await submit();
    assert.equal(refused.status, 429);
    assert.deepEqual([refused.json().code, refused.json().message], ['Throttling.RateQuota', 'Requests rate limit exceeded, please try again later.']);
    assert.equal((await submit('sk-sim-cn-other')).status, 200, 'another key has its own bucket');
    assert.equal((await submit(undefined, 'wan2.7-t2v')).status, 200, 'another model has its own bucket');
    sim.advance(1000);
    assert.equal((await submit()).status, 200, 'the bucket empties after a second');
  });

  it('limits task queries to 20 per second', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await raw(sim, '/api/v1/tasks/x')).status);
    assert.deepEqual([statuses.slice(0, 20).every((s) => s === 200), statuses[20]], [true, 429]);
  });
});

it('close() leaves no server, socket or timer behind', async () => {
  const count = () => {
    const info = process.getActiveResourcesInfo();
    return ['TCPServerWrap', 'TCPSocketWrap', 'Timeout'].map((kind) => info.filter((r) => r === kind).length).join(',');
  };
  const baseline = '0,0,0';
  await until(() => count() === baseline); // earlier simulators of this file are gone
  const sim = await startSimulator({ clock: 'manual' });
  const hanging = raw(sim, MODELS, { headers: fault('hang') });
  const slow = raw(sim, MODELS, { headers: fault('slow=600000') });
  await until(() => sim.requests.length === 2);
  assert.notEqual(count(), baseline);
  await sim.close();
  assert.deepEqual((await Promise.allSettled([hanging, slow])).map((r) => r.status), ['rejected', 'rejected']);
  await until(() => count() === baseline);
});
