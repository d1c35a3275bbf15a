import './useNewestCodeServer';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import { setApiKey } from './flows';
import type { VsCode } from './harness';
import { e2eSuite } from './suite';

const chatInput = (code: VsCode) => code.page.locator('.interactive-input-part .monaco-editor').filter({ visible: true }).first();

/** Sends a message from the Chat view's input and returns the response element. */
async function sendInChat(code: VsCode, text: string) {
  await chatInput(code).click();
  // @dashscope is sticky: the input may still start with it from an earlier request.
  await code.page.keyboard.press('Control+A');
  await code.page.keyboard.press('Backspace');
  await code.page.keyboard.type(text);
  // Typing `@` or `/` opens suggestions; Escape closes them so Enter sends.
  if (/[@/]/.test(text)) await code.page.keyboard.press('Escape');
  await code.page.keyboard.press('Enter');
  return code.page.locator('.interactive-item-container.interactive-response').last();
}

describe('Qwen in VS Code 1.139\'s own Chat (code-server 4.139.1)', () => {
  const { test } = e2eSuite({
    settings: { 'chat.byokUtilityModelDefault': 'mainAgent', 'dashscope.inlineCompletions.enabled': true },
    machineSettings: { 'dashscope.downloadFolder': 'results' },
  });

  test('a DashScope model picked in the Chat view answers in Agent mode, streamed, after running the tool it called', async (code) => {
    await setApiKey(code, code.sim.keyFor('cn'));
    // What a user does once in Manage Models (Add Models → DashScope): a provider group for the vendor.
    writeFileSync(path.join(code.dirs.userData, 'User', 'chatLanguageModels.json'), JSON.stringify([{ name: 'DashScope', vendor: 'dashscope' }]));
    await code.runCommand('Chat: Manage Language Models');
    await code.page.getByText('qwen-plus').first().waitFor({ timeout: 30_000 });
    await code.runCommand('Chat: Open Chat');
    await chatInput(code).waitFor({ timeout: 30_000 });
    // The model picker (Ctrl+Alt+. in the chat input) has a search box: the model is found by its id.
    await code.page.keyboard.press('Control+Alt+Period');
    const search = code.page.getByPlaceholder('Search models');
    await search.waitFor();
    await search.fill('qwen-plus');
    await code.page.getByRole('option', { name: /^qwen-plus\b/ }).or(code.page.getByText('qwen-plus', { exact: true })).first().click();
    await code.page.locator('.interactive-input-part').getByText('qwen-plus', { exact: true }).waitFor();
    const answer = await sendInChat(code, 'Say hello to the simulator');
    // Agent mode sends VS Code's tools; the simulator calls the first one, VS Code runs it, and the model answers from its result.
    await answer.filter({ hasText: /The tool \w+ returned/ }).waitFor({ timeout: 60_000 });
    const rounds = code.sim.requests.filter((request) => request.path.endsWith('/chat/completions')).map((request) => JSON.parse(request.body) as { stream?: boolean; model: string; messages: { role: string }[] });
    assert.ok(rounds.every((round) => round.stream === true && round.model === 'qwen-plus'));
    assert.ok(rounds.some((round) => round.messages.at(-1)?.role === 'tool'), 'the tool result went back as a tool message');
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
