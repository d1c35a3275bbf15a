import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveEndpoint, simulatorOrigin } from '../../src/extension/endpoint';
import { DEFAULT_SETTINGS } from '../../src/extension/settings';

describe('resolveEndpoint', () => {
  it('uses the official host of the region', () => {
    assert.deepEqual(resolveEndpoint({ ...DEFAULT_SETTINGS, region: 'intl' }, undefined), {
      plan: 'payg', region: 'intl', baseUrl: 'https://dashscope-intl.aliyuncs.com', compatiblePath: '/compatible-mode/v1', simulator: false,
    });
  });

  it('sends an official region only to its official host, whatever the base URL says; the base URL serves the custom endpoint only', () => {
    const settings = { ...DEFAULT_SETTINGS, region: 'cn' as const, baseUrl: 'https://attacker.example' };
    assert.equal(resolveEndpoint(settings, undefined).baseUrl, 'https://dashscope.aliyuncs.com');
    assert.equal(resolveEndpoint(settings, undefined, 'us').baseUrl, 'https://dashscope-us.aliyuncs.com');
    assert.equal(resolveEndpoint(settings, 'http://127.0.0.1:4010').baseUrl, 'http://127.0.0.1:4010/cn');
    assert.equal(resolveEndpoint(settings, undefined, 'custom').baseUrl, 'https://attacker.example');
  });

  it('sends every region to the simulator under its path prefix', () => {
    const origin = 'http://127.0.0.1:4010';
    assert.deepEqual(resolveEndpoint(DEFAULT_SETTINGS, origin), { plan: 'payg', region: 'cn', baseUrl: `${origin}/cn`, compatiblePath: '/compatible-mode/v1', simulator: true });
    assert.equal(resolveEndpoint(DEFAULT_SETTINGS, origin, 'hk').baseUrl, `${origin}/hk`);
  });

  it('has no endpoint for the custom region without a base URL', () => {
    assert.equal(resolveEndpoint({ ...DEFAULT_SETTINGS, region: 'custom' }, undefined).baseUrl, undefined);
  });

  it('sends each plan to its own host and path: Coding Plan /v1, Token Plan, the workspace host of the workspace id', () => {
    const coding = resolveEndpoint({ ...DEFAULT_SETTINGS, plan: 'coding', region: 'intl' }, undefined);
    assert.deepEqual([coding.baseUrl, coding.compatiblePath], ['https://coding-intl.dashscope.aliyuncs.com', '/v1']);
    assert.equal(resolveEndpoint({ ...DEFAULT_SETTINGS, plan: 'token' }, undefined).baseUrl, 'https://token-plan.cn-beijing.maas.aliyuncs.com');
    const workspace = { ...DEFAULT_SETTINGS, plan: 'workspace' as const, region: 'intl' as const, workspaceId: 'ws1' };
    assert.equal(resolveEndpoint(workspace, undefined).baseUrl, 'https://ws1.ap-southeast-1.maas.aliyuncs.com');
    assert.equal(resolveEndpoint({ ...workspace, workspaceId: undefined }, undefined).baseUrl, undefined, 'no workspace id, no host');
    assert.equal(resolveEndpoint({ ...DEFAULT_SETTINGS, plan: 'coding', baseUrl: 'https://attacker.example' }, undefined, 'custom').baseUrl, undefined, 'a plan key never goes to the custom base URL');
    const origin = 'http://127.0.0.1:4010';
    assert.equal(resolveEndpoint({ ...DEFAULT_SETTINGS, plan: 'coding' }, origin).baseUrl, `${origin}/coding/cn`);
    assert.equal(resolveEndpoint(workspace, origin).baseUrl, `${origin}/workspace/intl/ws1`);
  });
});

describe('simulatorOrigin', () => {
  it('accepts only loopback http origins', () => {
    assert.equal(simulatorOrigin({ DASHSCOPE_STUDIO_SIMULATOR_URL: 'http://127.0.0.1:4010/' }), 'http://127.0.0.1:4010');
    assert.equal(simulatorOrigin({ DASHSCOPE_STUDIO_SIMULATOR_URL: 'http://evil.example.com' }), undefined);
    assert.equal(simulatorOrigin({ DASHSCOPE_STUDIO_SIMULATOR_URL: 'not a url' }), undefined);
    assert.equal(simulatorOrigin({}), undefined);
  });
});
