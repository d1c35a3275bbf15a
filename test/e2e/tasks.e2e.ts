import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { DashScopeClient } from '../../src/dashscope';
import { eventually, holdsFor } from './eventually';
import type { VsCode } from './harness';
import { generateVideo, setApiKey } from './flows';
import { e2eSuite } from './suite';
import { taskRow, waitForRow } from './views';

/** Clicks a finished task until its saved result opens (the row opens it once the download is complete). */
async function openResultFromTree(code: VsCode, prompt: string): Promise<void> {
  const tab = code.page.locator('.tab', { hasText: /video-.*\.mp4/ }).first();
  await eventually(async () => {
    await taskRow(code, prompt).click();
    await tab.waitFor({ timeout: 3000 });
    return true;
  }, { timeout: 40_000, interval: 0, message: `the row of "${prompt}" never opened its result` });
}

async function submit(code: VsCode, prompt: string, model?: string): Promise<void> {
  await generateVideo(code, prompt, model);
  await code.notification(/Video task submitted/);
}

describe('Tasks view in real VS Code', () => {
  const { test } = e2eSuite();

  test('submits a video with no panel open, follows it across a reload, and opens the result', async (code) => {
    await setApiKey(code, code.sim.keyFor('cn'));
    // Queued until the window has reloaded: the reloaded window is the one that follows it to the end. A model of
    // its own: the window learns from its long run to check that model's tasks later, not those of the other tests.
    await submit(code, '[[sim:queue=600000]] a paper boat on a river', 'wan2.7-t2v');
    await waitForRow(code, 'a paper boat on a river', /wan2\.7-t2v · pending/);
    await code.reload();
    await code.runCommand('DashScope: Refresh Tasks');
    await waitForRow(code, 'a paper boat on a river', /wan2\.7-t2v · pending/);
    assert.equal(code.sim.startQueued('a paper boat on a river'), 1);
    await waitForRow(code, 'a paper boat on a river', /wan2\.7-t2v · \d/);
    // The result may have been saved before or after the reload (and its "ready" notification shown then):
    // what must hold is that the row opens the saved file.
    await openResultFromTree(code, 'a paper boat on a river');
    await code.saveScreenshot('tasks-view');
  });

  test('shows the code of a failed task', async (code) => {
    await submit(code, '[[sim:data-inspection]] a forbidden scene');
    await code.notification(/failed: .*\(DataInspectionFailed\)/, 30_000);
    await code.page.locator('.monaco-list-row', { hasText: 'Failed, Canceled or Expired' }).first().waitFor();
  });

  test('cancels a pending task', async (code) => {
    // The result preview an earlier test opened would take the focus back as the palette closes, closing the picker.
    await code.runCommand('View: Close All Editors');
    await code.clearNotifications();
    // Queued for a minute, as on a busy service: the cancel (PENDING only) cannot come too late however slow the machine.
    await submit(code, '[[sim:queue=60000]] a task to cancel');
    await code.runCommand('DashScope: Cancel Task');
    await code.pick('a task to cancel');
    await code.notification(/Cancel requested/);
    await code.runCommand('DashScope: Refresh Tasks');
    await code.page.locator('.monaco-list-row', { hasText: 'Failed, Canceled or Expired' }).first().waitFor();
  });

  test('tracks a task submitted elsewhere by its id, and refuses a malformed or unknown id', async (code) => {
    const client = new DashScopeClient({ apiKey: code.sim.keyFor('cn'), baseUrl: code.sim.regionOrigin('cn') });
    // Queued until it is tracked, however slow the steps before are (a model of its own, as above).
    const { taskId } = await client.video.submit({ model: 'wan2.5-t2v-preview', prompt: '[[sim:queue=600000]] submitted from a script' });
    await code.runCommand('DashScope: Track Task by ID…');
    await code.answerInput('not-an-id');
    await code.page.locator('.quick-input-message', { hasText: 'A task id looks like' }).waitFor();
    await code.answerInput('0385dc79-5ff8-4d82-bcb6-000000000000');
    await code.notification(/does not know task/);
    await code.runCommand('DashScope: Track Task by ID…');
    await code.answerInput(taskId);
    await code.notification(/Tracking task/);
    await waitForRow(code, taskId, /unknown model/);
    assert.equal(code.sim.startQueued('submitted from a script'), 1);
    // The prompt is known once the task has succeeded (the service returns it with the result).
    await waitForRow(code, 'submitted from a script', /unknown model · \d/, 40_000);
  });

  test('keeps following a task with its own region\'s key after the user switches to another region', async (code) => {
    // Queued until the region is switched: it is followed to its end after the switch (a model of its own, as above).
    await submit(code, '[[sim:queue=600000]] a lighthouse in the fog', 'wanx2.1-t2v-plus');
    await code.runCommand('DashScope: Select Region');
    await code.pick('Singapore (intl)');
    await code.waitForStatus(/Singapore.*No key/);
    assert.equal(code.sim.startQueued('a lighthouse in the fog'), 1);
    await waitForRow(code, 'a lighthouse in the fog', /wanx2\.1-t2v-plus · \d/);
    await code.notification(/a lighthouse in the fog" is ready/);
    await code.runCommand('DashScope: Select Region');
    await code.pick('Beijing (cn)');
    await code.waitForStatus(/Beijing/);
    await code.clearNotifications();
  });

  test('imports the recent tasks of one model, submitted elsewhere, and saves their results without a notification each', async (code) => {
    const client = new DashScopeClient({ apiKey: code.sim.keyFor('cn'), baseUrl: code.sim.regionOrigin('cn') });
    for (const prompt of ['imported one', 'imported two']) await client.video.submit({ model: 'wan2.2-t2v-plus', prompt });
    await client.video.submit({ model: 'wanx2.1-t2v-turbo', prompt: 'another model, not imported' });
    await code.clearNotifications();
    await code.runCommand('DashScope: Import Recent Tasks…');
    await code.pick('Last hour');
    await code.pick('Any status');
    await code.answerInput('wan2.2-t2v-plus');
    await code.notification(/Imported 2 tasks/);
    await waitForRow(code, 'imported one', /wan2\.2-t2v-plus · \d/, 60_000);
    await waitForRow(code, 'imported two', /wan2\.2-t2v-plus · \d/, 60_000);
    assert.equal(await taskRow(code, 'another model, not imported').count(), 0);
    assert.equal(await code.page.locator('.notification-toast', { hasText: /is ready/ }).count(), 0, 'imported results are saved quietly');
  });

  test('stops checking a region whose key is refused, warns once, and resumes when a key is set', async (code) => {
    const checks = () => code.sim.requests.filter((request) => request.method === 'GET' && /\/api\/v1\/tasks\/[^/?]+$/.test(request.path)).length;
    code.sim.injectFault({ fault: '401', path: '/api/v1/tasks/' });
    await submit(code, 'a key revoked in the console');
    await code.notification(/refused the API key of Beijing/);
    const afterRefusal = checks();
    await holdsFor(() => checks() === afterRefusal, 5000, 'no status checks while the key is refused');
    await code.clearNotifications();
    await setApiKey(code, code.sim.keyFor('cn'));
    await waitForRow(code, 'a key revoked in the console', /wan2\.6-t2v · \d/);
  });

  test('never leaks the key through tasks, downloads or their storage', async (code) => {
    await code.assertNoKeyLeaks([code.sim.keyFor('cn')]);
  });
});
