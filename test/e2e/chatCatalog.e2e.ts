import assert from 'node:assert/strict';
import path from 'node:path';
import { describe } from 'node:test';
import { setApiKey } from './flows';
import { e2eSuite } from './suite';

interface SentPart {
  readonly type: string;
  readonly image_url?: { readonly url: string };
}

describe('the model catalog in the chat panel, in real VS Code', () => {
  const { test } = e2eSuite({ settings: { 'dashscope.chat.defaultModel': 'qwen3.5-plus' } });

  test('qwen3.5-plus takes an image in chat: no warning, its 1M window, and the image reaches the service', async (code) => {
    await setApiKey(code, code.sim.keyFor('cn'));
    await code.runCommand('DashScope: Open Chat');
    const page = await code.webviewFrame('.composer', 30_000);
    const modelPicker = page.locator('vscode-dropdown[aria-label="Model"]');
    const option = modelPicker.locator('vscode-option[value="qwen3.5-plus"]');
    await option.waitFor({ state: 'attached' });
    // The picker describes the model from the catalog: it reads images, thinks on request, 1,000,000 tokens (977 × 1024).
    assert.equal(await option.getAttribute('title'), 'reads images · thinks · 977K context');
    assert.equal(await modelPicker.evaluate((element) => (element as HTMLSelectElement).value), 'qwen3.5-plus');

    await page.locator('.composer vscode-button', { hasText: 'Attach Image' }).click();
    await code.answerOpenDialog(path.join(code.dirs.workspace, 'pixel.png'));
    await page.locator('.chips.draft .chip', { hasText: 'pixel.png' }).waitFor();
    assert.equal(await page.locator('.notice', { hasText: 'does not read images' }).count(), 0, 'no "does not read images" warning');

    const prompt = 'Which colour fills this picture?';
    const box = page.locator('vscode-text-area.prompt textarea');
    await box.fill(prompt);
    await box.press('Enter');
    await page.locator('.message.assistant:not(.streaming)').last().waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.reply-error').count(), 0, 'the reply did not fail');

    const sent = code.sim.requests.filter((request) => request.path.endsWith('/chat/completions')).at(-1);
    assert.ok(sent, 'a chat request reached the service');
    const body = JSON.parse(sent.body) as { model: string; messages: { content: string | SentPart[] }[] };
    assert.equal(body.model, 'qwen3.5-plus');
    const parts = body.messages.at(-1)!.content;
    assert.ok(Array.isArray(parts) && parts.some((part) => part.type === 'image_url' && part.image_url?.url.startsWith('data:image/png;base64,')), 'the image went as an image_url part');
  });
});
