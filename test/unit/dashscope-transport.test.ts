import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MockAgent } from 'undici';
import { ClientErrorCode, DashScopeClient, DashScopeError, type ClientOptions, type RequestLogEntry } from '../../src/dashscope';

const ORIGIN = 'http://dashscope.test';
const KEY = 'sk-sim-cn-transport-unit';
const json = { 'content-type': 'application/json' };
const models = { object: 'list', data: [{ id: 'qwen-plus', object: 'model', owned_by: 'system' }] };
const nativeError = (code: string, message: string) => ({ code, message, request_id: 'r-1' });
const isError = (check: (error: DashScopeError) => boolean) => (error: unknown) => error instanceof DashScopeError && check(error);

/** A client on a mock network and a fake clock: sleeps are recorded and move the clock, never wait. */
function setup(options: Partial<ClientOptions> = {}) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const pool = agent.get(ORIGIN);
  const sleeps: number[] = [];
  const log: RequestLogEntry[] = [];
  let clock = Date.UTC(2026, 0, 1);
  const client = new DashScopeClient({
    apiKey: KEY,
    baseUrl: ORIGIN,
    dispatcher: agent,
    now: () => clock,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      clock += ms;
    },
    random: () => 0.5,
    onRequest: (entry) => log.push(entry),
    ...options,
  });
  return { agent, pool, client, sleeps, log, now: () => clock };
}

const submitPath = '/api/v1/services/aigc/video-generation/video-synthesis';
const submitted = { request_id: 'r-2', output: { task_id: 't-1', task_status: 'PENDING' } };
const socketError = (code: string) => Object.assign(new Error(code), { code });

describe('retry policy', () => {
  it('waits as long as Retry-After asks, in seconds or as an HTTP date', async () => {
    const { pool, client, sleeps, now } = setup();
    pool.intercept({ path: '/compatible-mode/v1/models' }).reply(429, { error: { message: 'slow down', code: 'limit_requests' } }, { headers: { ...json, 'retry-after': '7' } });
    pool.intercept({ path: '/compatible-mode/v1/models' }).reply(503, nativeError('ServiceUnavailable', 'busy'), { headers: { ...json, 'retry-after': new Date(now() + 7000 + 12_000).toUTCString() } });
    pool.intercept({ path: '/compatible-mode/v1/models' }).reply(200, models, { headers: json });
    assert.equal((await client.models.list()).length, 1);
    assert.equal(sleeps[0], 7000);
    assert.ok(sleeps[1]! >= 11_000 && sleeps[1]! <= 12_000, `HTTP date honoured: ${sleeps[1]}`);
  });

  it('backs off exponentially with jitter when the service gives no Retry-After', async () => {
    const { pool, client, sleeps } = setup({ retry: { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 3000 } });
    for (let i = 0; i < 3; i++) pool.intercept({ path: '/compatible-mode/v1/models' }).reply(500, '', {});
    pool.intercept({ path: '/compatible-mode/v1/models' }).reply(200, models, { headers: json });
    await client.models.list();
    assert.deepEqual(sleeps, [750, 1500, 2250], 'half the step plus half of it at random 0.5, capped at 3 s');
  });

  it('never retries validation, content, billing, free-quota or auth failures', async () => {
    const cases: [number, unknown][] = [
      [400, nativeError('InvalidParameter', 'bad size')],
      [400, nativeError('DataInspectionFailed', 'Input data may contain inappropriate content.')],
      [400, nativeError('Arrearage', 'Access denied, please make sure your account is in good standing.')],
      [429, nativeError('Throttling.AllocationQuota', 'Free allocated quota exceeded.')],
      [401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } }],
      [403, nativeError('AccessDenied', 'denied')],
      [404, nativeError('ModelNotFound', 'Model not exist.')],
    ];
    for (const [status, body] of cases) {
      const { pool, client, log } = setup();
      pool.intercept({ path: '/compatible-mode/v1/models' }).reply(status, body as object, { headers: json });
      await assert.rejects(client.models.list(), isError((e) => e.status === status && !e.retryable));
      assert.equal(log.length, 1, JSON.stringify(body));
    }
  });

  it('retries a throttled window of the same quota code', async () => {
    const { pool, client, log } = setup();
    pool.intercept({ path: '/compatible-mode/v1/models' }).reply(429, nativeError('Throttling.AllocationQuota', 'Allocated quota exceeded, please increase your quota limit.'), { headers: json });
    pool.intercept({ path: '/compatible-mode/v1/models' }).reply(200, models, { headers: json });
    await client.models.list();
    assert.deepEqual(log.map((e) => [e.status, e.attempt, e.errorCode]), [[429, 1, 'Throttling.AllocationQuota'], [200, 2, undefined]]);
  });
});

describe('billable submits', () => {
  it('are never re-sent after a reset that may have followed sending, and say to check the task list', async () => {
    const { pool, client, log } = setup();
    pool.intercept({ path: submitPath, method: 'POST' }).replyWithError(socketError('ECONNRESET'));
    pool.intercept({ path: submitPath, method: 'POST' }).reply(200, submitted, { headers: json });
    await assert.rejects(client.video.submit({ model: 'wan2.6-t2v', prompt: 'a fox' }),
      isError((e) => e.code === ClientErrorCode.SubmitOutcomeUnknown && !e.retryable && /task list/.test(e.message)));
    assert.equal(log.length, 1);
  });

  it('are retried when the connection was refused before anything was sent, or the service throttled them', async () => {
    const { pool, client, log } = setup();
    pool.intercept({ path: submitPath, method: 'POST' }).replyWithError(socketError('ECONNREFUSED'));
    pool.intercept({ path: submitPath, method: 'POST' }).reply(429, nativeError('Throttling.RateQuota', 'Requests rate limit exceeded, please try again later.'), { headers: json });
    pool.intercept({ path: submitPath, method: 'POST' }).reply(200, submitted, { headers: json });
    assert.equal((await client.video.submit({ model: 'wan2.6-t2v', prompt: 'a fox' })).taskId, 't-1');
    assert.deepEqual(log.map((e) => e.errorCode), [ClientErrorCode.Network, 'Throttling.RateQuota', undefined]);
  });

  it('are not retried after a 500, which may have created the task', async () => {
    const { pool, client, log } = setup();
    pool.intercept({ path: submitPath, method: 'POST' }).reply(500, nativeError('InternalError', 'oops'), { headers: json });
    await assert.rejects(client.video.submit({ model: 'wan2.6-t2v', prompt: 'a fox' }), isError((e) => e.status === 500));
    assert.equal(log.length, 1);
  });

  it('always carry X-DashScope-Async, and the OSS resolve header when an input is oss://', async () => {
    const { pool, client } = setup({ workspaceId: 'ws-123' });
    let headers: Record<string, string> = {};
    pool.intercept({ path: submitPath, method: 'POST' }).reply(200, (options) => {
      headers = options.headers as Record<string, string>;
      return submitted;
    }, { headers: json });
    await client.video.submit({ model: 'wan2.6-i2v', prompt: 'p', imageUrl: 'oss://dashscope-instant/x/a.png' });
    assert.equal(headers['x-dashscope-async'], 'enable');
    assert.equal(headers['x-dashscope-ossresourceresolve'], 'enable');
    assert.equal(headers['x-dashscope-workspace'], 'ws-123');
    assert.equal(headers.authorization, `Bearer ${KEY}`);
    assert.match(headers['user-agent'] ?? '', /^dashscope-studio\/\d+\.\d+\.\d+ node\/\d+/);
    assert.ok(!('x-dashscope-source-config' in headers));
  });
});

describe('the key', () => {
  it('never reaches an error or a log entry, even when a proxy echoes it', async () => {
    const { pool, client, log } = setup();
    pool.intercept({ path: '/compatible-mode/v1/models' }).reply(401, { error: { message: `Incorrect API key provided: ${KEY}.`, code: 'invalid_api_key' } }, { headers: json });
    const chatPath = '/compatible-mode/v1/chat/completions';
    pool.intercept({ path: chatPath, method: 'POST' }).reply(200, `data: {"error":{"message":"bad key ${KEY}","code":"invalid_api_key"}}\n\n`, { headers: { 'content-type': 'text/event-stream' } });
    const texts: string[] = [];
    await client.models.list().catch((e: Error) => texts.push(e.message, String(e.stack)));
    await client.chat.stream({ model: 'qwen-plus', messages: [{ role: 'user', content: 'hi' }] }).final().catch((e: Error) => texts.push(e.message, String(e.stack)));
    assert.equal(texts.length, 4);
    assert.match(texts[0]!, /<api key>/);
    for (const text of [...texts, ...log.map((entry) => JSON.stringify(entry))]) assert.ok(!text.includes(KEY), text);
  });
});

describe('base URL', () => {
  it('keeps a path prefix of a gateway or workspace host', async () => {
    const { pool, client } = setup({ baseUrl: `${ORIGIN}/gateway/v9/` });
    pool.intercept({ path: '/gateway/v9/compatible-mode/v1/models' }).reply(200, models, { headers: json });
    assert.equal(client.baseUrl, `${ORIGIN}/gateway/v9`);
    assert.equal((await client.models.list())[0]!.id, 'qwen-plus');
  });
});

describe('tasks.wait on a fake clock', () => {
  const task = (status: string, extra: Record<string, unknown> = {}) => ({ request_id: 'r', output: { task_id: 't-1', task_status: status, submit_time: '2026-01-01 08:00:00.000', ...extra } });

  it('polls short first, backs off toward the cap, and backs off further on 429 and 5xx', async () => {
    const { pool, client, sleeps } = setup({ retry: { maxAttempts: 1 } });
    const reply = (status: number, body: object, headers: Record<string, string> = {}) => pool.intercept({ path: '/api/v1/tasks/t-1' }).reply(status, body, { headers: { ...json, ...headers } });
    reply(200, task('PENDING'));
    reply(200, task('PENDING'));
    reply(429, nativeError('Throttling', 'Requests throttling triggered.'));
    reply(503, nativeError('ServiceUnavailable', 'busy'), { 'retry-after': '20' });
    for (let i = 0; i < 4; i++) reply(200, task('RUNNING', { scheduled_time: '2026-01-01 08:00:01' }));
    reply(200, task('SUCCEEDED', { scheduled_time: '2026-01-01 08:00:01', end_time: '2026-01-01 08:01:00.5', video_url: 'https://r/v.mp4' }));
    const statuses: string[] = [];
    const done = await client.tasks.wait('t-1', { onUpdate: (t) => statuses.push(t.status) });
    assert.equal(done.status, 'SUCCEEDED');
    assert.equal(done.endTime, Date.UTC(2026, 0, 1, 0, 1, 0, 500));
    assert.deepEqual(statuses, ['PENDING', 'PENDING', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'SUCCEEDED']);
    // 429 doubles the interval, Retry-After wins when longer; once answered again, polling returns to the 15 s cap.
    assert.deepEqual(sleeps, [2000, 3000, 6000, 20_000, 15_000, 15_000, 15_000, 15_000]);
  });

  it('never polls faster than once a second, and returns UNKNOWN and FAILED as results', async () => {
    const { pool, client, sleeps } = setup();
    pool.intercept({ path: '/api/v1/tasks/t-1' }).reply(200, task('PENDING'), { headers: json });
    pool.intercept({ path: '/api/v1/tasks/t-1' }).reply(200, task('FAILED', { code: 'DataInspectionFailed', message: 'Output data may contain inappropriate content.' }), { headers: json });
    const failed = await client.tasks.wait('t-1', { minIntervalMs: 10 });
    assert.deepEqual([failed.status, failed.code, sleeps], ['FAILED', 'DataInspectionFailed', [1000]]);
    pool.intercept({ path: '/api/v1/tasks/gone' }).reply(200, { request_id: 'r', output: { task_id: 'gone', task_status: 'UNKNOWN' } }, { headers: json });
    assert.equal((await client.tasks.wait('gone')).status, 'UNKNOWN');
  });

  it('stops on abort with the abort reason, not a DashScopeError', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: '/api/v1/tasks/t-1' }).reply(200, task('RUNNING'), { headers: json }).persist();
    const controller = new AbortController();
    await assert.rejects(client.tasks.wait('t-1', { signal: controller.signal, onUpdate: () => controller.abort() }), (e: Error) => e.name === 'AbortError');
  });
});

describe('uploads', () => {
  it('uploads bytes or a path without sending the key to the OSS host', async () => {
    const { agent, pool, client } = setup();
    const oss = agent.get('https://oss.test');
    const policy = { data: { policy: 'cG9saWN5', signature: 'sig', upload_dir: 'dashscope-instant/abc/2026-01-01/u1', upload_host: 'https://oss.test', oss_access_key_id: 'LTAI-test', expire_in_seconds: 300 }, request_id: 'r' };
    pool.intercept({ path: '/api/v1/uploads?action=getPolicy&model=wan2.6-i2v' }).reply(200, policy, { headers: json }).times(2);
    const seen: Record<string, string>[] = [];
    oss.intercept({ path: '/', method: 'POST' }).reply(200, (options) => {
      seen.push(options.headers as Record<string, string>);
      return '';
    }).times(2);
    const fromBytes = await client.uploads.upload({ data: new Uint8Array([1, 2, 3]), fileName: 'my frame.png', model: 'wan2.6-i2v' });
    assert.equal(fromBytes.ossUrl, 'oss://dashscope-instant/abc/2026-01-01/u1/my_frame.png');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'dashscope-upload-')), 'clip.mp4');
    writeFileSync(file, new Uint8Array(4096));
    const fromPath = await client.uploads.upload({ data: file, model: 'wan2.6-i2v' });
    assert.equal(fromPath.ossUrl, 'oss://dashscope-instant/abc/2026-01-01/u1/clip.mp4');
    assert.equal(seen.length, 2);
    assert.ok(seen.every((headers) => !JSON.stringify(headers).includes(KEY)));
    assert.match(await client.uploads.toMediaUrl({ data: file }, 'wan2.6-i2v'), /^data:video\/mp4;base64,AAAA/);
  });

  it('refuses an http upload host on this machine while the API itself is elsewhere', async () => {
    const { agent, pool, client } = setup();
    const policy = { data: { policy: 'p', signature: 's', upload_dir: 'd', upload_host: 'http://127.0.0.1:9', oss_access_key_id: 'a' } };
    pool.intercept({ path: '/api/v1/uploads?action=getPolicy&model=m' }).reply(200, policy, { headers: json });
    let posted = false;
    agent.get('http://127.0.0.1:9').intercept({ path: '/', method: 'POST' }).reply(200, () => {
      posted = true;
      return '';
    });
    await assert.rejects(client.uploads.upload({ data: new Uint8Array(1), fileName: 'a.png', model: 'm' }), isError((e) => e.code === 'BadResponse' && /not https/.test(e.message)));
    assert.equal(posted, false);
  });

  it('refuses an http upload host (other than this machine) without sending the file', async () => {
    const { agent, pool, client } = setup();
    const policy = { data: { policy: 'p', signature: 's', upload_dir: 'd', upload_host: 'http://oss.test', oss_access_key_id: 'a' } };
    pool.intercept({ path: '/api/v1/uploads?action=getPolicy&model=m' }).reply(200, policy, { headers: json });
    let posted = false;
    agent.get('http://oss.test').intercept({ path: '/', method: 'POST' }).reply(200, () => {
      posted = true;
      return '';
    });
    await assert.rejects(client.uploads.upload({ data: new Uint8Array(1), fileName: 'a.png', model: 'm' }), isError((e) => e.code === 'BadResponse' && /not https/.test(e.message)));
    assert.equal(posted, false);
  });

  it('refuses a redirect from the upload host instead of posting the file to where it points', async () => {
    const { agent, pool, client } = setup();
    const policy = { data: { policy: 'p', signature: 's', upload_dir: 'd', upload_host: 'https://oss.test', oss_access_key_id: 'a' } };
    pool.intercept({ path: '/api/v1/uploads?action=getPolicy&model=m' }).reply(200, policy, { headers: json });
    agent.get('https://oss.test').intercept({ path: '/', method: 'POST' }).reply(307, '', { headers: { location: 'https://elsewhere.test/steal' } });
    let forwarded = false;
    agent.get('https://elsewhere.test').intercept({ path: '/steal', method: 'POST' }).reply(200, () => {
      forwarded = true;
      return '';
    });
    await assert.rejects(client.uploads.upload({ data: new Uint8Array(1), fileName: 'a.png', model: 'm' }), isError((e) => e.code === 'UploadRedirected' && e.status === 307));
    assert.equal(forwarded, false);
  });

  it('reports an OSS refusal with its code', async () => {
    const { agent, pool, client } = setup();
    const policy = { data: { policy: 'p', signature: 's', upload_dir: 'd', upload_host: 'https://oss.test', oss_access_key_id: 'a' } };
    pool.intercept({ path: '/api/v1/uploads?action=getPolicy&model=m' }).reply(200, policy, { headers: json });
    agent.get('https://oss.test').intercept({ path: '/', method: 'POST' }).reply(403, '<Error><Code>AccessDenied</Code><Message>Invalid according to Policy</Message></Error>');
    await assert.rejects(client.uploads.upload({ data: new Uint8Array(1), fileName: 'a.png', model: 'm' }), isError((e) => e.code === 'AccessDenied' && e.status === 403 && /Policy/.test(e.message)));
  });
});
