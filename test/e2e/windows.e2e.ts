import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { Frame } from 'playwright-core';
import { eventually } from './eventually';
import type { VsCode } from './harness';
import { generateVideo, setApiKey } from './flows';
import { e2eSuite } from './suite';
import { ask, chatFrame, newConversation, waitForRow } from './views';

/** Waits for a task's row in a window's Tasks view (opening the view first). */
async function waitForTask(code: VsCode, prompt: string, pattern: RegExp, timeout = 40_000): Promise<string> {
  await code.openDashScopeView();
  return waitForRow(code, prompt, pattern, timeout);
}

async function submit(code: VsCode, prompt: string): Promise<void> {
  await generateVideo(code, prompt);
  await code.notification(/Video task submitted/);
  await code.clearNotifications();
}

/** Waits until the chat History quick pick, opened from the panel's icon bar, lists every one of `titles`. */
async function waitForListed(code: VsCode, frame: Frame, titles: readonly string[], timeout = 15_000): Promise<string[]> {
  let listed: string[] = [];
  // Each window is a page of its own: the one behind does not lay out its webviews.
  await code.page.bringToFront();
  return eventually(async () => {
    // The panel has the action in its icon bar; the side bar's chat view in its title bar.
    const inPage = frame.locator('.conversation-bar vscode-button[aria-label="Show Chat History…"]');
    await ((await inPage.isVisible()) ? inPage : code.page.locator('.action-label[aria-label="Show Chat History…"]').first()).click();
    listed = (await code.quickPickLabels()).map((text) => text.trim());
    await code.page.keyboard.press('Escape');
    await code.quickPickRows().first().waitFor({ state: 'detached' });
    return titles.every((title) => listed.some((row) => row.includes(title))) && listed;
  }, { timeout, interval: 0, message: () => `conversations listed: ${listed.join(' | ')}; expected ${titles.join(' | ')}` });
}

describe('several VS Code windows on one profile', () => {
  const { test } = e2eSuite();

  test('a task submitted in one window shows in the other; clearing finished tasks in one loses nothing of the other\'s', async (a) => {
    await setApiKey(a, a.sim.keyFor('cn'));
    const b = await a.openWindow();
    try {
      // A long-queued paid task in window A, a quick one in window B.
      await submit(a, '[[sim:queue=120000]] a lighthouse from window A');
      await waitForTask(b, 'a lighthouse from window A', /pending/);
      await submit(b, 'a lantern from window B');
      await waitForTask(a, 'a lantern from window B', /wan2\.6-t2v/);
      await waitForTask(b, 'a lantern from window B', /wan2\.6-t2v · \d/, 60_000);

      await b.runCommand('DashScope: Clear Finished Tasks');
      await b.page.locator('.part.sidebar .monaco-list-row', { hasText: 'a lantern from window B' }).waitFor({ state: 'detached' });
      assert.match(await waitForTask(b, 'a lighthouse from window A', /pending/), /pending/, 'still listed in B');
      await a.page.locator('.part.sidebar .monaco-list-row', { hasText: 'a lantern from window B' }).waitFor({ state: 'detached' });
      assert.match(await waitForTask(a, 'a lighthouse from window A', /pending/), /pending/, 'still listed in A');
    } finally {
      await b.closeWindow();
    }
  });

  test('a task submitted in a window that then closes still finishes, shown in the other window', async (a) => {
    const b = await a.openWindow();
    // Queued until its window is closed: it finishes after that.
    await submit(b, '[[sim:queue=600000]] a kite from a closed window');
    await waitForTask(a, 'a kite from a closed window', /pending/);
    await b.closeWindow();
    assert.equal(a.sim.startQueued('a kite from a closed window'), 1);
    await waitForTask(a, 'a kite from a closed window', /wan2\.6-t2v · \d/, 60_000);
  });

  test('conversations started in either window are listed in both', async (a) => {
    const b = await a.openWindow();
    try {
      await a.runCommand('DashScope: Open Chat');
      const frameA = await chatFrame(a);
      await ask(frameA, 'Hello from window A');
      await b.runCommand('DashScope: Open Chat');
      const frameB = await chatFrame(b);
      // B opens on the most recent conversation, A's: start B's own.
      await newConversation(frameB);
      await ask(frameB, 'Hello from window B');
      await waitForListed(a, frameA, ['Hello from window A', 'Hello from window B']);
      await waitForListed(b, frameB, ['Hello from window A', 'Hello from window B']);
    } finally {
      await b.closeWindow();
    }
  });

  test('a reply cut by a window reload shows as interrupted, its text kept, with Continue and Regenerate', async (a) => {
    await a.runCommand('DashScope: Open Chat');
    const frame = await chatFrame(a);
    await newConversation(frame);
    await ask(frame, '[[sim:long=400]] [[sim:pace=80]] Tell me a long story');
    await frame.locator('.message.assistant.streaming .markdown', { hasText: /\w+ \w+ \w+/ }).waitFor({ timeout: 30_000 });
    await a.reload();
    // Both windows' workbenches keep this folder's editor state in the same browser storage, so the restored panel
    // may show the conversation the closed window showed: the reply is looked for in the conversation it was asked in.
    await a.runCommand('DashScope: Open Chat');
    const reloaded = await chatFrame(a);
    await reloaded.locator('.conversation-bar vscode-button[aria-label="Show Chat History…"]').click();
    await a.pick(/Tell me a long story/);
    await reloaded.locator('.conversation-title', { hasText: 'Tell me a long story' }).waitFor();
    const reply = reloaded.locator('.message.assistant').last();
    await reply.locator('[role="note"]', { hasText: 'Interrupted' }).waitFor({ timeout: 30_000 });
    assert.ok((await reply.locator('.markdown').innerText()).trim().length > 0, 'the text is kept');
    assert.equal(await reloaded.locator('.message.assistant.streaming').count(), 0, 'no blinking cursor');
    await reply.locator('vscode-button', { hasText: 'Continue' }).waitFor();
    await reply.locator('vscode-button[aria-label="Regenerate"]').waitFor();
    await a.saveScreenshot('windows-interrupted-reply');
  });
});
