import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { Connection } from '../../src/extension/connection';
import { KeyStore } from '../../src/extension/keys/keyStore';
import { Log } from '../../src/extension/log';
import { SecretRedactor } from '../../src/extension/secretRedactor';
import { ConnectionStatusBar } from '../../src/extension/shell/statusBar';

const test = vscode as unknown as typeof double;

function connect() {
  const secrets = new test.FakeSecretStorage();
  const keys: KeyStore = new KeyStore(secrets as unknown as vscode.SecretStorage, () => connection.customBaseUrl);
  const connection = new Connection(keys, new Log(new SecretRedactor()), 'test');
  return { secrets, connection };
}

describe('connection and status bar (host, vscode double)', () => {
  afterEach(() => test.resetVscode());

  it('shows the region and "No key" until a key is stored, then the key state, from settings and secrets', async () => {
    test.configuration.set('dashscope.region', 'intl');
    const { secrets, connection } = connect();
    await connection.refreshKeyState();
    const bar = new ConnectionStatusBar(connection);
    const item = test.window.statusBarItems.at(-1)!;
    assert.match(item.text, /Singapore · No key/);
    assert.equal(test.commands.contextKeys.get('dashscope.hasKey'), false);

    await secrets.store('dashscope.apiKey.intl', 'sk-sim-intl-double');
    await new Promise((resolve) => setImmediate(resolve));
    assert.doesNotMatch(item.text, /No key/);
    assert.equal(test.commands.contextKeys.get('dashscope.hasKey'), true);
    bar.dispose();
    connection.dispose();
  });

  it('warns once, naming the setting, when a setting is invalid, and uses the default', async () => {
    test.configuration.set('dashscope.tasks.pollMinSeconds', 500);
    const { connection } = connect();
    assert.equal(connection.settings.pollMinSeconds, 2);
    test.configuration.set('dashscope.chat.defaultModel', 'qwen-max');
    assert.deepEqual(test.ui.messages('warning').filter((message) => message.includes('dashscope.tasks.pollMinSeconds')).length, 1);
    assert.equal(connection.settings.chatModel, 'qwen-max');
    connection.dispose();
  });

  it('sends a key saved for an official region only to that region\'s official host, and names the host in the tooltip and the log', async () => {
    test.configuration.set('dashscope.region', 'cn');
    test.configuration.set('dashscope.baseUrl', 'https://gateway.example.com');
    const { secrets, connection } = connect();
    await secrets.store('dashscope.apiKey.cn', 'sk-sim-cn-official');
    await connection.refreshKeyState();
    const bar = new ConnectionStatusBar(connection);
    assert.equal((await connection.client())?.baseUrl, 'https://dashscope.aliyuncs.com');
    assert.equal(connection.clientFor('sk-sim-cn-official', 'cn').baseUrl, 'https://dashscope.aliyuncs.com');
    const tooltip = (test.window.statusBarItems.at(-1)!.tooltip as { value: string }).value;
    assert.match(tooltip, /API key is sent only to `https:\/\/dashscope\.aliyuncs\.com`/);
    const log = test.window.outputChannels.flatMap((channel) => channel.lines).join('\n');
    assert.match(log, /API key for cn is sent only to https:\/\/dashscope\.aliyuncs\.com/);
    bar.dispose();
    connection.dispose();
  });

  it('sends a task\'s workspace key to that workspace\'s host, whichever workspace is selected now; Tokyo has workspace hosts only', () => {
    test.configuration.set('dashscope.plan', 'workspace');
    test.configuration.set('dashscope.workspaceId', 'llm-now');
    const { connection } = connect();
    assert.equal(connection.clientFor('sk-sim-cn-llm-then-demo', { plan: 'workspace', region: 'cn', workspaceId: 'llm-then' }).baseUrl, 'https://llm-then.cn-beijing.maas.aliyuncs.com');
    assert.equal(connection.clientFor('sk-sim-jp-llm-now-demo', { plan: 'workspace', region: 'jp' }).baseUrl, 'https://llm-now.ap-northeast-1.maas.aliyuncs.com');
    connection.dispose();
  });

  it('has no client for the custom endpoint without a base URL, and says so instead of sending its key anywhere', async () => {
    test.configuration.set('dashscope.region', 'custom');
    const { secrets, connection } = connect();
    await secrets.store('dashscope.apiKey.custom', 'sk-sim-custom-legacy');
    await connection.refreshKeyState();
    const bar = new ConnectionStatusBar(connection);
    assert.equal(await connection.client(), undefined);
    assert.throws(() => connection.clientFor('sk-sim-custom-legacy', 'custom'), /base URL/);
    assert.match(test.window.statusBarItems.at(-1)!.text, /No base URL/);
    assert.ok(test.ui.messages('warning').some((message) => /custom.*base URL/.test(message)));
    bar.dispose();
    connection.dispose();
  });
});
