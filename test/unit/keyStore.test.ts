import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as vscode from 'vscode';
import { KeyStore } from '../../src/extension/keys/keyStore';

/** A SecretStorage shared by two "windows": a change made through either fires in both, as VS Code does. */
function sharedSecrets() {
  const values = new Map<string, string>();
  const listeners = new Set<(event: vscode.SecretStorageChangeEvent) => void>();
  const fire = (key: string) => listeners.forEach((listener) => listener({ key }));
  const storage = {
    get: async (key: string) => values.get(key),
    keys: async () => [...values.keys()],
    store: async (key: string, value: string) => void (values.set(key, value), fire(key)),
    delete: async (key: string) => void (values.delete(key), fire(key)),
    onDidChange: (listener: (event: vscode.SecretStorageChangeEvent) => void) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
  return storage as unknown as vscode.SecretStorage;
}

describe('key store', () => {
  it('keeps one key per region under its own secret', async () => {
    const keys = new KeyStore(sharedSecrets(), () => undefined);
    await keys.set('cn', 'sk-cn');
    await keys.set('intl', 'sk-intl');
    assert.equal(await keys.get('cn'), 'sk-cn');
    assert.equal(await keys.get('intl'), 'sk-intl');
    await keys.delete('cn');
    assert.equal(await keys.get('cn'), undefined);
  });

  it('tells this window which region changed when another window sets or deletes a key, and ignores other secrets', async () => {
    const secrets = sharedSecrets();
    const thisWindow = new KeyStore(secrets, () => undefined);
    const otherWindow = new KeyStore(secrets, () => undefined);
    const changed: string[] = [];
    const subscription = thisWindow.onDidChange((region) => changed.push(region));
    await otherWindow.set('intl', 'sk-intl');
    await otherWindow.delete('intl');
    await secrets.store('someone.else', 'x');
    await secrets.store('dashscope.apiKey.mars', 'x');
    assert.deepEqual(changed, ['intl', 'intl']);
    subscription.dispose();
    await otherWindow.set('cn', 'sk-cn');
    assert.deepEqual(changed, ['intl', 'intl'], 'nothing after disposal');
  });

  it('keeps the custom endpoint\'s key in a slot of its own, which has no key while the endpoint has no base URL', async () => {
    let baseUrl: string | undefined = 'https://gateway.example.com';
    const keys = new KeyStore(sharedSecrets(), () => baseUrl);
    await keys.set('cn', 'sk-cn');
    await keys.set('custom', 'sk-gateway');
    assert.equal(await keys.get('custom'), 'sk-gateway');
    assert.equal(await keys.get('cn'), 'sk-cn');
    baseUrl = undefined;
    assert.equal(await keys.get('custom'), undefined, 'no base URL, no key to send anywhere');
    await assert.rejects(async () => keys.set('custom', 'sk-x'), /base URL/);
    assert.equal(await keys.get('cn'), 'sk-cn');
  });

  it('keeps one key per plan and region, per workspace for workspace hosts, apart from the pay-as-you-go key', async () => {
    const secrets = sharedSecrets();
    const keys = new KeyStore(secrets, () => undefined);
    const changed: string[] = [];
    const subscription = keys.onDidChange((region) => changed.push(region));
    await keys.set('cn', 'sk-cn');
    await keys.set({ plan: 'coding', region: 'cn' }, 'sk-sp-coding');
    await keys.set({ plan: 'workspace', region: 'intl', workspaceId: 'ws1' }, 'sk-ws1');
    assert.equal(await keys.get('cn'), 'sk-cn');
    assert.equal(await keys.get({ plan: 'coding', region: 'cn' }), 'sk-sp-coding');
    assert.equal(await keys.get({ plan: 'token', region: 'cn' }), undefined);
    assert.equal(await keys.get({ plan: 'workspace', region: 'intl', workspaceId: 'ws2' }), undefined);
    assert.equal(await secrets.get('dashscope.apiKey.workspace.intl.ws1'), 'sk-ws1');
    await assert.rejects(async () => keys.set({ plan: 'workspace', region: 'cn' }, 'sk-x'), /workspace id/);
    assert.deepEqual(changed, ['cn', 'cn', 'intl']);
    subscription.dispose();
  });
});
