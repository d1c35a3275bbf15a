import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, parseBaseUrl, readSettings } from '../../src/extension/settings';

const reader = (values: Record<string, unknown>) => (key: string) => values[key];

describe('readSettings', () => {
  it('returns the defaults when nothing is set', () => {
    const { settings, problems } = readSettings(reader({}));
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.deepEqual(problems, []);
  });

  it('keeps a plan with a region it serves, and names the region or workspace id a plan lacks', () => {
    assert.deepEqual(readSettings(reader({ plan: 'coding', region: 'intl' })).problems, []);
    const noHost = readSettings(reader({ plan: 'coding', region: 'us' }));
    assert.deepEqual([noHost.settings.plan, noHost.settings.region], ['coding', 'cn']);
    assert.match(noHost.problems[0]?.message ?? '', /coding plan has no host in "us"; it serves: cn, intl/);
    assert.deepEqual(readSettings(reader({ plan: 'workspace' })).problems.map((problem) => problem.setting), ['dashscope.workspaceId']);
    assert.equal(readSettings(reader({ plan: 'token', region: 'custom' })).settings.region, 'cn', 'a plan key never goes to the custom base URL');
  });

  it('takes Tokyo and Frankfurt with a workspace host only: they have no DashScope domain', () => {
    assert.deepEqual(readSettings(reader({ plan: 'workspace', region: 'jp', workspaceId: 'llm-abc' })).problems, []);
    assert.equal(readSettings(reader({ plan: 'workspace', region: 'eu', workspaceId: 'llm-abc' })).settings.region, 'eu');
    const payg = readSettings(reader({ region: 'jp' }));
    assert.equal(payg.settings.region, 'cn');
    assert.match(payg.problems[0]?.message ?? '', /payg plan has no host in "jp"; it serves: cn, intl, us, hk, custom/);
  });

  it('keeps valid values', () => {
    const { settings, problems } = readSettings(reader({
      region: 'custom',
      baseUrl: 'https://ws-1.ap-southeast-1.maas.aliyuncs.com/',
      workspaceId: 'llm-abc_1',
      'chat.defaultModel': 'qwen3-max',
      'tasks.pollMinSeconds': 3,
      'tasks.pollMaxSeconds': 30,
    }));
    assert.deepEqual(problems, []);
    assert.equal(settings.region, 'custom');
    assert.equal(settings.baseUrl, 'https://ws-1.ap-southeast-1.maas.aliyuncs.com');
    assert.equal(settings.workspaceId, 'llm-abc_1');
    assert.equal(settings.chatModel, 'qwen3-max');
    assert.equal(settings.pollMaxSeconds, 30);
  });

  it('falls back to the default and names the setting for each invalid value', () => {
    const { settings, problems } = readSettings(reader({
      region: 'mars',
      baseUrl: 'http://example.com',
      'chat.defaultModel': 'qwen plus',
      'tasks.pollMinSeconds': 0,
      workspaceId: 'a b',
    }));
    assert.equal(settings.region, 'cn');
    assert.equal(settings.baseUrl, undefined);
    assert.equal(settings.chatModel, 'qwen-plus');
    assert.equal(settings.pollMinSeconds, 2);
    assert.equal(settings.workspaceId, undefined);
    assert.deepEqual(problems.map((p) => p.setting).sort(), [
      'dashscope.baseUrl', 'dashscope.chat.defaultModel', 'dashscope.region', 'dashscope.tasks.pollMinSeconds', 'dashscope.workspaceId',
    ]);
  });

  it('requires a base URL for the custom region', () => {
    const { problems } = readSettings(reader({ region: 'custom' }));
    assert.deepEqual(problems.map((p) => p.setting), ['dashscope.baseUrl']);
  });

  it('keeps the base URL while an official region is selected, for when the custom region is chosen again', () => {
    const { settings, problems } = readSettings(reader({ region: 'intl', baseUrl: 'https://gateway.example.com' }));
    assert.deepEqual(problems, []);
    assert.equal(settings.baseUrl, 'https://gateway.example.com');
  });

  it('rejects a maximum poll interval below the minimum', () => {
    const { settings, problems } = readSettings(reader({ 'tasks.pollMinSeconds': 40, 'tasks.pollMaxSeconds': 10 }));
    assert.equal(problems[0]?.setting, 'dashscope.tasks.pollMaxSeconds');
    assert.ok(settings.pollMaxSeconds >= settings.pollMinSeconds);
  });
});

describe('parseBaseUrl', () => {
  it('accepts https anywhere and http only on loopback', () => {
    assert.deepEqual(parseBaseUrl('https://gw.example.com/dashscope/'), { url: 'https://gw.example.com/dashscope' });
    assert.deepEqual(parseBaseUrl('http://127.0.0.1:8080'), { url: 'http://127.0.0.1:8080' });
    assert.deepEqual(parseBaseUrl('http://localhost:9'), { url: 'http://localhost:9' });
    assert.ok('error' in parseBaseUrl('http://10.0.0.1'));
    assert.ok('error' in parseBaseUrl('dashscope.aliyuncs.com'));
    assert.ok('error' in parseBaseUrl('https://x.example.com/?key=1'));
  });
});
