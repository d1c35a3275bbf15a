import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { REGION_IDS } from '../../src/dashscope/regions';
import { startSimulator, type Simulator } from '../simulator';
import { raw } from '../simulator/testClient';

const NATIVE = '/api/v1/tasks/some-id';
const COMPAT = '/compatible-mode/v1/models';

describe('simulator: keys, regions and the gateway', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ clock: 'manual', rateLimits: false });
  });
  after(() => sim.close());

  it('serves every region under its prefix, with the region key only', async () => {
    for (const region of REGION_IDS) {
      assert.equal(sim.regionOrigin(region), `${sim.origin}/${region}`);
      assert.match(sim.keyFor(region), new RegExp(`^sk-sim-${region}-[A-Za-z0-9_-]+$`));
      assert.equal((await raw(sim, COMPAT, { region })).status, 200, region);
      for (const other of REGION_IDS.filter((r) => r !== region)) {
        assert.equal((await raw(sim, COMPAT, { region, key: sim.keyFor(other) })).status, 401, `${other} key on ${region}`);
      }
    }
  });

  it('treats the bare origin as Beijing', async () => {
    assert.equal((await raw(sim, `${sim.origin}${COMPAT}`)).status, 200);
    assert.equal((await raw(sim, `${sim.origin}${COMPAT}`, { key: sim.keyFor('intl') })).status, 401);
  });

  it('answers a missing key on native routes with InvalidApiKey "No API-key provided."', async () => {
    const response = await raw(sim, NATIVE, { key: null });
    assert.equal(response.status, 401);
    const body = response.json();
    assert.deepEqual([body.code, body.message], ['InvalidApiKey', 'No API-key provided.']);
    assert.equal(body.request_id, response.headers['x-request-id']);
  });

  it('answers a wrong, malformed or cross-region key on native routes with "Invalid API-key provided."', async () => {
    for (const key of ['sk-sim-intl-demo', 'sk-sim-cn-', 'sk-sim-eu-demo', 'sk-other', 'sk-sim-cn-bad key']) {
      const response = await raw(sim, NATIVE, { key });
      assert.equal(response.status, 401, key);
      assert.deepEqual(response.json(), { request_id: response.headers['x-request-id'], code: 'InvalidApiKey', message: 'Invalid API-key provided.' });
    }
  });

  it('answers compatible-mode routes with the OpenAI-style body, linking the region\'s error page', async () => {
    const cn = await raw(sim, COMPAT, { key: 'sk-sim-us-demo' });
    assert.equal(cn.status, 401);
    const body = cn.json<{ error: Record<string, unknown>; request_id: string }>();
    assert.equal(body.error.code, 'invalid_api_key');
    assert.equal(body.error.type, 'invalid_request_error');
    assert.equal(body.error.param, null);
    assert.match(String(body.error.message), /^Incorrect API key provided\. .*help\.aliyun\.com/);
    assert.equal(body.request_id, cn.headers['x-request-id']);
    const intl = (await raw(sim, COMPAT, { region: 'intl', key: null })).json<{ error: { message: string } }>();
    assert.match(intl.error.message, /alibabacloud\.com/);
  });

  it('accepts any key of the region (one account), not only the demo key', async () => {
    assert.equal((await raw(sim, COMPAT, { key: 'sk-sim-cn-second_key-2' })).status, 200);
  });

  it('sends x-request-id on every answer, and content types as the service does', async () => {
    const models = await raw(sim, COMPAT);
    assert.match(String(models.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    assert.equal(models.headers['content-type'], 'application/json');
    const task = await raw(sim, NATIVE);
    assert.equal(task.headers['content-type'], 'application/json;charset=UTF-8');
    assert.equal(task.json().request_id, task.headers['x-request-id']);
  });

  it('answers unknown service paths with the "url error" InvalidParameter and other paths with 404', async () => {
    const service = await raw(sim, '/api/v1/services/aigc/no-such/thing', { body: { model: 'x', input: {} } });
    assert.equal(service.status, 400);
    assert.deepEqual([service.json().code, service.json().message], ['InvalidParameter', 'url error, please check url!']);
    assert.equal((await raw(sim, '/api/v2/nothing')).status, 404);
  });

  it('refuses a body that is not JSON, and a native model call without model or input', async () => {
    const notJson = await raw(sim, '/api/v1/services/aigc/text-generation/generation', { body: '{nope', headers: { 'content-type': 'application/json' } });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.json().code, 'InvalidParameter');
    const noModel = await raw(sim, '/api/v1/services/aigc/text-generation/generation', { body: { input: { prompt: 'x' } } });
    assert.deepEqual([noModel.status, noModel.json().code], [400, 'BadRequest.EmptyModel']);
    const noInput = await raw(sim, '/api/v1/services/aigc/text-generation/generation', { body: { model: 'qwen-plus' } });
    assert.deepEqual([noInput.status, noInput.json().code], [400, 'BadRequest.EmptyInput']);
  });

  it('records every request with its raw headers and body, key only in Authorization', async () => {
    const before = sim.requests.length;
    await raw(sim, '/compatible-mode/v1/chat/completions', { body: { model: 'qwen-plus', messages: [{ role: 'user', content: 'recorded' }] }, headers: { 'x-extra': 'yes' } });
    const recorded = sim.requests.slice(before);
    assert.equal(recorded.length, 1);
    const [entry] = recorded;
    assert.equal(entry!.method, 'POST');
    assert.equal(entry!.path, '/cn/compatible-mode/v1/chat/completions');
    assert.equal(entry!.headers.authorization, `Bearer ${sim.keyFor('cn')}`);
    assert.equal(entry!.headers['x-extra'], 'yes');
    assert.match(entry!.body, /recorded/);
    assert.equal(entry!.at, sim.now());
  });

  it('lists models in the compatible shape, without video models', async () => {
    const body = (await raw(sim, COMPAT)).json<{ object: string; data: { id: string; object: string; owned_by: string; created: number }[]; has_more: boolean; first_id: string; last_id: string }>();
    assert.equal(body.object, 'list');
    assert.equal(body.has_more, false);
    assert.equal(body.first_id, 'model-id-0');
    assert.equal(body.last_id, `model-id-${body.data.length - 1}`);
    const ids = body.data.map((model) => model.id);
    for (const id of ['qwen3-max', 'qwen-plus', 'qwen-flash', 'qwen-turbo', 'qwen3-coder-plus', 'qwq-plus', 'qwen3-32b', 'qwen-vl-max', 'qwen3-vl-plus', 'qwen-image-plus', 'wan2.7-image', 'qwen3-tts-flash']) {
      assert.ok(ids.includes(id), id);
    }
    assert.ok(!ids.some((id) => /t2v|i2v|kf2v|r2v|video/.test(id)));
    assert.ok(body.data.every((model) => model.object === 'model' && model.owned_by === 'system' && Number.isInteger(model.created)));
  });

  it('takes faults, clock moves and request listings over its control API', async () => {
    const control = (path: string, body?: unknown) => raw(sim, `${sim.origin}/__sim/${path}`, { key: null, body });
    assert.equal((await control('faults', { fault: 'html', times: 1, path: 'models' })).status, 200);
    const proxied = await raw(sim, COMPAT);
    assert.equal(proxied.status, 502);
    assert.match(proxied.text, /<html>/);
    assert.equal((await raw(sim, COMPAT)).status, 200, 'the fault was used up');
    const start = sim.now();
    assert.equal((await control('advance', { ms: 5000 })).json().now, start + 5000);
    assert.equal(sim.now() - start, 5000);
    assert.equal((await control('faults', { fault: 'no-such-fault' })).status, 400);
    assert.equal((await control('advance', { ms: -1 })).status, 400);
    const listed = (await control('requests')).json<unknown[]>();
    assert.ok(Array.isArray(listed) && listed.length >= sim.requests.length - 1);
  });
});
