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
  const connection = new Connection(new KeyStore(secrets as unknown as vscode.SecretStorage), new Log(new SecretRedactor()), 'test');
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
});
