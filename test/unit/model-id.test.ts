import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MockAgent } from 'undici';
import { DashScopeClient } from '../../src/dashscope';
import { IMAGE_MODELS, VIDEO_MODELS } from '../../src/dashscope/models';
import { readSettings } from '../../src/extension/settings';
import { isModelId } from '../../src/shared/modelId';
import { settingsUpdate } from '../../src/shared/protocol/chat';
import { SNIPPETS } from '../../src/snippets/catalog';
import { COMPAT_MODELS } from '../simulator/models';

/** Ids that are real (documented, listed by the service, or shapes it uses: tagged and fine-tuned models). */
const REAL = [
  ...COMPAT_MODELS, ...IMAGE_MODELS.map((model) => model.id), ...VIDEO_MODELS.map((model) => model.id),
  ...SNIPPETS.flatMap((spec) => spec.slots.model?.choices ?? []),
  'qwen3.6-plus', 'qwen3.5-omni-plus', 'happyhorse-1.0-video-edit', 'wanx2.1-vace-plus', 'text-embedding-async-v2',
  'stable-diffusion:27b93a2413e7f36cd83da926f3656280b2931564ff050bf9575f1fdf9bcd7478', 'qwen-plus-ft-202601011200-abcd', 'Qwen/Qwen3-8B',
];
const HOSTILE = [
  '', ' qwen-plus', 'qwen-plus\nrm -rf ~', 'qwen\rplus', 'qwen\u2028plus', 'qwen\u2029plus', 'qwen\u0085plus', 'qwen\0plus',
  'qwen plus', 'qwen"plus', "qwen'plus", 'qwen`id`', 'qwen$(id)', 'qwen${x}', 'qwen\\plus', '-qwen', '.qwen', 'qwén', 'a'.repeat(129),
];

describe('model ids', () => {
  it('accepts every real id and the longest allowed', () => {
    for (const id of [...REAL, 'a'.repeat(128)]) assert.ok(isModelId(id), id);
  });

  it('rejects line breaks, quotes, shell and template syntax, and over-long ids', () => {
    for (const id of HOSTILE) assert.ok(!isModelId(id), JSON.stringify(id));
  });

  it('a page settings message with a hostile model id is refused', () => {
    assert.equal(settingsUpdate.safeParse({ model: 'qwen-plus' }).success, true);
    for (const model of HOSTILE) assert.equal(settingsUpdate.safeParse({ model }).success, false, JSON.stringify(model));
  });

  it('model-id settings fall back to the default for a hostile or over-long id', () => {
    for (const id of HOSTILE.filter((value) => value.trim() !== '' && value.trim() !== 'qwen-plus')) {
      const { settings, problems } = readSettings((key) => (key === 'chat.defaultModel' ? id : undefined));
      assert.equal(settings.chatModel, 'qwen-plus', JSON.stringify(id));
      assert.deepEqual(problems.map((problem) => problem.setting), ['dashscope.chat.defaultModel'], JSON.stringify(id));
    }
  });

  it('the server model list drops invalid ids and reports how many', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const data = ['qwen-plus', 'qwen-max\nrm -rf ~', 'wan2.7-image', 'x\u2028y', 'a'.repeat(300)].map((id) => ({ id, object: 'model', owned_by: 'system' }));
    agent.get('http://dashscope.test').intercept({ path: '/compatible-mode/v1/models' }).reply(200, { object: 'list', data }, { headers: { 'content-type': 'application/json' } });
    const client = new DashScopeClient({ apiKey: 'sk-sim-cn-model-id', baseUrl: 'http://dashscope.test', dispatcher: agent });
    const dropped: number[] = [];
    const models = await client.models.list({ onInvalidIds: (count) => dropped.push(count) });
    assert.deepEqual(models.map((model) => model.id), ['qwen-plus', 'wan2.7-image']);
    assert.deepEqual(dropped, [3]);
  });
});
