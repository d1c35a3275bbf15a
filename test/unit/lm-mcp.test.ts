import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import type { KeyTarget } from '../../src/extension/keys/keyStore';
import { Log } from '../../src/extension/log';
import { MCP_PROVIDER_ID, registerWebSearchMcp, type WebSearchMcpServers } from '../../src/extension/lm/webSearchMcp';
import type { McpHttpServerDefinition } from '../../src/extension/lm/vscodeMcpApi';
import { SecretRedactor } from '../../src/extension/secretRedactor';
import type { Services } from '../../src/extension/services';
import type { RegionSetting } from '../../src/extension/settings';

const test = vscode as unknown as typeof double;
const OFFICIAL = 'https://dashscope.aliyuncs.com/api/v1/mcps/WebSearch/mcp';

/** Services whose only keys are `keys` (by region for pay-as-you-go, `plan.region` otherwise), with `plan` selected. */
function servicesWith(keys: Record<string, string>, plan = 'coding', simulator?: string) {
  const services = {
    log: new Log(new SecretRedactor()),
    keys: {
      get: async (target: RegionSetting | KeyTarget) => {
        const { plan: of, region } = typeof target === 'string' ? { plan: 'payg', region: target } : target;
        return keys[of === 'payg' ? region : `${of}.${region}`];
      },
    },
    connection: { settings: { plan, region: 'cn', workspaceId: undefined }, simulator, onDidChange: () => new test.Disposable(() => undefined) },
  } as unknown as Services;
  return { services };
}

/** Registers through a VS Code that has the MCP API; returns the provider it was given. */
function register(services: Services): { id: string; provider: WebSearchMcpServers } {
  const registered: { id: string; provider: WebSearchMcpServers }[] = [];
  test.lm.registerMcpServerDefinitionProvider = (id: string, provider: WebSearchMcpServers) => (registered.push({ id, provider }), new test.Disposable(() => undefined));
  registerWebSearchMcp(services);
  assert.equal(registered.length, 1);
  return registered[0]!;
}

describe('DashScope web search as an MCP server for VS Code\'s agents (host, vscode double)', () => {
  afterEach(() => {
    delete test.lm.registerMcpServerDefinitionProvider;
    test.resetVscode();
  });

  it('lists the WebSearch server on Beijing\'s official host without its key, and adds the pay-as-you-go key only when VS Code starts it', async () => {
    const { services } = servicesWith({ cn: 'sk-payg-beijing', 'coding.cn': 'sk-sp-coding' });
    const { id, provider } = register(services);
    assert.equal(id, MCP_PROVIDER_ID);
    const [server] = (await provider.provideMcpServerDefinitions()) as McpHttpServerDefinition[];
    assert.equal(server!.uri.toString(), OFFICIAL);
    assert.deepEqual(server!.headers, {}, 'the listed definition carries no key');
    const started = await provider.resolveMcpServerDefinition(server!);
    assert.deepEqual(started?.headers, { Authorization: 'Bearer sk-payg-beijing' }, 'the sk- key, never the plan\'s sk-sp- key');
  });

  it('sends the key nowhere else: a definition pointing at another host is not started', async () => {
    const { services } = servicesWith({ cn: 'sk-payg-beijing' });
    const { provider } = register(services);
    const forged = new test.McpHttpServerDefinition('DashScope Web Search', vscode.Uri.parse('https://evil.example.com/api/v1/mcps/WebSearch/mcp')) as unknown as McpHttpServerDefinition;
    assert.equal(await provider.resolveMcpServerDefinition(forged), undefined);
    assert.deepEqual(forged.headers, {});
  });

  it('offers nothing without a pay-as-you-go Beijing key, and goes to the simulator\'s Beijing host under test', async () => {
    assert.deepEqual(await register(servicesWith({ 'coding.cn': 'sk-sp-coding' }).services).provider.provideMcpServerDefinitions(), []);
    const { provider } = register(servicesWith({ cn: 'sk-sim-cn-demo' }, 'payg', 'http://127.0.0.1:4010').services);
    const [server] = (await provider.provideMcpServerDefinitions()) as McpHttpServerDefinition[];
    assert.equal(server!.uri.toString(), 'http://127.0.0.1:4010/cn/api/v1/mcps/WebSearch/mcp');
  });

  it('registers nothing where VS Code has no MCP server API (before 1.101), and says so in the log', () => {
    const { services } = servicesWith({ cn: 'sk-payg-beijing' });
    assert.deepEqual(registerWebSearchMcp(services), []);
    assert.match(test.window.outputChannels.flatMap((channel) => channel.lines).join('\n'), /no MCP server definition API \(1\.101\+\)/);
  });

  it('declares the provider id in the manifest, as VS Code requires before registration', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { mcpServerDefinitionProviders: { id: string }[] } };
    assert.deepEqual(manifest.contributes.mcpServerDefinitionProviders.map((provider) => provider.id), [MCP_PROVIDER_ID]);
  });
});
