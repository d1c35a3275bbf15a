import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe } from 'node:test';
import { e2eSuite } from './suite';

// The environment offers a key for import; none is stored yet.
const IMPORTED_KEY = 'sk-sim-cn-imported-from-env';
const REJECTED_KEY = 'sk-sim-zz-not-a-real-key';

describe('extension shell in real VS Code', () => {
  const { test } = e2eSuite({ env: { DASHSCOPE_API_KEY: IMPORTED_KEY } });

  test('shows the simulator with no key in the status bar once the window has started, and the details from the palette', async (code) => {
    assert.match(await code.waitForStatus(/Simulator/), /DashScope.*Beijing.*No key|DashScope.*No key.*Beijing/);
    await code.runCommand('DashScope: Show Connection Status');
    const status = await code.notification(/Beijing/);
    const text = await status.innerText();
    assert.ok(text.includes(code.sim.origin), `the endpoint is named: ${text}`);
    assert.match(text, /no (API )?key/i);
    assert.match(await code.waitForStatus(/Simulator/), /DashScope.*Beijing.*No key|DashScope.*No key.*Beijing/);
    await code.clearNotifications();
  });

  test('welcomes in the DashScope view with the key actions', async (code) => {
    const welcome = await code.tasksWelcome();
    for (const button of ['Set API Key', 'Import API Key']) await welcome.getByRole('button', { name: button }).waitFor();
    await welcome.getByText('Get an API key').first().waitFor();
    await welcome.getByRole('button', { name: 'Set API Key' }).click();
    await code.page.locator('.quick-input-widget input[type="password"]').waitFor();
    await code.page.keyboard.press('Escape');
  });

  test('sets a key after checking it, and the status bar follows', async (code) => {
    await code.runCommand('DashScope: Set API Key');
    await code.page.locator('.quick-input-widget input[type="password"]').waitFor();
    await code.answerInput(code.sim.keyFor('cn'));
    assert.equal(await code.notificationSeverity(await code.notification(/saved/)), 'info');
    assert.match(await code.waitForStatus(/^(?!.*No key)/), /Beijing/);
    assert.ok(code.sim.requests.some((r) => r.path.startsWith('/cn/') && /models/.test(r.path)), 'the key was checked by listing models in Beijing');
    await code.clearNotifications();
  });

  test('keeps the key across a window reload', async (code) => {
    await code.reload();
    assert.match(await code.waitForStatus(/Simulator/), /^(?!.*No key).*Beijing/);
  });

  test('detects a key from another region and offers to switch', async (code) => {
    await code.runCommand('DashScope: Set API Key');
    await code.answerInput(code.sim.keyFor('intl'));
    const warning = await code.notification(/Singapore/);
    assert.equal(await code.notificationSeverity(warning), 'warning');
    await code.clickNotificationButton(/Singapore/, 'Switch to Singapore');
    assert.doesNotMatch(await code.waitForStatus(/Singapore/), /No key/);
    await code.clearNotifications();
  });

  test('refuses a key that no region accepts and saves nothing', async (code) => {
    await code.runCommand('DashScope: Set API Key');
    await code.answerInput(REJECTED_KEY);
    assert.equal(await code.notificationSeverity(await code.notification(/rejected/i)), 'error');
    const status = await code.statusText();
    assert.match(status, /Singapore/);
    assert.doesNotMatch(status, /No key/, 'the Singapore key stays');
    await code.clearNotifications();
  });

  test('selects a region from the status bar', async (code) => {
    await code.statusItem().click();
    await code.pick('Select Region');
    const labels = await code.quickPickLabels();
    for (const region of ['Beijing (cn)', 'Singapore (intl)', 'Virginia (us)', 'Hong Kong (hk)', 'Custom endpoint…']) {
      assert.ok(labels.some((label) => label.includes(region)), `${region} in ${labels.join(' | ')}`);
    }
    await code.pick('Hong Kong (hk)');
    await code.waitForStatus(/Hong Kong.*No key/);
    await code.clearNotifications();
  });

  test('clears the key of the current region', async (code) => {
    await code.runCommand('DashScope: Select Region');
    await code.pick('Singapore (intl)');
    assert.doesNotMatch(await code.waitForStatus(/Singapore/), /No key/);
    await code.runCommand('DashScope: Clear API Key');
    await code.waitForStatus(/Singapore.*No key/);
    await code.clearNotifications();
  });

  test('imports the key found in DASHSCOPE_API_KEY without showing it', async (code) => {
    await code.runCommand('DashScope: Select Region');
    await code.pick('Beijing (cn)');
    await code.waitForStatus(/Beijing/);
    await code.runCommand('DashScope: Clear API Key');
    await code.waitForStatus(/Beijing.*No key/);
    await code.clearNotifications();
    await code.runCommand('DashScope: Import API Key');
    const labels = await code.quickPickLabels();
    assert.ok(labels.some((label) => label.includes('DASHSCOPE_API_KEY environment variable')), labels.join(' | '));
    assert.ok(!labels.some((label) => label.includes(IMPORTED_KEY)), 'the quick pick shows the key');
    await code.pick('DASHSCOPE_API_KEY environment variable');
    await code.notification(/saved/);
    await code.waitForStatus(/^(?!.*No key).*Beijing/);
    assert.ok(code.sim.requests.some((r) => r.headers.authorization === `Bearer ${IMPORTED_KEY}`), 'the imported key was checked');
    await code.clearNotifications();
  });

  test('never leaks a key: only the Authorization header carries it', async (code) => {
    const keys = [code.sim.keyFor('cn'), code.sim.keyFor('intl'), IMPORTED_KEY, REJECTED_KEY];
    const leaks = (where: string, text: string) => {
      for (const key of keys) assert.ok(!text.includes(key), `${where} contains the key ${key.slice(0, 10)}…`);
    };
    for (const request of code.sim.requests) {
      const { authorization: _authorization, ...headers } = request.headers;
      leaks(`headers of ${request.method} ${request.path}`, JSON.stringify(headers));
      leaks(`body of ${request.method} ${request.path}`, request.body);
      leaks('a request path', request.path);
    }
    // Extension logs, settings, state and every other file code-server writes under its user-data folder.
    // SecretStorage is not among them: code-server keeps it in the browser's localStorage ("secrets.provider"),
    // sealed with AES by a key half from the server (<user-data>/serve-web-key-half, served at /mint-key).
    assert.ok(code.extensionLogs().length > 0, 'the DashScope log exists');
    for (const file of code.userDataFiles()) leaks(file, readFileSync(file, 'latin1'));
    // The browser side: workbench and extension state in IndexedDB, and the sealed secrets in localStorage.
    const storage = await code.browserStorageText();
    assert.match(storage, /localStorage secrets\.provider=/, 'SecretStorage lives in localStorage');
    leaks('browser storage', storage);
    // The screen and every notification, including those only in the notification centre.
    leaks('the visible page', await code.page.locator('body').innerText());
    await code.runCommand('Notifications: Show Notifications');
    leaks('the notification centre', await code.page.locator('.notifications-center').innerText());
  });
});
