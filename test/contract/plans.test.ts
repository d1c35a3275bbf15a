import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DashScopeError } from '../../src/dashscope';
import { PLANS } from '../../src/shared/models/plans';
import { planKey, workspaceKey } from '../simulator/plans';
import { harness, type Harness } from './client-helpers';

const isStatus = (status: number) => (error: unknown) => error instanceof DashScopeError && error.status === status;
const hello = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'hello' }] });

describe('plan hosts of the simulator', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  const onHost = (prefix: string, apiKey: string, compatiblePath?: string) =>
    h.clientFor('cn', { apiKey, baseUrl: `${h.sim.origin}/${prefix}`, ...(compatiblePath ? { compatiblePath } : {}) });

  it('serves Coding Plan chat at /v1 with its own key, and has no model list there', async () => {
    const coding = onHost('coding/intl', planKey('coding', 'intl'), PLANS.coding.compatiblePath);
    const reply = await coding.chat.send(hello(PLANS.coding.chatModels![0]!));
    assert.ok(reply.content.length > 0);
    assert.ok(h.sim.requests.some((r) => r.path === '/coding/intl/v1/chat/completions'), 'the client called /v1/chat/completions');
    await assert.rejects(coding.models.list(), isStatus(404));
    await assert.rejects(coding.tasks.get('x'), isStatus(404), 'no native API on a Coding Plan host');
  });

  it('refuses an empty chat with 400 after accepting the key: the free key check of a plan without a model list', async () => {
    const request = { model: 'qwen3.5-plus', messages: [], max_tokens: 1 };
    await assert.rejects(onHost('coding/cn', planKey('coding', 'cn'), '/v1').chat.create(request), isStatus(400));
    await assert.rejects(onHost('coding/cn', planKey('token', 'cn'), '/v1').chat.create(request), isStatus(401));
  });

  it('answers 401 to a key of another plan: Token Plan key on Coding Plan, pay-as-you-go key on Token Plan, Coding Plan key on pay-as-you-go', async () => {
    await assert.rejects(onHost('coding/cn', planKey('token', 'cn'), '/v1').chat.send(hello('glm-5')), isStatus(401));
    await assert.rejects(onHost('token/cn', h.sim.keyFor('cn')).chat.send(hello('glm-5')), isStatus(401));
    await assert.rejects(onHost('cn', planKey('coding', 'cn')).models.list(), isStatus(401));
    await assert.rejects(onHost('coding/intl', planKey('coding', 'cn'), '/v1').chat.send(hello('glm-5')), isStatus(401), 'and of another region');
  });

  it('serves Token Plan chat in compatible mode and its synchronous image generation, no model list and no tasks', async () => {
    const token = onHost('token/intl', planKey('token', 'intl'));
    assert.ok((await token.chat.send(hello('qwen3.6-plus'))).content.length > 0);
    const image = await token.images.generate({ model: PLANS.token.imageModels![0]!, prompt: 'a red fox', size: '1024*1024' });
    assert.equal(image.kind, 'completed');
    assert.ok(h.sim.requests.some((r) => r.path === '/token/intl/api/v1/services/aigc/multimodal-generation/generation'));
    await assert.rejects(token.models.list(), isStatus(404));
    await assert.rejects(token.tasks.get('x'), isStatus(404));
  });

  it('serves workspace hosts in Tokyo and Frankfurt, regions without a DashScope domain', async () => {
    assert.ok((await onHost('workspace/jp/llm-a', workspaceKey('jp', 'llm-a')).chat.send(hello('qwen-plus'))).content.length > 0);
    assert.ok(h.sim.requests.some((r) => r.path === '/workspace/jp/llm-a/compatible-mode/v1/chat/completions'));
    await assert.rejects(onHost('workspace/eu/llm-a', workspaceKey('jp', 'llm-a')).chat.send(hello('qwen-plus')), isStatus(401), 'a Tokyo key is refused in Frankfurt');
  });

  it('serves a workspace host with that workspace\'s keys only, which also work on the region\'s pay-as-you-go host', async () => {
    const key = workspaceKey('cn', 'ws1');
    assert.ok((await onHost('workspace/cn/ws1', key).models.list()).length > 0);
    await assert.rejects(onHost('workspace/cn/ws1', h.sim.keyFor('cn')).models.list(), isStatus(401));
    await assert.rejects(onHost('workspace/cn/ws2', key).models.list(), isStatus(401));
    assert.ok((await onHost('cn', key).models.list()).length > 0);
  });
});
