import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import { run, runner } from '../snippets/workbench';
import { generateVideo, setApiKey } from './flows';
import type { VsCode } from './harness';
import { e2eSuite } from './suite';
import { eventually } from './eventually';
import { askInChat } from './views';

/** Reads what the extension put on the clipboard (the browser's clipboard, as code-server uses it). */
async function clipboardAfter(code: VsCode, action: () => Promise<void>): Promise<string> {
  await code.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await code.page.evaluate(() => navigator.clipboard.writeText(''));
  await action();
  let text = '';
  await eventually(async () => (text = await code.page.evaluate(() => navigator.clipboard.readText())) !== '');
  return text;
}

/** Runs copied bash against the simulator: only the key comes from the environment. */
async function runCurl(code: VsCode, script: string) {
  const file = path.join(code.dirs.root, `copied-${Date.now()}.sh`);
  writeFileSync(file, script);
  return run('bash', [file], { cwd: code.dirs.root, env: { PATH: process.env.PATH, DASHSCOPE_API_KEY: code.sim.keyFor('cn') }, timeoutMs: 60_000 });
}

describe('API snippets in real VS Code', () => {
  const { test } = e2eSuite();

  test('inserts a chat snippet into a TypeScript file from the palette, with tab stops, and the code runs', async (code) => {
    await code.openFile('hello.ts');
    await code.page.locator('.editor-group-container.active .monaco-editor textarea').focus();
    await code.page.keyboard.press('Control+End');
    await code.page.keyboard.press('Enter');
    await code.runCommand('DashScope: Insert API Snippet…');
    const areas = await code.quickPickLabels();
    assert.ok(areas.some((label) => label.includes('Chat completion')), `the catalog is offered: ${areas.join(' | ')}`);
    await code.pick('Chat completion');
    const languages = await code.quickPickLabels();
    assert.match(languages[0] ?? '', /TypeScript \(fetch\).*language of the active editor/s, 'the active editor\'s language comes first');
    await code.pick('TypeScript (fetch)');

    // The first tab stop is the model choice list (kept at the default); Tab moves to the prompt.
    const choices = code.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
    await choices.first().waitFor();
    assert.deepEqual((await choices.allInnerTexts()).slice(0, 2).map((text) => text.trim()), ['qwen-plus', 'qwen-max']);
    await code.page.keyboard.press('Escape');
    await code.page.keyboard.press('Tab');
    await code.page.keyboard.type('Name three rivers');
    await code.page.keyboard.press('Escape');
    await code.page.keyboard.press('Control+S');

    const file = path.join(code.dirs.workspace, 'hello.ts');
    await eventually(() => readFileSync(file, 'utf8').includes('Name three rivers'));
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^export const greeting = "hello";\n+\/\/ DashScope: Chat completion\n/, 'inserted at the cursor, after the existing code');
    assert.ok(!text.includes('Say hello in three languages.'), 'the prompt tab stop was replaced');
    assert.match(text, /const apiKey = process\.env\.DASHSCOPE_API_KEY;/);
    assert.match(text, /model: "qwen-plus"/, 'the default model from the settings');
    assert.match(text, /content: "Name three rivers"/);
    assert.ok(text.includes('`${baseUrl}/chat/completions`'), 'template literals survive the snippet escaping');
    assert.ok(text.includes(`process.env.DASHSCOPE_COMPATIBLE_BASE_URL ?? "${code.sim.regionOrigin('cn')}/compatible-mode/v1"`), 'the configured region\'s base URL is the default');
    assert.match(await code.editorText(), /Name three rivers/, 'the editor shows the inserted code');

    const copy = path.join(code.dirs.root, 'hello-run.ts');
    writeFileSync(copy, text);
    const [command, args] = runner('typescript', copy);
    const outcome = await run(command, args, { cwd: code.dirs.workspace, env: { PATH: process.env.PATH, DASHSCOPE_API_KEY: code.sim.keyFor('cn') } });
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /"finish_reason": "stop"/);
    assert.ok(code.sim.requests.some((request) => request.path === '/cn/compatible-mode/v1/chat/completions' && request.body.includes('Name three rivers')));
  });

  test('copies the request of a chat reply as curl that streams the same conversation', async (code) => {
    await setApiKey(code, code.sim.keyFor('cn'));
    const { reply } = await askInChat(code, 'Which river is the longest?');
    const script = await clipboardAfter(code, () => reply.locator('vscode-button[aria-label="Copy the request for this reply as curl"]').click());
    assert.match(script, /^# DashScope: Chat reply \(qwen-plus\)/);
    assert.match(script, /"content": "Which river is the longest\?"/);
    assert.match(script, /"stream": true/);
    assert.ok(!script.includes(code.sim.keyFor('cn')), 'the key is not in the copied code');
    const outcome = await runCurl(code, script);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /data: \[DONE\]/);
  });

  test('copies the request of a video task as curl that submits and polls it to SUCCEEDED', async (code) => {
    // A webview that takes focus back would close the model pick: start from a window without panels.
    await code.runCommand('View: Close All Editors');
    await generateVideo(code, 'a paper boat drifting');
    await code.notification(/Video task submitted/);
    await code.clearNotifications();
    const script = await clipboardAfter(code, async () => {
      await code.runCommand('DashScope: Copy as curl');
      await code.pick(/paper boat/);
    });
    assert.match(script, /X-DashScope-Async: enable/);
    assert.match(script, /"model": "wan2\.6-t2v"/);
    assert.match(script, /"prompt": "a paper boat drifting"/);
    const outcome = await runCurl(code, script);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /"task_status":"SUCCEEDED"/);
    // The window's own task announces its result: cleared, so the toast does not cover the next test's buttons.
    await code.notification(/a paper boat drifting" is ready/);
    await code.clearNotifications();
  });

  test('copies the request of an image result from the image panel as curl that runs', async (code) => {
    await code.runCommand('DashScope: Open Image Generation');
    const frame = await code.webviewFrame('main[data-panel="image"]', 30_000);
    // Typed once the page shows the host's state (the model list is filled), which would otherwise overwrite it.
    await frame.locator('[data-field="model"] vscode-option').first().waitFor({ state: 'attached' });
    await frame.locator('[data-field="prompt"] textarea').fill('a kite for the clipboard');
    await frame.locator('.submit-row vscode-button', { hasText: 'Generate' }).click();
    const entry = frame.locator('.entry.succeeded', { hasText: 'a kite for the clipboard' });
    await entry.locator('img').waitFor({ timeout: 30_000 });
    // A toast over the button (a task's result ready) would hold the click until it hides by itself, 10 s later.
    await code.clearNotifications();
    const script = await clipboardAfter(code, () => entry.locator('vscode-button', { hasText: 'Copy as curl' }).click());
    assert.match(script, /^# DashScope: Image result \(qwen-image-plus\)/);
    assert.match(script, /multimodal-generation\/generation/);
    assert.match(script, /"text": "a kite for the clipboard"/);
    assert.ok(!script.includes(code.sim.keyFor('cn')), 'the key is not in the copied code');
    const outcome = await runCurl(code, script);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /"image":\s*"http/);
  });

  test('completes "dashscope-" in a Python file with the catalog\'s snippets', async (code) => {
    await code.runCommand('File: New Untitled Text File');
    await code.runCommand('Change Language Mode');
    await code.answerInput('Python');
    await code.page.locator('.editor-group-container.active .monaco-editor textarea').focus();
    await code.page.keyboard.type('dashscope-task-li');
    await code.page.keyboard.press('Control+Space');
    const suggestion = code.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row', { hasText: 'dashscope-task-list' }).first();
    await suggestion.waitFor();
    await suggestion.click();
    await eventually(async () => (await code.editorText()).includes('# DashScope: List tasks'));
    assert.match(await code.editorText(), /API_KEY = os\.environ\.get\("DASHSCOPE_API_KEY"\)/);
  });
});
