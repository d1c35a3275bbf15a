import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { Frame } from 'playwright-core';
import { eventually } from './eventually';
import type { VsCode } from './harness';
import { setApiKey } from './flows';
import { e2eSuite } from './suite';
import { ask, chatFrame } from './views';

async function selectCustomEndpoint(code: VsCode, url: string): Promise<void> {
  await code.runCommand('DashScope: Select Region');
  await code.pick('Custom endpoint');
  await code.answerInput(url);
}

const lastReply = (frame: Frame) => frame.locator('.message.assistant').last();

/** After `ask` showed the question: the reply after it, added and finished ("no streaming message" alone passes before it is added). */
async function waitForFinishedReply(frame: Frame, timeout = 30_000): Promise<void> {
  await frame.locator('.messages > .message.assistant:not(.streaming):last-child').waitFor({ timeout });
}

describe('chat panel in real VS Code', () => {
  const { test } = e2eSuite();

  test('streams a Markdown answer with highlighted code, latency and usage, and inserts the code into an editor', async (code) => {
    await setApiKey(code, code.sim.keyFor('cn'));
    await code.openFile('hello.ts');
    await code.runCommand('DashScope: Open Chat');
    const frame = await chatFrame(code);
    await ask(frame, 'Show me some code for a greeting');
    await waitForFinishedReply(frame);
    const reply = lastReply(frame);
    await reply.locator('.code-block .hljs-keyword').first().waitFor();
    assert.match(await reply.locator('.markdown').innerText(), /Here is the code you asked for/);
    assert.match(await reply.locator('.metrics').innerText(), /first token \d+ ms · total .* · \d+ in · \d+ out tokens/);
    await reply.locator('.code-block vscode-button', { hasText: 'Insert' }).click();
    const text = await eventually(async () => {
      const shown = await code.editorText();
      return /export function greet/.test(shown) && shown;
    }, { timeout: 15_000, message: 'the code was never inserted' });
    assert.match(text, /export function greet\(name: string\): string/);
    assert.match(text, /greeting = "hello"/, 'inserted at the cursor, the file kept');
    await code.saveScreenshot('chat-panel');
  });

  test('stops a long reply and keeps what had arrived', async (code) => {
    const frame = await chatFrame(code);
    // Paced like a real model (10 ms a token), the reply would take minutes: Stop is clicked while it streams.
    await ask(frame, '[[sim:long=20000]] [[sim:pace=10]] tell me everything');
    await frame.locator('.message.assistant.streaming').waitFor();
    await frame.locator('.composer vscode-button', { hasText: 'Stop' }).click();
    await waitForFinishedReply(frame);
    const reply = lastReply(frame);
    await reply.locator('.status', { hasText: 'Stopped' }).waitFor();
    assert.doesNotMatch(await reply.locator('.metrics').innerText(), /20000 out/, 'the reply did not run to its end');
    await frame.locator('.composer vscode-button', { hasText: 'Send' }).waitFor();
  });

  test('shows a thinking model\'s reasoning in a collapsible block above the answer', async (code) => {
    const frame = await chatFrame(code);
    // The picker is in the input row, as in VS Code's Chat.
    await frame.locator('.composer vscode-dropdown[aria-label="Model"]').click();
    await frame.locator('vscode-option', { hasText: 'qwq-plus' }).first().click();
    // qwq-plus always thinks: the switch is on and locked once the host has applied the model.
    await frame.locator('vscode-checkbox[disabled]', { hasText: 'Thinking' }).waitFor();
    await ask(frame, 'Why is the sky blue?');
    await waitForFinishedReply(frame);
    const reasoning = lastReply(frame).locator('details.reasoning');
    await reasoning.locator('summary').click();
    assert.match(await reasoning.innerText(), /The user asked/);
    assert.match(await lastReply(frame).locator('.message-meta').innerText(), /qwq-plus/);
    assert.match(await lastReply(frame).locator(':scope > .markdown').innerText(), /You said/);
  });

  test('shows throttling inline with a retry countdown', async (code) => {
    const frame = await chatFrame(code);
    await ask(frame, '[[sim:429]] are you busy?');
    const error = lastReply(frame).locator('.reply-error.throttled');
    await error.waitFor({ timeout: 60_000 });
    assert.match(await error.innerText(), /throttling/i);
    await error.locator('vscode-button', { hasText: /Retry/ }).waitFor();
  });

  test('shows a refused key inline with a Set API Key action', async (code) => {
    // A custom endpoint whose key was accepted, then pointed at another region's host, where that key is refused.
    await selectCustomEndpoint(code, code.sim.regionOrigin('cn'));
    await code.waitForStatus(/Custom/);
    await setApiKey(code, code.sim.keyFor('cn'));
    await selectCustomEndpoint(code, code.sim.regionOrigin('intl'));
    const frame = await chatFrame(code);
    // The model list is fetched again with the new host and refused: the new endpoint is in effect.
    await frame.locator('.models-problem', { hasText: 'refused' }).waitFor({ timeout: 30_000 });
    await ask(frame, 'hello with a wrong key');
    const error = lastReply(frame).locator('.reply-error.auth');
    await error.waitFor({ timeout: 30_000 });
    assert.match(await error.innerText(), /refused the API key/);
    await error.locator('vscode-button', { hasText: 'Set API Key' }).click();
    await code.answerInput(code.sim.keyFor('intl'));
    await code.notification(/API key saved/);
    await code.clearNotifications();
    await code.runCommand('DashScope: Select Region');
    await code.pick('Beijing (cn)');
    await code.waitForStatus(/Beijing/);
  });

  test('finds the conversation again after a window reload', async (code) => {
    await code.reload();
    const frame = await chatFrame(code);
    await frame.locator('.message.user .prompt-text', { hasText: 'hello with a wrong key' }).waitFor({ timeout: 30_000 });
    await frame.locator('.message.user .prompt-text', { hasText: 'Show me some code for a greeting' }).waitFor();
    assert.ok(!(await frame.content()).includes(code.sim.keyFor('cn')), 'the webview carries no key');
    await code.assertNoKeyLeaks([code.sim.keyFor('cn'), code.sim.keyFor('intl')]);
  });

  test('asks about the editor selection from the palette, sending the code with its file name and language', async (code) => {
    await code.runCommand('View: Close All Editors');
    await code.openFile('hello.ts');
    await code.page.locator('.editor-group-container.active .monaco-editor textarea').focus();
    await code.page.keyboard.press('Control+A');
    // A fresh conversation keeps the request small enough for the simulator to record whole.
    await code.runCommand('DashScope: New Chat Conversation');
    // The panel takes the focus once it shows the new conversation; a palette opened before would close then.
    const frame = await chatFrame(code);
    await frame.locator('.message').first().waitFor({ state: 'detached' });
    await code.runCommand('DashScope: Ask DashScope About Selection');
    await code.answerInput('What does greet return?');
    // The selection is shown as an attachment of the question (the chip may render just after the text).
    await frame.locator('.message.user', { hasText: 'What does greet return?' }).filter({ hasText: 'hello.ts' }).last().waitFor({ timeout: 30_000 });
    await waitForFinishedReply(frame);
    const sent = code.sim.requests.filter((request) => request.path.endsWith('/chat/completions')).at(-1)!;
    assert.match(sent.body, /What does greet return\?/);
    assert.match(sent.body, /hello\.ts:1-\d+/);
    assert.match(sent.body, /typescript/);
    assert.match(sent.body, /export function greet/);
  });

  test('attaches a workspace file by typing # in the input and sends its content with the question', async (code) => {
    await code.runCommand('DashScope: New Chat Conversation');
    const frame = await chatFrame(code);
    await frame.locator('vscode-text-area.prompt textarea').press('#');
    await code.pick('release.md');
    const chip = frame.locator('.chips.draft .chip', { hasText: 'release.md' });
    await chip.waitFor();
    assert.equal(await frame.locator('vscode-text-area.prompt textarea').inputValue(), '', 'the # is not left in the input');
    await ask(frame, 'What is the codename?');
    await waitForFinishedReply(frame);
    const sent = code.sim.requests.filter((request) => request.path.endsWith('/chat/completions')).at(-1)!;
    assert.match(sent.body, /notes\/release\.md/);
    assert.match(sent.body, /The release codename is Blue Heron/);
    assert.match(sent.body, /What is the codename\?/);
  });

  test('keeps the messages and a failed reply\'s Retry visible and clickable in a short sidebar chat view with Tasks expanded', async (code) => {
    await code.runCommand('View: Close All Editors');
    await code.page.setViewportSize({ width: 1200, height: 520 });
    try {
      await code.openDashScopeView();
      await code.runCommand('DashScope: Focus on Chat View');
      await code.page.locator('.part.sidebar .pane-header[aria-label^="Tasks"][aria-expanded="true"]').waitFor();
      const frame = await code.webviewFrame('body:has(.conversation-bar[hidden]) .composer', 30_000);
      await ask(frame, '[[sim:arrearage]] hello from the sidebar');
      const retry = frame.locator('.message.assistant').last().locator('.reply-error vscode-button', { hasText: 'Retry' });
      await retry.waitFor({ timeout: 30_000 });
      const messages = await frame.locator('.messages').boundingBox();
      assert.ok(messages && messages.height >= 100, `the messages keep their height (${messages?.height} px)`);
      const requests = () => code.sim.requests.filter((request) => request.path.endsWith('/chat/completions')).length;
      const before = requests();
      // Playwright clicks only when nothing lies over the button.
      await retry.click({ timeout: 10_000 });
      const deadline = Date.now() + 15_000;
      while (requests() === before && Date.now() < deadline) await code.page.waitForTimeout(100);
      assert.ok(requests() > before, 'Retry asked again');
    } finally {
      await code.page.setViewportSize({ width: 1400, height: 900 });
    }
  });
});
