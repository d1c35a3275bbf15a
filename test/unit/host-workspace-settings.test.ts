import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { Connection } from '../../src/extension/connection';
import { KeyStore } from '../../src/extension/keys/keyStore';
import { Log } from '../../src/extension/log';
import { SecretRedactor } from '../../src/extension/secretRedactor';

const test = vscode as unknown as typeof double;
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
  capabilities?: { untrustedWorkspaces?: { supported: unknown; restrictedConfigurations?: string[] }; virtualWorkspaces?: unknown };
};

function connect() {
  const secrets = new test.FakeSecretStorage();
  const keys: KeyStore = new KeyStore(secrets as unknown as vscode.SecretStorage, () => connection.customBaseUrl);
  const connection = new Connection(keys, new Log(new SecretRedactor()), 'test');
  return connection;
}

const ignoredWarnings = () => test.ui.messages('warning').filter((message) => /ignore/i.test(message));
const logText = () => test.window.outputChannels.flatMap((channel) => channel.lines).join('\n');

describe('settings that decide where the key and files go (host, vscode double)', () => {
  const folders: string[] = [];
  afterEach(() => {
    test.resetVscode();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('declares dashscope.baseUrl and dashscope.downloadFolder machine-scoped, restricted in untrusted workspaces, and limited in virtual ones', () => {
    const properties = manifest.contributes.configuration.properties;
    for (const id of ['dashscope.baseUrl', 'dashscope.downloadFolder']) {
      assert.equal(properties[id]?.scope, 'machine', `${id} is machine-scoped`);
      assert.ok(manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations?.includes(id), `${id} is restricted`);
    }
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, 'limited');
    for (const id of manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? []) assert.ok(id in properties, `${id} exists`);
    assert.ok(manifest.capabilities?.virtualWorkspaces !== undefined);
  });

  it('takes baseUrl and downloadFolder from user settings only, warns once (with Open User Settings) and logs when a workspace sets them', async () => {
    test.configuration.set('dashscope.region', 'custom');
    test.configuration.set('dashscope.baseUrl', 'https://gateway.example.com');
    test.configuration.set('dashscope.baseUrl', 'http://127.0.0.1:9', 'workspaceFolder');
    test.configuration.set('dashscope.downloadFolder', '/etc', 'workspace');
    const connection = connect();
    await connection.workspaceSettings.idle();
    assert.equal(connection.settings.baseUrl, 'https://gateway.example.com');
    assert.equal(connection.settings.downloadFolder, undefined);
    assert.equal(connection.endpoint.baseUrl, 'https://gateway.example.com');

    const warnings = ignoredWarnings();
    assert.equal(warnings.length, 1, warnings.join(' | '));
    assert.match(warnings[0]!, /dashscope\.baseUrl/);
    assert.match(warnings[0]!, /dashscope\.downloadFolder/);
    assert.deepEqual(test.ui.shown.flatMap((prompt) => ('message' in prompt && prompt.message === warnings[0] && 'items' in prompt ? [prompt.items] : [])), [['Open User Settings']]);
    assert.match(logText(), /workspace.*dashscope\.baseUrl/i);
    assert.doesNotMatch(logText(), /127\.0\.0\.1:9/, 'the workspace value itself is not logged');

    test.configuration.set('dashscope.chat.defaultModel', 'qwen-max');
    await connection.workspaceSettings.idle();
    assert.equal(ignoredWarnings().length, 1, 'warned once');
    connection.dispose();
  });

  it('notices the values in a folder\'s .vscode/settings.json that VS Code itself drops for machine-scoped settings, and ignores comments', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'ws-'));
    folders.push(folder);
    mkdirSync(path.join(folder, '.vscode'));
    writeFileSync(path.join(folder, '.vscode', 'settings.json'),
      '{\n  // "dashscope.downloadFolder": "/tmp",\n  /* "dashscope.downloadFolder": 1 */ "editor.tabSize": 2,\n  "dashscope.baseUrl" : "http://127.0.0.1:9", // trailing\n}\n');
    test.workspace.openFolder(folder);
    const connection = connect();
    await connection.workspaceSettings.idle();
    const warnings = ignoredWarnings();
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /dashscope\.baseUrl/);
    assert.doesNotMatch(warnings[0]!, /downloadFolder/, 'commented-out settings do not count');
    assert.equal(connection.settings.baseUrl, undefined);
    connection.dispose();
  });

  it('warns once when two checks overlap (a folder added while the settings change)', async () => {
    test.configuration.set('dashscope.baseUrl', 'http://127.0.0.1:9', 'workspace');
    const connection = connect();
    await Promise.all([connection.workspaceSettings.check(), connection.workspaceSettings.check()]);
    assert.equal(ignoredWarnings().length, 1);
    connection.dispose();
  });
});
