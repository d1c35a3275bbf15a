import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { otherRegions, resolveEndpoint, simulatorOrigin } from '../../src/extension/endpoint';
import { DEFAULT_SETTINGS } from '../../src/extension/settings';

describe('resolveEndpoint', () => {
  it('uses the official host of the region', () => {
    assert.deepEqual(resolveEndpoint({ ...DEFAULT_SETTINGS, region: 'intl' }, undefined), {
      region: 'intl', baseUrl: 'https://dashscope-intl.aliyuncs.com', simulator: false,
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
    assert.deepEqual(resolveEndpoint(DEFAULT_SETTINGS, origin), { region: 'cn', baseUrl: `${origin}/cn`, simulator: true });
    assert.equal(resolveEndpoint(DEFAULT_SETTINGS, origin, 'hk').baseUrl, `${origin}/hk`);
  });

  it('has no endpoint for the custom region without a base URL', () => {
    assert.equal(resolveEndpoint({ ...DEFAULT_SETTINGS, region: 'custom' }, undefined).baseUrl, undefined);
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

describe('otherRegions', () => {
  it('lists the official regions except the given one', () => {
    assert.deepEqual(otherRegions('cn'), ['intl', 'us', 'hk']);
    assert.deepEqual(otherRegions('custom'), ['cn', 'intl', 'us', 'hk']);
  });
});
