import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ClientErrorCode, DashScopeError } from '../../src/dashscope';
import { harness, submits, type Harness } from './client-helpers';

const hello = { model: 'qwen-plus', messages: [{ role: 'user' as const, content: 'hello' }] };
const isError = (check: (error: DashScopeError) => boolean) => (error: unknown) => error instanceof DashScopeError && check(error);

describe('errors and retries against the simulator', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  it('rejects a key from another region with the 401 of each body shape', async () => {
    const wrong = h.clientFor('cn', { apiKey: h.sim.keyFor('intl') });
    await assert.rejects(wrong.models.list(), isError((e) => e.status === 401 && e.code === 'invalid_api_key' && !e.retryable));
    await assert.rejects(wrong.tasks.get('x'), isError((e) => e.status === 401 && e.code === 'InvalidApiKey' && e.message === 'Invalid API-key provided.'));
    assert.ok((await h.clientFor('intl').models.list()).length > 0);
  });

  it('retries a 429 after Retry-After and succeeds', async () => {
    h.sim.injectFault({ fault: '429:retry-after=2', times: 1, path: 'chat/completions' });
    const before = h.sim.now();
    const completion = await h.client.chat.create(hello);
    assert.ok(completion.choices.length > 0);
    assert.ok(h.sim.now() - before >= 2000, 'waited at least Retry-After');
    const attempts = h.log.filter((entry) => entry.path.includes('chat/completions')).slice(-2);
    assert.deepEqual(attempts.map((e) => [e.status, e.attempt]), [[429, 1], [200, 2]]);
  });

  it('retries 5xx, a proxy HTML page, an empty body and a reset connection', async () => {
    for (const fault of ['500', '503', 'html', 'empty', 'reset']) {
      h.sim.injectFault({ fault, times: 1, path: 'models' });
      assert.ok((await h.client.models.list()).length > 0, fault);
    }
  });

  it('gives up after the last attempt with the service error', async () => {
    h.sim.injectFault({ fault: '500', times: 3, path: 'models' });
    await assert.rejects(h.clientFor('cn', { retry: { maxAttempts: 3 } }).models.list(), isError((e) => e.status === 500 && e.code === 'internal_error' && e.retryable));
  });

  it('never retries validation, content, billing or auth failures', async () => {
    for (const [fault, code] of [['data-inspection', 'data_inspection_failed'], ['arrearage', 'Arrearage'], ['invalid-parameter', 'invalid_parameter_error']] as const) {
      const count = h.log.length;
      await assert.rejects(h.client.chat.create({ ...hello, messages: [{ role: 'user', content: `[[sim:${fault}]]` }] }), isError((e) => e.code === code && !e.retryable));
      assert.equal(h.log.length - count, 1, `${fault} sent once`);
    }
  });

  it('names the field and endpoint when a body does not fit, and explains malformed JSON', async () => {
    h.sim.injectFault({ fault: 'malformed', times: 1, path: 'tasks/' });
    await assert.rejects(h.client.tasks.get('abc'), isError((e) => e.code === ClientErrorCode.BadResponse && /not JSON/.test(e.message) && e.endpoint === 'GET /api/v1/tasks/abc'));
  });

  it('never re-sends a billable submit whose body may have reached the service', async () => {
    const before = submits(h.sim, 'video-synthesis');
    h.sim.injectFault({ fault: 'hang', times: 1, path: 'video-synthesis' });
    await assert.rejects(
      h.client.video.submit({ model: 'wan2.6-t2v', prompt: 'a fox' }, { timeoutMs: 200 }),
      isError((e) => e.code === ClientErrorCode.SubmitOutcomeUnknown && /task list/.test(e.message) && !e.retryable),
    );
    h.sim.injectFault({ fault: 'reset', times: 1, path: 'video-synthesis' });
    await assert.rejects(h.client.video.submit({ model: 'wan2.6-t2v', prompt: 'a fox' }), isError((e) => e.code === ClientErrorCode.SubmitOutcomeUnknown));
    // The answer cut half-way (the task exists): unknown too, not a raw "other side closed".
    await assert.rejects(h.client.video.submit({ model: 'wan2.6-t2v', prompt: '[[sim:cut]] a fox' }), isError((e) => e.code === ClientErrorCode.SubmitOutcomeUnknown));
    assert.equal(submits(h.sim, 'video-synthesis') - before, 3, 'each submit reached the service exactly once');
  });

  it('retries a throttled billable submit, which the service provably did not take', async () => {
    const before = submits(h.sim, 'video-synthesis');
    h.sim.injectFault({ fault: '429', times: 1, path: 'video-synthesis' });
    const task = await h.client.video.submit({ model: 'wan2.6-t2v', prompt: 'a fox' });
    assert.ok(task.taskId);
    assert.equal(submits(h.sim, 'video-synthesis') - before, 2);
  });

  it('times out a slow request and retries it (not billable)', async () => {
    h.sim.injectFault({ fault: 'slow=400', times: 1, path: 'models' });
    const client = h.clientFor('cn', { timeoutMs: 100 });
    assert.ok((await client.models.list()).length > 0);
    assert.ok(h.log.some((e) => e.errorCode === ClientErrorCode.Timeout));
  });

  it('stops at once when aborted', async () => {
    h.sim.injectFault({ fault: 'hang', times: 1, path: 'models' });
    const controller = new AbortController();
    const pending = h.client.models.list({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pending, (error: Error) => error.name === 'AbortError');
  });

  it('never puts the key in an error or a log entry, and sends it only as a bearer token', async () => {
    const texts = h.log.map((entry) => JSON.stringify(entry));
    await h.clientFor('cn', { apiKey: h.sim.keyFor('us') }).models.list().catch((error: Error) => texts.push(error.message, String(error.stack)));
    for (const region of ['cn', 'intl', 'us'] as const) {
      assert.ok(!texts.some((text) => text.includes(h.sim.keyFor(region))), region);
    }
    for (const request of h.sim.requests) {
      const { authorization, ...others } = request.headers;
      if (authorization) assert.match(authorization, /^Bearer sk-sim-/);
      assert.ok(!JSON.stringify(others).includes('sk-sim-') && !request.body.includes('sk-sim-'));
    }
    assert.ok(h.sim.requests.every((r) => !('x-dashscope-source-config' in r.headers)));
    assert.ok(h.sim.requests.every((r) => (r.headers['user-agent'] ?? '').startsWith('dashscope-studio/')));
  });
});
