import assert from 'node:assert/strict';
import path from 'node:path';
import { describe } from 'node:test';
import type { Frame } from 'playwright-core';
import { setApiKey } from './flows';
import type { VsCode } from './harness';
import { e2eSuite } from './suite';
import { chatFrame } from './views';

interface SentPart {
  readonly type: string;
  readonly image_url?: { readonly url: string };
}

/** Opens the chat with a key set, attaches the workspace's PNG, and returns the page and its model picker. */
async function chatWithImage(code: VsCode): Promise<{ page: Frame; modelPicker: ReturnType<Frame['locator']> }> {
  await setApiKey(code, code.sim.keyFor('cn'));
  await code.runCommand('DashScope: Open Chat');
  const page = await chatFrame(code);
  const modelPicker = page.locator('vscode-dropdown[aria-label="Model"]');
  await modelPicker.locator('vscode-option').first().waitFor({ state: 'attached' });
  await page.locator('.composer vscode-button[aria-label="Attach Image"]').click();
  await code.answerOpenDialog(path.join(code.dirs.workspace, 'pixel.png'));
  await page.locator('.chips.draft .chip', { hasText: 'pixel.png' }).waitFor();
  return { page, modelPicker };
}

/** Sends a prompt; resolves once the last reply has finished. */
async function ask(page: Frame, prompt: string): Promise<void> {
  const box = page.locator('vscode-text-area.prompt textarea');
  await box.fill(prompt);
  await box.press('Enter');
  await page.locator('.message.user .prompt-text', { hasText: prompt }).waitFor();
  await page.locator('.message.assistant:not(.streaming)').last().waitFor({ timeout: 30_000 });
}

/** The last chat request the service received: its model, and whether its last message carried the PNG. */
function lastChat(code: VsCode): { model: string; withImage: boolean } {
  const sent = code.sim.requests.filter((request) => request.path.endsWith('/chat/completions')).at(-1);
  assert.ok(sent, 'a chat request reached the service');
  const body = JSON.parse(sent.body) as { model: string; messages: { content: string | SentPart[] }[] };
  const parts = body.messages.at(-1)!.content;
  return { model: body.model, withImage: Array.isArray(parts) && parts.some((part) => part.type === 'image_url' && part.image_url?.url.startsWith('data:image/png;base64,') === true) };
}

describe('the model catalog in the chat panel, in real VS Code', () => {
  const { test } = e2eSuite({ settings: { 'dashscope.chat.defaultModel': 'qwen3.5-plus' } });

  test('qwen3.5-plus takes an image in chat: no warning, its 1M window, and the image reaches the service', async (code) => {
    const { page, modelPicker } = await chatWithImage(code);
    // The picker describes the model from the catalog: it reads images, thinks on request, 1,000,000 tokens (977 × 1024).
    assert.equal(await modelPicker.locator('vscode-option[value="qwen3.5-plus"]').getAttribute('title'), 'reads images · thinks · 977K context');
    assert.equal(await modelPicker.evaluate((element) => (element as HTMLSelectElement).value), 'qwen3.5-plus');
    assert.equal(await page.locator('.notice', { hasText: 'does not read images' }).count(), 0, 'no "does not read images" warning');

    await ask(page, 'Which colour fills this picture?');
    assert.equal(await page.locator('.reply-error').count(), 0, 'the reply did not fail');
    assert.deepEqual(lastChat(code), { model: 'qwen3.5-plus', withImage: true }, 'the image went as an image_url part');
  });
});

describe('a chat model the catalog does not know, in real VS Code', () => {
  const { test } = e2eSuite({ settings: { 'dashscope.chat.defaultModel': 'qwen9-ultra' } });

  test('takes an image with a notice; when the service refuses, the reply shows its message and Retry with qwen3.6-plus sends the image there', async (code) => {
    const { page, modelPicker } = await chatWithImage(code);
    assert.equal(await modelPicker.locator('vscode-option[value="qwen9-ultra"]').getAttribute('title'), 'not in the model catalog · 32K context');
    await page.locator('.notice[data-severity="info"]', { hasText: 'qwen9-ultra is not in the model catalog' }).waitFor();

    code.sim.injectFault({ fault: 'invalid-parameter', path: '/chat/completions' });
    await ask(page, 'What is in this picture?');
    assert.deepEqual(lastChat(code), { model: 'qwen9-ultra', withImage: true }, 'the image was sent, not refused by the extension');
    const error = page.locator('.reply-error').last();
    assert.match(await error.innerText(), /Range of input length should be \[1, 129024\]/, 'the service\'s own message');

    await error.locator('vscode-button', { hasText: 'Retry with qwen3.6-plus' }).click();
    await page.locator('.message.assistant:not(.streaming):not(:has(.reply-error))').last().waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.reply-error').count(), 0, 'the failed reply was replaced');
    assert.deepEqual(lastChat(code), { model: 'qwen3.6-plus', withImage: true });
    await page.waitForFunction(() => (document.querySelector('vscode-dropdown[aria-label="Model"]') as HTMLSelectElement | null)?.value === 'qwen3.6-plus');
  });
});
