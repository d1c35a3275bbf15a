import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type Simulator } from '../simulator';
import { raw } from '../simulator/testClient';

const VIDEO = '/api/v1/services/aigc/video-generation/video-synthesis';
type Policy = { policy: string; signature: string; upload_dir: string; upload_host: string; expire_in_seconds: number; oss_access_key_id: string; x_oss_object_acl: string; x_oss_forbid_overwrite: string; max_file_size_mb: number };

describe('simulator: temporary uploads and oss:// URLs', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ clock: 'manual', rateLimits: false });
  });
  after(() => sim.close());

  const getPolicy = async (model = 'wan2.6-i2v') => {
    const response = await raw(sim, `/api/v1/uploads?action=getPolicy&model=${model}`);
    assert.equal(response.status, 200);
    const body = response.json<{ data: Policy; request_id: string }>();
    assert.equal(body.request_id, response.headers['x-request-id']);
    return body.data;
  };
  const form = (policy: Policy, overrides: Record<string, string> = {}, file = 'PNGDATA') => {
    const data = new FormData();
    const fields: Record<string, string> = {
      OSSAccessKeyId: policy.oss_access_key_id, Signature: policy.signature, policy: policy.policy, key: `${policy.upload_dir}/cat.png`,
      'x-oss-object-acl': policy.x_oss_object_acl, 'x-oss-forbid-overwrite': policy.x_oss_forbid_overwrite, success_action_status: '200',
      'x-oss-content-type': 'image/png', ...overrides,
    };
    for (const [name, value] of Object.entries(fields)) data.append(name, value);
    data.append('file', new Blob([file], { type: 'image/png' }), 'cat.png');
    return data;
  };
  const upload = async (policy: Policy, overrides?: Record<string, string>) => {
    const response = await fetch(policy.upload_host, { method: 'POST', body: form(policy, overrides) });
    return { status: response.status, text: await response.text() };
  };
  const i2v = (url: string, headers: Record<string, string> = {}) =>
    raw(sim, VIDEO, { body: { model: 'wan2.6-i2v', input: { prompt: 'move', img_url: url } }, headers: { 'x-dashscope-async': 'enable', ...headers } });

  it('grants an upload policy in the service\'s shape', async () => {
    const policy = await getPolicy();
    assert.match(policy.upload_dir, /^dashscope-instant\/[0-9a-f]+\/\d{4}-\d{2}-\d{2}\/[0-9a-f-]{36}$/);
    assert.equal(policy.upload_host, `${sim.origin}/oss`);
    assert.deepEqual([policy.expire_in_seconds, policy.max_file_size_mb, policy.x_oss_object_acl, policy.x_oss_forbid_overwrite], [300, 1024, 'private', 'true']);
    const conditions = JSON.parse(Buffer.from(policy.policy, 'base64').toString('utf8')) as { conditions: unknown[] };
    assert.deepEqual(conditions.conditions[1], ['starts-with', '$key', policy.upload_dir]);
    const missing = await raw(sim, '/api/v1/uploads?action=getPolicy');
    assert.deepEqual([missing.status, missing.json().code], [400, 'InvalidParameter']);
    assert.equal((await raw(sim, '/api/v1/uploads?action=getPolicy&model=x', { key: null })).status, 401);
  });

  it('stores a PostObject upload whose fields match the policy, with an empty 200', async () => {
    const policy = await getPolicy();
    assert.deepEqual(await upload(policy), { status: 200, text: '' });
    assert.equal((await upload(policy)).status, 409, 'forbid-overwrite');
  });

  it('refuses uploads that break the policy, with OSS XML errors', async () => {
    const policy = await getPolicy();
    const cases: [Record<string, string>, number, string][] = [
      [{ key: 'elsewhere/cat.png' }, 403, 'AccessDenied'],
      [{ Signature: 'forged' }, 403, 'SignatureDoesNotMatch'],
      [{ OSSAccessKeyId: 'LTAIother' }, 403, 'SignatureDoesNotMatch'],
      [{ 'x-oss-object-acl': 'public-read' }, 403, 'AccessDenied'],
      [{ 'x-oss-forbid-overwrite': 'false' }, 403, 'AccessDenied'],
    ];
    for (const [overrides, status, code] of cases) {
      const response = await upload(policy, overrides);
      assert.equal(response.status, status, JSON.stringify(overrides));
      assert.match(response.text, new RegExp(`<Code>${code}</Code>`));
    }
    sim.advance(24 * 60_000);
    assert.match((await upload(policy, { key: `${policy.upload_dir}/late.png` })).text, /Policy expired/);
  });

  it('resolves oss:// URLs only with X-DashScope-OssResourceResolve: enable, and only for uploaded keys', async () => {
    const policy = await getPolicy();
    await upload(policy);
    const url = `oss://${policy.upload_dir}/cat.png`;
    const without = await i2v(url);
    assert.equal(without.status, 400);
    assert.deepEqual([without.json().code, without.json().message], ['InvalidParameter', 'The provided URL does not appear to be valid. Ensure it is correctly formatted.']);
    assert.equal((await i2v(url, { 'x-dashscope-ossresourceresolve': 'enable' })).status, 200);
    const unknown = await i2v(`oss://${policy.upload_dir}/dog.png`, { 'x-dashscope-ossresourceresolve': 'enable' });
    assert.deepEqual([unknown.status, unknown.json().code], [400, 'InvalidURL']);
  });
});
