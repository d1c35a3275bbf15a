import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { Frame } from 'playwright-core';
import { setApiKey } from './flows';
import { e2eSuite } from './suite';
import { ask, chatFrame } from './views';

const APP = '0123456789abcdef0123456789abcdef';

/** The finished reply whose text matches `text`. */
const finishedReply = (frame: Frame, text: RegExp) => frame.locator('.message.assistant:not(.streaming)', { hasText: text }).last();

describe('Bailian applications in real VS Code', () => {
  const { test } = e2eSuite();

  test('chats with an added application across two turns of one session and shows its reference', async (code) => {
    await setApiKey(code, code.sim.keyFor('cn'));
    await code.runCommand('DashScope: Add Bailian Application…');
    await code.answerInput(APP);
    await code.page.locator('.quick-input-widget', { hasText: 'model picker' }).waitFor();
    await code.answerInput('Support bot');
    const frame = await chatFrame(code);

    await ask(frame, 'What is a session?');
    const first = finishedReply(frame, /The application answered: What is a session\?/);
    await first.waitFor({ timeout: 30_000 });
    assert.equal(await first.locator('.message-meta').innerText(), 'Support bot');
    // The references are collapsed under their count; the keyboard opens them.
    await first.locator('details.references summary', { hasText: 'References (1)' }).press('Enter');
    await first.locator('details.references li', { hasText: 'Simulator handbook' }).waitFor();
    assert.match(await first.locator('details.references').innerText(), /Simulator handbook \(handbook\.pdf\): What the handbook says about "What is a session\?"/);

    await ask(frame, 'And on the second turn?');
    await finishedReply(frame, /\(turn 2\): And on the second turn\?/).waitFor({ timeout: 30_000 });
    const sessions = code.sim.requests
      .filter((request) => request.path.endsWith(`/apps/${APP}/completion`))
      .map((request) => (JSON.parse(request.body) as { input: { session_id?: string } }).input.session_id);
    assert.equal(sessions.length, 2);
    assert.equal(sessions[0], undefined, 'the first turn starts the session');
    assert.ok(sessions[1], 'the second turn continues it');
    await code.saveScreenshot('chat-app');
  });
});
