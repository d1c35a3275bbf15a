import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REGIONS, type RegionId } from '../../src/dashscope/regions';
import { isModelId } from '../../src/shared/modelId';
import { imageEntry } from '../../src/shared/models/catalog';
import { keyShapeOf, PLAN_IDS, planOffers, planOrigin, planRegions, PLANS, planServesImageModel, plansOfShape, WORKSPACE_ONLY_REGIONS } from '../../src/shared/models/plans';

describe('plans', () => {
  it('tells pay-as-you-go keys from subscription keys by shape, and cannot tell Coding Plan from Token Plan', () => {
    assert.equal(keyShapeOf('sk-abc'), 'payg');
    assert.equal(keyShapeOf('sk-sp-abc'), 'subscription');
    assert.equal(keyShapeOf('gateway-token'), undefined);
    assert.deepEqual(plansOfShape('subscription'), ['coding', 'token']);
    assert.deepEqual(plansOfShape('payg'), ['payg', 'workspace']);
  });

  it('gives the official hosts: regional domains as the region list has them, Coding Plan /v1, workspace hosts per id', () => {
    for (const region of planRegions('payg')) assert.equal(planOrigin('payg', region), REGIONS[region as RegionId].origin);
    assert.equal(planOrigin('coding', 'cn'), 'https://coding.dashscope.aliyuncs.com');
    assert.equal(planOrigin('coding', 'intl'), 'https://coding-intl.dashscope.aliyuncs.com');
    assert.equal(PLANS.coding.compatiblePath, '/v1');
    assert.equal(planOrigin('token', 'intl'), 'https://token-plan.ap-southeast-1.maas.aliyuncs.com');
    assert.equal(planOrigin('workspace', 'cn', 'ws-123'), 'https://ws-123.cn-beijing.maas.aliyuncs.com');
    assert.equal(planOrigin('coding', 'us'), undefined);
    assert.equal(planOrigin('workspace', 'cn'), undefined);
    assert.equal(planOrigin('workspace', 'cn', 'evil.example.com/'), undefined, 'a workspace id never changes the host\'s domain');
  });

  it('says which APIs each plan offers and how its keys are checked without spending money', () => {
    assert.ok(planOffers('payg', 'video') && planOffers('workspace', 'models'));
    for (const plan of ['coding', 'token'] as const) {
      assert.ok(planOffers(plan, 'chat'));
      for (const api of ['video', 'speech', 'tasks', 'models'] as const) assert.ok(!planOffers(plan, api), `${plan} ${api}`);
      assert.equal(PLANS[plan].keyCheck, 'emptyChat');
      assert.ok((PLANS[plan].chatModels ?? []).length > 0 && PLANS[plan].chatModels!.every(isModelId));
    }
    assert.equal(PLANS.payg.keyCheck, 'modelList');
  });

  it('serves Token Plan\'s synchronous image models on its host, no image under a Coding Plan, every catalog model pay-as-you-go', () => {
    assert.ok(planOffers('token', 'images') && !planOffers('coding', 'images'));
    assert.equal(PLANS.token.nativePath, '/api/v1');
    for (const model of PLANS.token.imageModels ?? []) {
      assert.ok(planServesImageModel('token', model), model);
      assert.equal(imageEntry(model)?.route, 'multimodal', `${model} is sent to the synchronous endpoint, the only one the Token Plan host has`);
    }
    assert.ok(!planServesImageModel('token', 'wan2.7-image'), 'an image task needs the task API Token Plan lacks');
    assert.ok(!planServesImageModel('coding', 'qwen-image-2.0'));
    assert.ok(planServesImageModel('payg', 'wan2.7-image') && planServesImageModel('workspace', 'qwen-image-3.0-pro'));
  });

  it('has workspace hosts in Tokyo and Frankfurt, which no other plan serves', () => {
    assert.equal(planOrigin('workspace', 'jp', 'llm-abc'), 'https://llm-abc.ap-northeast-1.maas.aliyuncs.com');
    assert.equal(planOrigin('workspace', 'eu', 'llm-abc'), 'https://llm-abc.eu-central-1.maas.aliyuncs.com');
    for (const region of WORKSPACE_ONLY_REGIONS) {
      for (const plan of PLAN_IDS.filter((id) => id !== 'workspace')) assert.equal(planOrigin(plan, region, 'llm-abc'), undefined, `${plan} ${region}`);
    }
  });

  it('names a dated source for every plan, and the 401 a key of another plan gets', () => {
    for (const id of PLAN_IDS) {
      assert.match(PLANS[id].source.checked, /^\d{4}-\d{2}-\d{2}$/);
      assert.match(PLANS[id].source.url, /^https:\/\//);
      assert.equal(PLANS[id].wrongKeyStatus, 401);
    }
  });
});
