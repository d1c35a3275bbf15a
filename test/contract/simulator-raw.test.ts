import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { startSimulator, type Simulator } from '../simulator';

/** The simulator's wire format, read raw (no client), against the facts it must reproduce. */
describe('simulator wire format', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ clock: 'manual', rateLimits: false });
  });
  after(() => sim.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    request(`${sim.origin}${path}`, { method: 'POST', headers: { authorization: `Bearer ${sim.keyFor('cn')}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('answers 401 "No API-key provided." without a key, in the native shape', async () => {
    const response = await request(`${sim.origin}/api/v1/tasks/x`);
    assert.equal(response.statusCode, 401);
    const body = (await response.body.json()) as Record<string, string>;
    assert.deepEqual([body.code, body.message], ['InvalidApiKey', 'No API-key provided.']);
    assert.equal(response.headers['x-request-id'], body.request_id);
  });

  it('refuses an async-only submit without X-DashScope-Async', async () => {
    const response = await post('/api/v1/services/aigc/video-generation/video-synthesis', { model: 'wan2.6-t2v', input: { prompt: 'x' } });
    assert.equal(response.statusCode, 403);
    assert.match(((await response.body.json()) as { message: string }).message, /does not support synchronous calls/);
  });

  it('frames native SSE with id, event, the HTTP_STATUS comment and the string "null" mid-stream', async () => {
    const response = await post('/api/v1/services/aigc/text-generation/generation',
      { model: 'qwen-plus', input: { messages: [{ role: 'user', content: 'hello there friend' }] }, parameters: { incremental_output: true } },
      { 'x-dashscope-sse': 'enable' });
    assert.match(String(response.headers['content-type']), /^text\/event-stream;charset=UTF-8/);
    const text = await response.body.text();
    const events = text.trim().split('\n\n');
    assert.match(events[0]!, /^id:1\nevent:result\n:HTTP_STATUS\/200\ndata:\{/);
    assert.equal(JSON.parse(events[0]!.split('data:')[1]!).output.choices[0].finish_reason, 'null');
    assert.equal(JSON.parse(events.at(-1)!.split('data:')[1]!).output.choices[0].finish_reason, 'stop');
    assert.ok(!text.includes('[DONE]'));
  });

  it('streams compatible chunks with a role chunk first, usage only when asked, and [DONE]', async () => {
    const read = async (includeUsage: boolean) => (await (await post('/compatible-mode/v1/chat/completions', {
      model: 'qwen-plus', messages: [{ role: 'user', content: 'hi' }], stream: true, ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
    })).body.text()).trim().split('\n\n');
    const withUsage = await read(true);
    assert.deepEqual(JSON.parse(withUsage[0]!.slice(6)).choices[0].delta, { content: '', role: 'assistant' });
    assert.equal(withUsage.at(-1), 'data: [DONE]');
    const usageChunk = JSON.parse(withUsage.at(-2)!.slice(6));
    assert.deepEqual(usageChunk.choices, []);
    assert.ok(usageChunk.usage.total_tokens > 0);
    const without = await read(false);
    assert.ok(without.slice(0, -1).every((frame) => JSON.parse(frame.slice(6)).usage === null));
  });

  it('lists tasks in their own shape: no output wrapper, status, epoch milliseconds', async () => {
    await post('/api/v1/services/aigc/video-generation/video-synthesis', { model: 'wan2.6-t2v', input: { prompt: 'listed' } }, { 'x-dashscope-async': 'enable' });
    const list = (await (await request(`${sim.origin}/api/v1/tasks?page_size=1`, { headers: { authorization: `Bearer ${sim.keyFor('cn')}` } })).body.json()) as Record<string, unknown>;
    assert.ok(!('output' in list));
    const [task] = list.data as Record<string, unknown>[];
    assert.equal(task!.status, 'PENDING');
    assert.equal(typeof task!.gmt_create, 'number');
    assert.equal(list.page_size, 1);
  });

  it('takes faults and clock moves over its control API', async () => {
    assert.equal((await request(`${sim.origin}/__sim/faults`, { method: 'POST', body: JSON.stringify({ fault: 'html', times: 1, path: 'models' }) })).statusCode, 200);
    const proxied = await request(`${sim.origin}/compatible-mode/v1/models`, { headers: { authorization: `Bearer ${sim.keyFor('cn')}` } });
    assert.equal(proxied.statusCode, 502);
    assert.match(await proxied.body.text(), /<html>/);
    const before = sim.now();
    await (await request(`${sim.origin}/__sim/advance`, { method: 'POST', body: JSON.stringify({ ms: 5000 }) })).body.dump();
    assert.equal(sim.now() - before, 5000);
    assert.equal((await request(`${sim.origin}/__sim/faults`, { method: 'POST', body: JSON.stringify({ fault: 'no-such-fault' }) })).statusCode, 400);
  });
});
