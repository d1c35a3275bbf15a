import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { Connection } from '../../src/extension/connection';
import { SIMULATOR_ENV } from '../../src/extension/endpoint';
import { KeyStore } from '../../src/extension/keys/keyStore';
import { Log } from '../../src/extension/log';
import { SecretRedactor } from '../../src/extension/secretRedactor';
import { planChatModelIds, planServes } from '../../src/extension/keys/planLimits';
import { KeyCommands } from '../../src/extension/shell/keyCommands';
import { ConnectionStatusBar } from '../../src/extension/shell/statusBar';
import { PLANS } from '../../src/shared/models/plans';
import { startSimulator, type Simulator } from '../simulator';
import { planKey, workspaceKey } from '../simulator/plans';
import type { Prompt } from '../vscode/ui';

const test = vscode as unknown as typeof double;

/** The user: answers the key box with `key`, the plan question with `plan`, and clicks `click` when offered. */
function user(key: string, answers: { plan?: string; click?: string } = {}) {
  test.ui.respond((prompt: Prompt) => {
    if (prompt.kind === 'inputBox') return key;
    if (prompt.kind === 'quickPick') return (prompt.items as { plan?: string }[]).find((item) => item.plan === answers.plan);
    if ('items' in prompt && answers.click && prompt.items.includes(answers.click)) return answers.click;
    return undefined;
  });
}

describe('Set API Key for each plan (host, vscode double, simulator)', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ rateLimits: false });
    process.env[SIMULATOR_ENV] = sim.origin;
  });
  after(async () => {
    delete process.env[SIMULATOR_ENV];
    await sim.close();
  });
  afterEach(() => test.resetVscode());

  function setUp() {
    const secrets = new test.FakeSecretStorage();
    const keys: KeyStore = new KeyStore(secrets as unknown as vscode.SecretStorage, () => connection.customBaseUrl);
    const log = new Log(new SecretRedactor());
    const connection = new Connection(keys, log, 'test');
    return { secrets, connection, commands: new KeyCommands(connection, keys, log) };
  }
  const paths = (from: number) => sim.requests.slice(from).map((r) => `${r.method} ${r.path}`);

  it('sets up a Coding Plan key in one pass: asks Coding or Token Plan (the shape cannot tell), checks it without a model list, then chats', async () => {
    const { secrets, connection, commands } = setUp();
    const from = sim.requests.length;
    user(planKey('coding', 'cn'), { plan: 'coding' });
    await commands.setApiKey();
    assert.equal(test.ui.shown.filter((prompt) => prompt.kind === 'quickPick').length, 1, 'asked once what kind of key it is');
    assert.match(test.ui.messages('info').at(-1) ?? '', /saved for Coding Plan · Beijing \(cn\).*no model list.*nothing was billed/);
    assert.equal(await secrets.get('dashscope.apiKey.coding.cn'), planKey('coding', 'cn'));
    assert.equal(connection.settings.plan, 'coding');
    assert.deepEqual(paths(from), ['POST /coding/cn/v1/chat/completions'], 'checked with one refused chat, no model list');
    const client = await connection.client();
    assert.equal(client?.baseUrl, `${sim.origin}/coding/cn`);
    assert.ok((await client!.chat.send({ model: 'qwen3-coder-plus', messages: [{ role: 'user', content: 'hi' }] })).content.length > 0);
    connection.dispose();
  });

  it('does not ask about a pay-as-you-go key, and says a Token Plan key on Coding Plan belongs to another plan, then switches', async () => {
    test.configuration.set('dashscope.plan', 'coding');
    const { secrets, connection, commands } = setUp();
    user(planKey('token', 'cn'), { click: 'Switch to Token Plan · Beijing (cn)' });
    await commands.setApiKey();
    assert.ok(!test.ui.shown.some((prompt) => prompt.kind === 'quickPick'), 'the selected plan answered the question');
    assert.match(test.ui.messages('warning').at(-1) ?? '', /belongs to another plan: Token Plan · Beijing \(cn\), not Coding Plan · Beijing \(cn\)/);
    assert.equal(connection.settings.plan, 'token');
    assert.equal(await secrets.get('dashscope.apiKey.token.cn'), planKey('token', 'cn'));
    assert.equal(await secrets.get('dashscope.apiKey.coding.cn'), undefined);
    connection.dispose();
  });

  it('finds the pay-as-you-go region of an sk- key pasted while a Coding Plan is selected', async () => {
    test.configuration.set('dashscope.plan', 'coding');
    const { connection, commands } = setUp();
    user(sim.keyFor('intl'));
    await commands.setApiKey();
    assert.ok(!test.ui.shown.some((prompt) => prompt.kind === 'quickPick'));
    assert.match(test.ui.messages('warning').at(-1) ?? '', /belongs to another plan: Singapore \(intl\), not Coding Plan · Beijing \(cn\)/);
    connection.dispose();
  });

  it('checks a workspace host\'s key with the model list of that host, and keeps it per workspace', async () => {
    test.configuration.set('dashscope.plan', 'workspace');
    test.configuration.set('dashscope.workspaceId', 'ws1');
    const { secrets, connection, commands } = setUp();
    const from = sim.requests.length;
    user(workspaceKey('cn', 'ws1'));
    await commands.setApiKey();
    assert.match(test.ui.messages('info').at(-1) ?? '', /saved for Pay-as-you-go, workspace host · Beijing \(cn\)\. \d+ models/);
    assert.deepEqual(paths(from).filter((path) => path.includes('/workspace/')), ['GET /workspace/cn/ws1/compatible-mode/v1/models']);
    assert.equal(await secrets.get('dashscope.apiKey.workspace.cn.ws1'), workspaceKey('cn', 'ws1'));
    test.configuration.set('dashscope.workspaceId', 'ws2');
    await connection.refreshKeyState();
    assert.equal(connection.hasKey, false, 'another workspace has no key');
    const bar = new ConnectionStatusBar(connection);
    test.configuration.set('dashscope.workspaceId', '');
    await connection.refreshKeyState();
    assert.match(test.window.statusBarItems.at(-1)!.text, /workspace host · Beijing · No workspace id/);
    bar.dispose();
    connection.dispose();
  });

  it('shows what a Coding Plan allows: no image or video panel (with the way out), the catalog\'s chat models, plan and host in the status bar and log', async () => {
    test.configuration.set('dashscope.plan', 'coding');
    const { secrets, connection } = setUp();
    await secrets.store('dashscope.apiKey.coding.cn', planKey('coding', 'cn'));
    await connection.refreshKeyState();
    const bar = new ConnectionStatusBar(connection);
    assert.equal(await planServes(connection, 'images'), false);
    assert.equal(await planServes(connection, 'video'), false);
    assert.match(test.ui.messages('warning')[0] ?? '', /Image generation is not part of Coding Plan · Beijing \(cn\)\. Select a pay-as-you-go region/);
    const from = sim.requests.length;
    assert.deepEqual(await planChatModelIds(connection, (await connection.client())!), PLANS.coding.chatModels);
    assert.equal(sim.requests.length, from, 'no model list asked of a host that has none');
    const item = test.window.statusBarItems.at(-1)!;
    assert.match(item.text, /Coding Plan · Beijing/);
    assert.match((item.tooltip as { value: string }).value, /Plan: Coding Plan · Region: Beijing · Host: `127\.0\.0\.1:\d+`/);
    assert.match(test.window.outputChannels.flatMap((channel) => channel.lines).join('\n'), /plan: coding, region: cn, host: 127\.0\.0\.1/);
    test.configuration.set('dashscope.plan', 'payg');
    assert.equal(await planServes(connection, 'images'), true);
    bar.dispose();
    connection.dispose();
  });
});
