import './useNewestCodeServer';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import type { Locator } from 'playwright-core';
import { AGENT_NEW, AGENT_OLD } from '../simulator/agentScript';
import { eventually } from './eventually';
import { setApiKey } from './flows';
import type { VsCode } from './harness';
import { e2eSuite } from './suite';

const chatInput = (code: VsCode) => code.page.locator('.interactive-input-part .monaco-editor').filter({ visible: true }).first();

/**
 * Sends a message from the Chat view's input and returns the response element. A message to a model (not to
 * @dashscope) is sent again once if VS Code asked for a GitHub sign-in instead of sending it: right after *Manage
 * Language Models* first enables the built-in Copilot Chat extension in a fresh profile, the first send can race it.
 */
async function sendInChat(code: VsCode, text: string, again = true): Promise<Locator> {
  const sent = () => code.sim.requests.filter((request) => request.path.endsWith('/chat/completions')).length;
  const sentBefore = sent();
  await typeInChat(code, text);
  if (text.startsWith('@')) return code.page.locator('.interactive-item-container.interactive-response').last();
  const signIn = code.page.getByText('Sign in to use GitHub Copilot');
  const outcome = await eventually(async () => ((await signIn.isVisible()) ? 'sign-in' : sent() > sentBefore ? 'sent' : false),
    { timeout: 30_000, message: `"${text}" reached neither the simulator nor a sign-in dialog` });
  if (outcome === 'sent') return code.page.locator('.interactive-item-container.interactive-response').last();
  assert.ok(again, 'VS Code asked for a GitHub sign-in twice');
  await code.page.keyboard.press('Escape');
  await signIn.waitFor({ state: 'hidden' });
  return sendInChat(code, text, false);
}

async function typeInChat(code: VsCode, text: string): Promise<void> {
  await chatInput(code).click();
  // @dashscope is sticky: the input may still start with it from an earlier request.
  await code.page.keyboard.press('Control+A');
  await code.page.keyboard.press('Backspace');
  await code.page.keyboard.type(text);
  // Typing `@` or `/` opens suggestions; Escape closes them so Enter sends.
  if (/[@/]/.test(text)) await code.page.keyboard.press('Escape');
  await code.page.keyboard.press('Enter');
}

/**
 * What a user does once to chat with qwen-plus in VS Code's Chat view: a key, the DashScope provider group (Manage
 * Models → Add Models → DashScope), then the model picked in the picker.
 */
async function pickQwenInChat(code: VsCode): Promise<void> {
  await setApiKey(code, code.sim.keyFor('cn'));
  writeFileSync(path.join(code.dirs.userData, 'User', 'chatLanguageModels.json'), JSON.stringify([{ name: 'DashScope', vendor: 'dashscope' }]));
  await code.runCommand('Chat: Manage Language Models');
  // The models editor is a modal over the workbench. Looked for in it: a Chat view left from an earlier test names
  // qwen-plus too, and the modal, opening after that was found, took the keys and clicks meant for the Chat view.
  const modal = code.page.locator('.monaco-modal-editor-block');
  await modal.getByText('qwen-plus').first().waitFor({ timeout: 30_000 });
  await eventually(async () => {
    if (!(await modal.isVisible())) return true;
    await code.page.keyboard.press('Escape');
    return false;
  }, { timeout: 15_000, interval: 500, message: 'the Language Models editor did not close' });
  await code.runCommand('Chat: Open Chat');
  await chatInput(code).waitFor({ timeout: 30_000 });
  const picked = code.page.locator('.interactive-input-part').getByText('qwen-plus', { exact: true });
  // Already picked by an earlier test of this window: the picker's shortcut would toggle an open picker shut.
  if (await picked.isVisible()) return;
  // The model picker (Ctrl+Alt+. in the chat input) has a search box: the model is found by its id. The input is
  // clicked first: with the focus elsewhere (the closed models editor gives it back to the editor area), the shortcut
  // opens the search box with no list under it.
  // A picker opened while the focus was still on its way shows the search box with no list: it is opened again.
  let attempt = 0;
  await eventually(async () => {
    if (attempt++ > 0) await code.page.keyboard.press('Escape');
    await chatInput(code).click();
    await code.page.keyboard.press('Control+Alt+Period');
    const search = code.page.getByPlaceholder('Search models');
    await search.waitFor({ timeout: 5_000 });
    await search.fill('qwen-plus');
    // Inside the open picker only: an earlier answer in the Chat view also names its model.
    const picker = code.page.locator('.context-view');
    await picker.getByRole('option', { name: /^qwen-plus\b/ }).or(picker.getByText('qwen-plus', { exact: true })).first().click({ timeout: 5_000 });
    // A click on a list still being drawn can pick another row: then the picker is opened again.
    await picked.waitFor({ timeout: 5_000 });
    return true;
  }, { timeout: 60_000, interval: 0, message: (last) => `the model picker never picked qwen-plus: ${last instanceof Error ? last.message : String(last)}` });
}

type ChatRound = { stream?: boolean; model: string; messages: { role: string }[]; tools?: { function: { name: string } }[] };
const chatRounds = (code: VsCode) => code.sim.requests.filter((request) => request.path.endsWith('/chat/completions')).map((request) => JSON.parse(request.body) as ChatRound);

describe('Qwen in VS Code 1.139\'s own Chat (code-server 4.139.1)', () => {
  const { test } = e2eSuite({
    settings: { 'chat.byokUtilityModelDefault': 'mainAgent', 'dashscope.inlineCompletions.enabled': true },
    machineSettings: { 'dashscope.downloadFolder': 'results' },
  });

  test('a DashScope model picked in the Chat view answers in Agent mode, streamed, after running the tool it called', async (code) => {
    await pickQwenInChat(code);
    const answer = await sendInChat(code, 'Say hello to the simulator');
    // Agent mode sends VS Code's tools; the simulator calls the first one, VS Code runs it, and the model answers from its result.
    await answer.filter({ hasText: /The tool \w+ returned/ }).waitFor({ timeout: 60_000 });
    const rounds = chatRounds(code);
    assert.ok(rounds.every((round) => round.stream === true && round.model === 'qwen-plus'));
    assert.ok(rounds.some((round) => round.messages.at(-1)?.role === 'tool'), 'the tool result went back as a tool message');
  });

  test('completes an Agent-mode task that needs two tool rounds with qwen-plus: reads a file, then edits it', async (code) => {
    const notes = path.join(code.dirs.workspace, 'notes.md');
    writeFileSync(notes, `# Notes\n\n${AGENT_OLD}\n`);
    await pickQwenInChat(code);
    const answer = await sendInChat(code, `Mark the task in notes.md done [[sim:agent=${notes}]]`);
    const done = answer.filter({ hasText: /I read .*notes\.md and replaced/ });
    // The test workspace sits behind a symlink, so VS Code's edit tool sees the file as outside it and asks first.
    const allow = code.page.locator('.monaco-button', { hasText: 'Allow in this Session' }).filter({ visible: true }).first();
    await done.or(allow).first().waitFor({ timeout: 90_000 });
    if (await allow.isVisible()) await allow.click();
    await done.waitFor({ timeout: 90_000 });
    // The last round carries this task's calls after its prompt (the Chat view's conversation may hold earlier ones).
    const messages = chatRounds(code).at(-1)!.messages;
    const task = messages.slice(messages.findLastIndex((message) => message.role === 'user') + 1);
    const names = task.flatMap((message) => (message as { tool_calls?: { function: { name: string } }[] }).tool_calls ?? []).map((call) => call.function.name);
    assert.equal(names.length, 2, `one read, then one edit: ${names.join(', ')}`);
    assert.match(names[0]!, /read/i);
    assert.match(names[1]!, /replace/i);
    // The edit is pending review in the editor; Keep accepts it, as a user does.
    await code.page.locator('.monaco-button', { hasText: /^Keep$/ }).filter({ visible: true }).first().click();
    await code.openFile('notes.md');
    await code.page.locator('.editor-group-container.active .view-line', { hasText: AGENT_NEW }).waitFor();
    assert.doesNotMatch(await code.editorText(), new RegExp(AGENT_OLD), 'the old line is gone');
  });

  test('offers DashScope Web Search to VS Code as an MCP server that starts on the Beijing host with the pay-as-you-go key', async (code) => {
    await setApiKey(code, code.sim.keyFor('cn'));
    await code.runCommand('MCP: List Servers');
    await code.pick('DashScope Web Search');
    await code.pick('Start Server');
    // Started, the server answers VS Code's handshake and tool list: the list shows it running.
    await code.runCommand('MCP: List Servers');
    await code.quickPickRows().filter({ hasText: 'DashScope Web Search' }).filter({ hasText: /Running/ }).first().waitFor({ timeout: 30_000 });
    await code.page.keyboard.press('Escape');
    const mcp = code.sim.requests.filter((request) => request.path.includes('/mcps/WebSearch/mcp'));
    assert.ok(mcp.length > 0 && mcp.every((request) => request.path === '/cn/api/v1/mcps/WebSearch/mcp'), 'on the Beijing host only');
    assert.ok(mcp.every((request) => request.headers.authorization === `Bearer ${code.sim.keyFor('cn')}`), 'with the pay-as-you-go key');
  });

  test('shows ghost text from Qwen-Coder fill-in-the-middle and accepts it with Tab', async (code) => {
    await setApiKey(code, code.sim.keyFor('cn'));
    await code.openFile('hello.ts');
    await code.page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
    await code.page.keyboard.press('Control+End');
    await code.page.keyboard.type('\nexport const answer = ');
    // Ghost text is rendered in the line as decorations (split by syntax colour); accepted, it is text with no ghost left.
    const ghost = code.page.locator('.editor-group-container.active .ghost-text-decoration');
    await ghost.first().waitFor({ timeout: 30_000 });
    assert.match(await code.editorText(), /export const answer = 42; \/\/ qwen-coder-turbo/);
    await code.page.keyboard.press('Tab');
    await ghost.first().waitFor({ state: 'detached' });
    assert.match(await code.editorText(), /export const answer = 42; \/\/ qwen-coder-turbo/);
    assert.ok(code.sim.requests.some((request) => request.path.endsWith('/compatible-mode/v1/completions')));
  });

  test('@dashscope /image generates an image into the workspace and says where', async (code) => {
    await setApiKey(code, code.sim.keyFor('cn'));
    await code.runCommand('Chat: Open Chat');
    const answer = await sendInChat(code, '@dashscope /image a red circle on white');
    await answer.filter({ hasText: /Image saved:/ }).waitFor({ timeout: 60_000 });
    const folder = path.join(code.dirs.workspace, 'results');
    assert.ok(existsSync(folder) && readdirSync(folder).some((name) => /^image-.*\.png$/.test(name)), 'the image is in the workspace');
  });

  test('@dashscope /snippet answers with the matching API snippet as a code block', async (code) => {
    await code.runCommand('Chat: Open Chat');
    const answer = await sendInChat(code, '@dashscope /snippet stream a chat reply');
    await answer.filter({ hasText: 'Streaming chat' }).waitFor({ timeout: 60_000 });
    await answer.locator('.interactive-result-code-block, .monaco-editor').filter({ hasText: /chat\/completions/ }).first().waitFor();
  });
});
