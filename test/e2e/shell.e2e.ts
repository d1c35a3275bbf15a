import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe } from 'node:test';
import { e2eSuite } from './suite';

// The environment offers a key for import; none is stored yet.
const IMPORTED_KEY = 'sk-sim-cn-imported-from-env';

describe('extension shell in real VS Code', () => {
  const { test } = e2eSuite({ env: { DASHSCOPE_API_KEY: IMPORTED_KEY } });

  test('activates from the palette and shows the simulator with no key', async (code) => {
    await code.runCommand('DashScope: Show Connection Status');
    await code.notification(/no API key/);
    const status = await code.waitForStatus(/Simulator/);
    assert.match(status, /DashScope: Simulator · Beijing · No key/);
    await code.clearNotifications();
  });

  test('sets a key after checking it, and the status bar follows', async (code) => {
    await code.runCommand('DashScope: Set API Key');
    await code.answerInput(code.sim.keyFor('cn'));
    await code.notification(/API key saved for Beijing/);
    assert.doesNotMatch(await code.waitForStatus(/^(?!.*No key)/), /No key/);
    await code.runCommand('DashScope: Show Connection Status');
    await code.notification(/API key set · connected, \d+ models/);
    await code.clearNotifications();
  });

  test('detects a key from another region and offers to switch', async (code) => {
    await code.runCommand('DashScope: Set API Key');
    await code.answerInput(code.sim.keyFor('intl'));
    await code.clickNotificationButton(/belongs to Singapore/, 'Switch to Singapore');
    await code.waitForStatus(/Singapore/);
    await code.notification(/Switched to Singapore/);
    await code.clearNotifications();
  });

  test('refuses a key that no region accepts and saves nothing', async (code) => {
    await code.runCommand('DashScope: Set API Key');
    await code.answerInput('sk-sim-zz-not-a-real-key');
    await code.notification(/rejected this key/);
    assert.match(await code.statusText(), /Singapore/);
    await code.clearNotifications();
  });

  test('selects a region from the status bar and asks for its key', async (code) => {
    await code.statusItem().click();
    await code.pick('Select Region');
    const labels = await code.quickPickLabels();
    for (const region of ['Beijing (cn)', 'Singapore (intl)', 'Virginia (us)', 'Hong Kong (hk)', 'Custom endpoint']) {
      assert.ok(labels.some((label) => label.includes(region)), region);
    }
    await code.pick('Hong Kong (hk)');
    await code.waitForStatus(/Hong Kong · No key/);
    await code.notification(/has no API key yet/);
    await code.clearNotifications();
  });

  test('imports the key found in DASHSCOPE_API_KEY without showing it', async (code) => {
    await code.runCommand('DashScope: Select Region');
    await code.pick('Beijing (cn)');
    await code.waitForStatus(/Beijing/);
    await code.runCommand('DashScope: Clear API Key');
    await code.notification(/removed from VS Code/);
    await code.waitForStatus(/Beijing · No key/);
    await code.runCommand('DashScope: Import API Key');
    const labels = await code.quickPickLabels();
    assert.ok(labels.some((label) => label.includes('DASHSCOPE_API_KEY environment variable')));
    assert.ok(!labels.some((label) => label.includes(IMPORTED_KEY)));
    await code.pick('DASHSCOPE_API_KEY environment variable');
    await code.notification(/API key saved for Beijing/);
    await code.waitForStatus(/^(?!.*No key).*Beijing/);
    await code.clearNotifications();
  });

  test('never leaks a key: only the Authorization header carries it', async (code) => {
    const keys = [code.sim.keyFor('cn'), code.sim.keyFor('intl'), IMPORTED_KEY, 'sk-sim-zz-not-a-real-key'];
    for (const request of code.sim.requests) {
      const { authorization: _authorization, ...headers } = request.headers;
      for (const key of keys) {
        assert.ok(!JSON.stringify(headers).includes(key) && !request.body.includes(key), `${request.path} carries a key outside Authorization`);
      }
    }
    assert.ok(code.sim.requests.some((r) => r.headers.authorization === `Bearer ${IMPORTED_KEY}`), 'the imported key was used');
    // code-server keeps SecretStorage in the browser's storage, not in the user-data folder; everything there must be clean.
    const files = code.userDataFiles();
    assert.ok(code.extensionLogs().length > 0, 'the DashScope log exists');
    for (const file of files) {
      const text = readFileSync(file, 'latin1');
      for (const key of keys) assert.ok(!text.includes(key), `${file} contains a key`);
    }
    const visible = await code.page.locator('body').innerText();
    for (const key of keys) assert.ok(!visible.includes(key));
  });
});
