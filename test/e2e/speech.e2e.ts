import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import type { Frame } from 'playwright-core';
import type { VsCode } from './harness';
import { setApiKey } from './flows';
import { e2eSuite } from './suite';
import { taskRow, waitForRow } from './views';

/** The Speech panel's page, once it shows the host's state (the voices are listed). */
async function speechPanel(code: VsCode): Promise<Frame> {
  await code.runCommand('DashScope: Open Speech');
  const frame = await code.webviewFrame('main[data-panel="speech"]', 30_000);
  await frame.locator('[data-field="voice"] vscode-option').first().waitFor({ state: 'attached' });
  return frame;
}

/** An audio element's duration once its metadata has loaded (NaN until then). */
const durationOf = (frame: Frame, selector: string) => frame.locator(selector).evaluate((element: HTMLAudioElement) =>
  element.readyState >= 1 ? element.duration : new Promise<number>((resolve, reject) => {
    element.addEventListener('loadedmetadata', () => resolve(element.duration), { once: true });
    element.addEventListener('error', () => reject(new Error(`the audio did not load: ${element.error?.message ?? element.error?.code}`)), { once: true });
  }));

/** Shows today's rows of the Usage view (the pane and its Today node expanded). */
async function showTodaysUsage(code: VsCode): Promise<void> {
  const sidebar = await code.openDashScopeView();
  const header = sidebar.locator('.pane-header[aria-label^="Usage"]');
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  const today = sidebar.locator('.pane:has(> .pane-header[aria-label^="Usage"]) .monaco-list-row', { hasText: 'Today' }).first();
  await today.waitFor();
  if ((await today.getAttribute('aria-expanded')) === 'false') await today.click();
}

describe('Speech panel in real VS Code', () => {
  const { test } = e2eSuite();

  test('speaks a text while it streams, plays the saved WAV in the panel, and opens it in the preview with its text and voice', async (code) => {
    await setApiKey(code, code.sim.keyFor('cn'));
    const frame = await speechPanel(code);
    await frame.locator('[data-field="text"] textarea').fill('Good morning from the speech panel.');
    await frame.locator('.speech-side .submit-row vscode-button', { hasText: 'Speak' }).click();
    const entry = frame.locator('.entry.succeeded', { hasText: 'Good morning from the speech panel.' });
    await entry.locator('audio').waitFor({ timeout: 30_000 });
    assert.match(await entry.locator('audio').getAttribute('src') ?? '', /^https:\/\/.*speech-.*\.wav$/, 'played from the saved local file');
    const duration = await durationOf(frame, '.entry.succeeded audio');
    assert.ok(duration > 0.5 && duration < 10, `duration ${duration}`);
    const request = code.sim.requests.filter((sent) => sent.path.includes('multimodal-generation')).at(-1)!;
    assert.equal(request.headers['x-dashscope-sse'], 'enable', 'streamed');
    assert.match(await entry.locator('.entry-meta').innerText(), /qwen3-tts-flash · Cherry/);

    await entry.locator('vscode-button', { hasText: 'Open in Preview' }).click();
    const preview = await code.webviewFrame('.stage audio', 20_000);
    assert.match(await preview.locator('.metadata').innerText(), /Good morning from the speech panel\.[\s\S]*qwen3-tts-flash[\s\S]*Cherry/);
    await code.saveScreenshot('speech-panel');
  });

  test('transcribes a workspace file through a task in the Tasks view into an SRT editor, and the Usage view counts both', async (code) => {
    copyFileSync(path.join(__dirname, '..', 'fixtures', 'speech.wav'), path.join(code.dirs.workspace, 'standup.wav'));
    const frame = await speechPanel(code);
    await frame.locator('[data-field="files"] vscode-button', { hasText: 'From Workspace…' }).click();
    // File transcription takes many files: a multi-select pick, accepted with Enter.
    await code.pick('standup.wav');
    await code.page.keyboard.press('Enter');
    await frame.locator('[data-field="files"] .chip', { hasText: 'standup.wav' }).waitFor();
    await frame.locator('.speech-side .submit-row vscode-button', { hasText: 'Transcribe' }).click();
    await frame.locator('.notice', { hasText: /Transcription task .* submitted/ }).waitFor({ timeout: 30_000 });
    await waitForRow(code, 'standup.wav', /fun-asr · \d/);
    const tab = code.page.locator('.tab', { hasText: /transcription-.*\.srt/ }).first();
    await tab.waitFor({ timeout: 40_000 });
    assert.match(await code.editorText(), /^1\n00:00:00,100 --> 00:00:01,900\nHello from the DashScope simulator, file 1\./);
    const upload = code.sim.requests.find((sent) => sent.path.includes('/audio/asr/transcription'))!;
    assert.match(upload.body, /"file_urls":\["oss:\/\//, 'the local file was uploaded first');

    await tab.locator('.codicon-close').click();
    await taskRow(code, 'standup.wav').click();
    await tab.waitFor({ timeout: 20_000 });

    await showTodaysUsage(code);
    await waitForRow(code, 'qwen3-tts-flash', /Speech · 1 call · .*characters of speech · .*USD/);
    await waitForRow(code, 'Transcription · 1 call', /fun-asr.*Transcription · 1 call · 4 s of audio/);
  });
});
