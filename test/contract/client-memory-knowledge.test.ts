import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DashScopeError, KnowledgeClient, knowledgeEndpoint } from '../../src/dashscope';
import { OPENAPI_ACCESS_KEY } from '../simulator';
import { raw } from '../simulator/testClient';
import { harness, type Harness } from './client-helpers';

describe('memory and knowledge retrieval against the simulator', () => {
  let h: Harness;
  before(async () => {
    h = await harness({ clock: 'real' });
  });
  after(() => h.close());

  it('lists a user\'s memory nodes page by page and deletes one with the API key', async () => {
    const user = `user-${randomUUID()}`;
    for (const content of ['Prefers Python.', 'Lives in Hangzhou.', 'Writes tests first.']) {
      await raw(h.sim, '/api/v2/apps/memory/add', { body: { user_id: user, custom_content: content } });
    }
    const first = await h.client.memory.list({ userId: user, pageSize: 2 });
    assert.equal(first.total, 3);
    assert.deepEqual(first.nodes.map((node) => node.content), ['Prefers Python.', 'Lives in Hangzhou.']);
    const second = await h.client.memory.list({ userId: user, pageSize: 2, pageNum: 2 });
    assert.deepEqual(second.nodes.map((node) => node.content), ['Writes tests first.']);
    await h.client.memory.remove(first.nodes[0]!.id, user);
    assert.deepEqual((await h.client.memory.list({ userId: user })).nodes.map((node) => node.content), ['Lives in Hangzhou.', 'Writes tests first.']);
    await assert.rejects(h.client.memory.remove(first.nodes[0]!.id, user), (error: unknown) => error instanceof DashScopeError && error.status === 404);
  });

  it('retrieves passages with an ACS3-signed request, and reports a wrong secret as the service\'s error', async () => {
    const endpoint = knowledgeEndpoint(h.sim.regionOrigin('cn'), 'cn-beijing');
    const client = new KnowledgeClient({ accessKey: OPENAPI_ACCESS_KEY, endpoint });
    const passages = await client.retrieve({ workspaceId: 'llm-ws', indexId: 'idx-1', query: 'rotate a key (safely)*', topN: 2 });
    assert.equal(passages.length, 2);
    assert.match(passages[0]!.text, /rotate a key \(safely\)\*/);
    assert.deepEqual([passages[0]!.docName, passages[0]!.page, passages[0]!.score], ['guide-1.pdf', 1, 0.95]);
    const wrong = new KnowledgeClient({ accessKey: { id: OPENAPI_ACCESS_KEY.id, secret: 'not-the-secret' }, endpoint });
    const failed = await wrong.retrieve({ workspaceId: 'llm-ws', indexId: 'idx-1', query: 'q' }).catch((error: unknown) => error);
    assert.ok(failed instanceof DashScopeError);
    assert.equal(failed.code, 'SignatureDoesNotMatch');
    assert.doesNotMatch(failed.message, /not-the-secret/);
  });

  it('signs for the region\'s OpenAPI host when the DashScope host is official', () => {
    assert.equal(knowledgeEndpoint('https://dashscope.aliyuncs.com', 'cn-beijing'), 'https://bailian.cn-beijing.aliyuncs.com');
    assert.equal(knowledgeEndpoint('https://dashscope-intl.aliyuncs.com/', 'ap-southeast-1'), 'https://bailian.ap-southeast-1.aliyuncs.com');
    assert.equal(knowledgeEndpoint('http://127.0.0.1:4000/cn', undefined), 'http://127.0.0.1:4000');
  });
});
