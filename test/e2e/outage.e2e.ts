import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { generateVideo, setApiKey } from './flows';
import type { VsCode } from './harness';
import { e2eSuite } from './suite';
import { chatFrame, taskRow, waitForRow } from './views';

/** How long the window may take to notice that DashScope is back on its own (its next check or probe). */
const RECOVERY_MS = 60_000;

const healthItem = (code: VsCode) => code.page.locator('.statusbar-item', { hasText: 'DashScope unreachable since' });

describe('DashScope unreachable for a while', () => {
  const { test } = e2eSuite();

  test('the status bar and a running task say DashScope is unreachable; both recover by themselves and the chat fetches its model list again', async (code) => {
    await setApiKey(code, code.sim.keyFor('cn'));
    const prompt = 'a lighthouse in a storm';
    await generateVideo(code, `[[sim:run=600000]] ${prompt}`);
    await code.notification(/Video task submitted/);
    await code.clearNotifications();
    await code.openDashScopeView();
    await waitForRow(code, prompt, /running/);

    await code.sim.goOffline();
    try {
      await healthItem(code).waitFor({ timeout: 40_000 });
      assert.match(await healthItem(code).innerText(), /DashScope unreachable since \d{1,2}:\d{2}:\d{2}.* · next try in \d+ s/);
      assert.match(await waitForRow(code, prompt, /running .*unreachable since/), /running \d+s · DashScope unreachable since/);
      // A window opened during the outage: its chat cannot fetch the model list (one fetched before would be kept).
      await code.reload();
      await code.openDashScopeView();
      await code.runCommand('DashScope: Open Chat');
      const chat = await chatFrame(code);
      const problem = chat.locator('.models-problem');
      await problem.filter({ hasText: /could not be loaded.*could not be reached/ }).waitFor({ timeout: 40_000 });
      await healthItem(code).waitFor({ timeout: 40_000 });
      await code.saveScreenshot('outage-unreachable');

      await code.sim.goOnline();
      // Nothing is clicked from here on: the window finds out by itself.
      await healthItem(code).waitFor({ state: 'hidden', timeout: RECOVERY_MS });
      await problem.waitFor({ state: 'hidden', timeout: RECOVERY_MS });
      await waitForRow(code, prompt, /^(?![\s\S]*unreachable)[\s\S]*running \d+/, RECOVERY_MS);
    } finally {
      await code.sim.goOnline();
    }
  });

  test('a submit whose answer is lost is found in the task list and tracked; the form does not say it was refused', async (code) => {
    await setApiKey(code, code.sim.keyFor('cn'));
    const prompt = 'a kite whose answer was lost';
    await code.runCommand('DashScope: Open Video Generation');
    const form = await code.webviewFrame('main[data-panel="video"]', 30_000);
    await form.locator('[data-field="model"] vscode-option').first().waitFor({ state: 'attached' });
    // The simulator creates the task, then cuts its answer half-way: the extension cannot know the task id.
    await form.locator('[data-field="prompt"] textarea').fill(`[[sim:cut]] ${prompt}`);
    await form.locator('.submit-row vscode-button', { hasText: 'Submit Task' }).click();

    await code.openDashScopeView();
    await taskRow(code, prompt).waitFor({ timeout: 40_000 });
    const created = code.sim.requests.filter((request) => request.path.includes('video-synthesis') && request.body.includes(prompt));
    assert.equal(created.length, 1, 'submitted once, never again');
    await form.locator('.entry', { hasText: prompt }).waitFor({ timeout: 20_000 });
    const heading = form.locator('.form-error');
    assert.ok(!(await heading.isVisible()) || !/refused/i.test(await heading.innerText()), 'the form does not say refused');
    await code.saveScreenshot('outage-lost-submit');
  });
});
