import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import type { Frame, Locator } from 'playwright-core';
import { fixture, makePng } from '../simulator/media';
import { eventually, holdsFor } from './eventually';
import type { VsCode } from './harness';
import { setApiKey } from './flows';
import { e2eSuite } from './suite';

/** The image or video panel's page, once it shows the host's state (the model list is filled). */
async function panel(code: VsCode, kind: 'image' | 'video'): Promise<Frame> {
  const frame = await code.webviewFrame(`main[data-panel="${kind}"]`, 30_000);
  await frame.locator('[data-field="model"] vscode-option').first().waitFor({ state: 'attached' });
  return frame;
}

async function choose(frame: Frame, field: string, option: string): Promise<void> {
  await frame.locator(`[data-field="${field}"] vscode-dropdown`).click();
  await frame.locator(`[data-field="${field}"] vscode-option`, { hasText: option }).first().click();
}

/** A field's value once the page has drawn it (the toolkit updates its inner input a frame later). */
async function expectValue(field: Locator, expected: string): Promise<void> {
  let value = '';
  await eventually(async () => (value = await field.inputValue()) === expected, { timeout: 10_000, interval: 100, message: () => `the field shows "${value}", not "${expected}"` });
}

const prompt = (frame: Frame) => frame.locator('[data-field="prompt"] textarea');
const requestsTo = (code: VsCode, fragment: string) => code.sim.requests.filter((request) => request.path.includes(fragment));

async function setTheme(code: VsCode, theme: RegExp): Promise<void> {
  await code.runCommand('Preferences: Color Theme');
  await code.pick(theme);
}

describe('image and video panels in real VS Code', () => {
  const { test } = e2eSuite();

  test('generates an image, shows it in the panel as soon as it returns, and opens it in the preview', async (code) => {
    await setApiKey(code, code.sim.keyFor('cn'));
    await code.runCommand('DashScope: Open Image Generation');
    const frame = await panel(code, 'image');
    assert.match(await frame.locator('[data-field="model"] .model-description').innerText(), /text rendering/);
    await prompt(frame).fill('a red kite over the sea');
    await frame.locator('[data-field="seed"] input').fill('42');
    await frame.locator('.submit-row vscode-button', { hasText: 'Generate' }).click();
    const entry = frame.locator('.entry.succeeded', { hasText: 'a red kite over the sea' });
    await entry.locator('img').waitFor({ timeout: 30_000 });
    assert.match(await entry.locator('img').getAttribute('src') ?? '', /^https:\/\/.*\.png$/, 'shown from the saved local file');
    assert.match(await entry.locator('.entry-meta').innerText(), /qwen-image-plus · seed 42/);
    const body = JSON.parse(requestsTo(code, 'multimodal-generation').at(-1)!.body) as { parameters: Record<string, unknown> };
    assert.deepEqual(body.parameters, { size: '1664*928', n: 1, seed: 42, prompt_extend: true, watermark: false });
    await entry.locator('vscode-button[aria-label="Open"]').click();
    const preview = await code.webviewFrame('img.media', 30_000);
    assert.match(await preview.locator('.metadata').innerText(), /a red kite over the sea[\s\S]*qwen-image-plus[\s\S]*42/);
  });

  test('shows the service\'s refusals (DataInspectionFailed, InvalidParameter) on the form and keeps the values', async (code) => {
    await code.runCommand('DashScope: Open Image Generation');
    const frame = await panel(code, 'image');
    await prompt(frame).fill('[[sim:data-inspection]] a questionable scene');
    await frame.locator('.submit-row vscode-button', { hasText: 'Generate' }).click();
    const error = frame.locator('.form-error');
    await error.waitFor({ timeout: 20_000 });
    assert.match(await error.innerText(), /DataInspectionFailed[\s\S]*inappropriate content/);
    await expectValue(prompt(frame), '[[sim:data-inspection]] a questionable scene');
    await expectValue(frame.locator('[data-field="seed"] input'), '42');

    await prompt(frame).fill('[[sim:invalid-parameter]] a kite');
    // Editing the form hides the last refusal; the next one replaces it.
    await error.waitFor({ state: 'hidden' });
    await frame.locator('.submit-row vscode-button', { hasText: 'Generate' }).click();
    await error.waitFor({ timeout: 20_000 });
    assert.match(await error.innerText(), /InvalidParameter[\s\S]*size is not match/);
    await expectValue(prompt(frame), '[[sim:invalid-parameter]] a kite');
  });

  test('edits a large local image, uploaded through the upload policy', async (code) => {
    // Over the 7 MB inline limit and under the model's 10 MB: sent as an upload.
    writeFileSync(path.join(code.dirs.workspace, 'poster.png'), Buffer.concat([makePng(3, 64, 64), Buffer.alloc(8 * 1024 * 1024, 1)]));
    const frame = await panel(code, 'image');
    await choose(frame, 'model', 'qwen-image-edit-plus');
    const slot = frame.locator('[data-field="images"]');
    await slot.waitFor();
    await slot.locator('vscode-button', { hasText: 'From Workspace' }).click();
    // Edit models take up to three images: a multi-select pick, accepted with Enter.
    await code.pick('poster.png');
    await code.page.keyboard.press('Enter');
    await slot.locator('.chip', { hasText: 'poster.png' }).waitFor();
    await prompt(frame).fill('make the poster blue');
    await frame.locator('.submit-row vscode-button', { hasText: 'Generate' }).click();
    await frame.locator('.entry.succeeded', { hasText: 'make the poster blue' }).locator('img').waitFor({ timeout: 30_000 });
    assert.ok(requestsTo(code, 'action=getPolicy&model=qwen-image-edit-plus').length > 0, 'an upload policy for the model that reads the file');
    const sent = requestsTo(code, 'multimodal-generation').at(-1)!;
    assert.match(sent.body, /"image":"oss:\/\//);
    assert.equal(sent.headers['x-dashscope-ossresourceresolve'], 'enable');
  });

  test('runs a wan image model as a task, shows the image when it is done, and reuses an earlier result\'s seed and parameters', async (code) => {
    const frame = await panel(code, 'image');
    await choose(frame, 'model', 'wan2.2-t2i-flash');
    await frame.locator('[data-field="model"] .model-description', { hasText: 'Wan 2.2 text-to-image Flash' }).waitFor();
    await expectValue(frame.locator('[data-field="size"] input'), '1024*1024');
    await prompt(frame).fill('a lighthouse at dusk');
    // The Tasks view is shown first: the task is watched arriving in it.
    const sidebar = await code.openDashScopeView();
    // Queued until its progress has been seen in the panel and the Tasks view.
    code.sim.injectFault({ fault: 'queue=600000', path: '/aigc/' });
    await frame.locator('.submit-row vscode-button', { hasText: 'Generate' }).click();
    const entry = frame.locator('.entry', { hasText: 'a lighthouse at dusk' });
    await entry.locator('.progress', { hasText: /PENDING/ }).waitFor({ timeout: 20_000 });
    await sidebar.locator('.monaco-list-row', { hasText: 'a lighthouse at dusk' }).first().waitFor();
    assert.equal(code.sim.startQueued('a lighthouse at dusk'), 1);
    await frame.locator('.entry.succeeded', { hasText: 'a lighthouse at dusk' }).locator('img').waitFor({ timeout: 40_000 });

    await frame.locator('.entry', { hasText: 'a red kite over the sea' }).locator('vscode-button', { hasText: 'Reuse Seed and Parameters' }).click();
    await frame.locator('[data-field="model"] .model-description', { hasText: 'text rendering' }).waitFor();
    await expectValue(prompt(frame), 'a red kite over the sea');
    await expectValue(frame.locator('[data-field="seed"] input'), '42');
  });

  test('Regenerate in the preview reopens the panel filled with the request', async (code) => {
    const frame = await panel(code, 'image');
    await frame.locator('.entry.succeeded', { hasText: 'a lighthouse at dusk' }).locator('vscode-button[aria-label="Open"]').click();
    const preview = await code.webviewFrame('.metadata:has-text("a lighthouse at dusk")', 20_000);
    await preview.locator('vscode-button', { hasText: 'Regenerate' }).click();
    // The panel was behind the preview: its page is drawn again from the host's state.
    const shown = await panel(code, 'image');
    await shown.locator('[data-field="model"] .model-description', { hasText: 'Wan 2.2 text-to-image Flash' }).waitFor();
    await expectValue(prompt(shown), 'a lighthouse at dusk');
    assert.ok(await shown.locator('main[data-panel="image"]').isVisible(), 'the image panel is in front');
  });

  test('refuses a duration the model does not allow before sending anything', async (code) => {
    writeFileSync(path.join(code.dirs.workspace, 'cat.png'), makePng(7, 320, 240));
    await code.runCommand('DashScope: Open Video Generation');
    const frame = await panel(code, 'video');
    await choose(frame, 'mode', 'Image to video');
    await choose(frame, 'model', 'wan2.2-i2v-flash');
    await frame.locator('[data-field="firstFrame"] vscode-button', { hasText: 'From Workspace' }).click();
    await code.pick('cat.png');
    const chip = frame.locator('[data-field="firstFrame"] .chip', { hasText: 'cat.png' });
    await chip.waitFor();
    // The picked image shows as a thumbnail, read from the extension's private copy (never from the picked file's folder).
    await chip.locator('img.chip-thumb').waitFor();
    const loaded = await chip.locator('img.chip-thumb').evaluate(async (image: HTMLImageElement) => {
      await image.decode().catch(() => undefined);
      return { width: image.naturalWidth, src: image.src };
    });
    assert.match(loaded.src, /^https:\/\/.*\/picked\/[0-9a-f-]{36}\.png$/);
    assert.equal(loaded.width, 320);
    await prompt(frame).fill('the cat waves');
    await frame.locator('[data-field="duration"] input').fill('7');
    const before = requestsTo(code, 'video-synthesis').length;
    await frame.locator('.submit-row vscode-button', { hasText: 'Submit Task' }).click();
    assert.match(await frame.locator('[data-field="duration"] .field-error').innerText(), /wan2\.2-i2v-flash makes videos of 5 seconds/);
    await holdsFor(() => requestsTo(code, 'video-synthesis').length === before, 1000, 'nothing was sent');
    assert.equal(await frame.locator('.entry').count(), 0);
  });

  test('shows the thumbnail of an image picked from disk outside the workspace', async (code) => {
    const outside = path.join(code.dirs.home, 'Pictures');
    mkdirSync(outside, { recursive: true });
    writeFileSync(path.join(outside, 'dog.png'), makePng(9, 200, 150));
    const before = await panel(code, 'video');
    await before.locator('[data-field="firstFrame"] vscode-button', { hasText: 'From Disk' }).click();
    await code.answerOpenDialog(path.join(outside, 'dog.png'));
    // The thumbnail is a private copy of the file: the page is never given the Pictures folder (nor rebuilt for it).
    const thumbnail = before.locator('[data-field="firstFrame"] .chip', { hasText: 'dog.png' }).locator('img.chip-thumb');
    await thumbnail.waitFor({ timeout: 20_000 });
    const width = await thumbnail.evaluate(async (image: HTMLImageElement) => {
      await image.decode().catch(() => undefined);
      return image.naturalWidth;
    });
    assert.equal(width, 200, 'the thumbnail is read from the file outside the workspace');
  });

  test('submits an image-to-video task with a local image, shows its progress and cost estimate, and plays the result', async (code) => {
    const frame = await panel(code, 'video');
    await frame.locator('[data-field="duration"] input').fill('5');
    assert.match(await frame.locator('.summary').innerText(), /Estimated cost: 2\.40 CNY \(0\.48 CNY\/s × 5 s, prices of \d{4}-\d{2}-\d{2}\)\. An estimate/);
    const sidebar = await code.openDashScopeView();
    // Queued until its progress has been seen in the panel and the Tasks view.
    code.sim.injectFault({ fault: 'queue=600000', path: '/aigc/' });
    await frame.locator('.submit-row vscode-button', { hasText: 'Submit Task' }).click();
    const entry = frame.locator('.entry', { hasText: 'the cat waves' });
    await entry.locator('.progress', { hasText: /PENDING/ }).waitFor({ timeout: 20_000 });
    const body = JSON.parse(requestsTo(code, 'video-synthesis').at(-1)!.body) as { input: Record<string, string>; parameters: Record<string, unknown> };
    assert.match(body.input.img_url ?? '', /^data:image\/png;base64,/, 'the local image went inline');
    assert.deepEqual(body.parameters, { resolution: '1080P', duration: 5, prompt_extend: true, watermark: false });
    // The task is in the Tasks view at once.
    await sidebar.locator('.monaco-list-row', { hasText: 'the cat waves' }).first().waitFor();
    assert.equal(code.sim.startQueued('the cat waves'), 1);
    await frame.locator('.entry.succeeded video').waitFor({ timeout: 40_000 });
    await frame.locator('.entry.succeeded vscode-button[aria-label="Open"]').first().click();
    const preview = await code.webviewFrame('video.media', 30_000);
    const source = await preview.locator('video.media').getAttribute('src') ?? '';
    assert.match(source, /^https:\/\/.*\.mp4$/);
    const played = await preview.locator('video.media').evaluate(async (video: HTMLVideoElement) => {
      video.muted = true;
      await video.play();
      if (video.currentTime === 0) await new Promise((resolve) => video.addEventListener('timeupdate', resolve, { once: true }));
      return { paused: video.paused, time: video.currentTime };
    });
    assert.equal(played.paused, false, 'the preview plays the video');
    assert.ok(played.time > 0, 'playback advanced');
  });

  test('offers the earlier result for the same request instead of paying again', async (code) => {
    await code.runCommand('DashScope: Open Video Generation');
    const frame = await panel(code, 'video');
    const before = requestsTo(code, 'video-synthesis').length;
    await frame.locator('.submit-row vscode-button', { hasText: 'Submit Task' }).click();
    const offer = frame.locator('.duplicate');
    await offer.waitFor();
    assert.match(await offer.innerText(), /same request/);
    assert.equal(requestsTo(code, 'video-synthesis').length, before, 'nothing was sent');
    await offer.locator('vscode-button', { hasText: 'Open Earlier Result' }).click();
    await code.webviewFrame('video.media', 30_000);
  });

  test('restores both panels with their forms and results after a window reload', async (code) => {
    await code.reload();
    // Both tabs come back (through the serializer); a background tab draws its page when shown.
    const videoTab = code.page.locator('.tab', { hasText: 'DashScope Video' });
    await videoTab.waitFor({ timeout: 30_000 });
    assert.equal(await code.page.locator('.tab', { hasText: 'DashScope Image' }).count(), 1);
    await videoTab.click();
    const video = await panel(code, 'video');
    await video.locator('.entry.succeeded', { hasText: 'the cat waves' }).locator('video').waitFor({ timeout: 30_000 });
    await expectValue(prompt(video), 'the cat waves');
    // The first frame picked from outside the workspace keeps its thumbnail after the reload.
    await video.locator('[data-field="firstFrame"] .chip', { hasText: 'dog.png' }).locator('img.chip-thumb').waitFor();
    await code.runCommand('DashScope: Open Image Generation');
    const image = await panel(code, 'image');
    await image.locator('.entry.succeeded', { hasText: 'make the poster blue' }).locator('img').waitFor();
    assert.equal(await code.page.locator('.tab', { hasText: 'DashScope Image' }).count(), 1, 'the restored panel is shown, not a second one');
  });

  test('asks for prompt extension before a wan2.6 multi-shot request, then sends shot_type', async (code) => {
    await code.runCommand('DashScope: Open Video Generation');
    const frame = await panel(code, 'video');
    await choose(frame, 'mode', 'Text to video');
    await choose(frame, 'model', 'wan2.6-t2v');
    await frame.locator('[data-field="model"] .model-description', { hasText: 'multi-shot' }).waitFor();
    await prompt(frame).fill('two friends meet at a station, then part in the rain');
    await choose(frame, 'shotType', 'Multi-shot');
    const promptExtension = frame.locator('vscode-checkbox', { hasText: 'Prompt extension' });
    await promptExtension.click();
    const before = requestsTo(code, 'video-synthesis').length;
    await frame.locator('.submit-row vscode-button', { hasText: 'Submit Task' }).click();
    const message = frame.locator('[data-field="shotType"] .field-error');
    assert.equal(await message.innerText(), 'Multi-shot works only with prompt extension: turn prompt extension on, or choose a single shot.');

    await promptExtension.click();
    await frame.locator('[data-field="shotType"]:not(.invalid)').waitFor();
    await frame.locator('.submit-row vscode-button', { hasText: 'Submit Task' }).click();
    await frame.locator('.entry.succeeded', { hasText: 'two friends meet at a station' }).locator('video').waitFor({ timeout: 40_000 });
    assert.equal(requestsTo(code, 'video-synthesis').length, before + 1, 'the refused submit sent nothing');
    const body = JSON.parse(requestsTo(code, 'video-synthesis').at(-1)!.body) as { model: string; input: Record<string, unknown>; parameters: Record<string, unknown> };
    assert.equal(body.model, 'wan2.6-t2v');
    assert.deepEqual(body.input, { prompt: 'two friends meet at a station, then part in the rain' });
    assert.deepEqual(body.parameters, { size: '1920*1080', duration: 5, prompt_extend: true, watermark: false, shot_type: 'multi' });
  });

  test('edits a video with reference images (media[] has the source video, then each image), a negative prompt, a trimmed length and its original sound', async (code) => {
    writeFileSync(path.join(code.dirs.workspace, 'street.mp4'), fixture('video.mp4'));
    writeFileSync(path.join(code.dirs.workspace, 'coat.png'), makePng(11, 64, 64));
    const frame = await panel(code, 'video');
    await choose(frame, 'mode', 'Video edit');
    await choose(frame, 'model', 'wan2.7-videoedit');
    const source = frame.locator('[data-field="video"]');
    await source.locator('vscode-button', { hasText: 'From Workspace' }).click();
    await code.pick('street.mp4');
    await source.locator('.chip', { hasText: 'street.mp4' }).waitFor();
    const references = frame.locator('[data-field="referenceImages"]');
    assert.match(await references.locator('.field-label').innerText(), /Reference images \(optional\)/);
    await references.locator('vscode-button', { hasText: 'From Workspace' }).click();
    // Up to four: a multi-select pick, accepted with Enter.
    await code.pick('coat.png');
    await code.page.keyboard.press('Enter');
    await references.locator('.chip', { hasText: 'coat.png' }).waitFor();
    await prompt(frame).fill('dress the walker in the coat from the image');
    await frame.locator('[data-field="negativePrompt"] textarea').fill('rain');
    assert.match(await frame.locator('[data-field="duration"] .hint').innerText(), /0 \(the source video's length\) or 2–10/);
    await frame.locator('[data-field="duration"] input').fill('4');
    await choose(frame, 'audioSetting', 'Keep the source video');
    await frame.locator('.submit-row vscode-button', { hasText: 'Submit Task' }).click();
    await frame.locator('.entry.succeeded', { hasText: 'dress the walker' }).locator('video').waitFor({ timeout: 40_000 });
    const body = JSON.parse(requestsTo(code, 'video-synthesis').at(-1)!.body) as { model: string; input: { negative_prompt: string; media: { type: string; url: string }[] }; parameters: Record<string, unknown> };
    assert.equal(body.model, 'wan2.7-videoedit');
    assert.equal(body.input.negative_prompt, 'rain');
    assert.deepEqual(body.parameters, { resolution: '1080P', duration: 4, prompt_extend: true, watermark: false, audio_setting: 'origin' }, 'no ratio: the source video\'s is kept');
    assert.deepEqual(body.input.media.map((item) => item.type), ['video', 'reference_image']);
    assert.match(body.input.media[0]!.url, /^data:video\/mp4;base64,/);
    assert.match(body.input.media[1]!.url, /^data:image\/png;base64,/);
  });

  test('makes a VACE video from reference images: the second marked as background reaches obj_or_bg', async (code) => {
    writeFileSync(path.join(code.dirs.workspace, 'girl.png'), makePng(12, 64, 64));
    writeFileSync(path.join(code.dirs.workspace, 'forest.png'), makePng(13, 64, 64));
    const frame = await panel(code, 'video');
    await choose(frame, 'mode', 'Video edit');
    await choose(frame, 'model', 'wanx2.1-vace-plus');
    await frame.locator('[data-field="vaceFunction"]:not([hidden])', { hasText: 'Video from reference images' }).waitFor();
    const references = frame.locator('[data-field="refImages"]');
    for (const name of ['girl.png', 'forest.png']) {
      await references.locator('vscode-button', { hasText: 'From Workspace' }).click();
      await code.pick(name);
      await code.page.keyboard.press('Enter');
      await references.locator('.chip', { hasText: name }).waitFor();
    }
    const forest = references.locator('.chip', { hasText: 'forest.png' });
    await forest.locator('vscode-dropdown').click();
    await forest.locator('vscode-option', { hasText: 'Background' }).click();
    await prompt(frame).fill('a girl walks out of a misty forest');
    await frame.locator('.submit-row vscode-button', { hasText: 'Submit Task' }).click();
    await frame.locator('.entry.succeeded', { hasText: 'a girl walks out of a misty forest' }).locator('video').waitFor({ timeout: 40_000 });
    const body = JSON.parse(requestsTo(code, 'video-synthesis').at(-1)!.body) as { model: string; input: { function: string; ref_images_url: string[] }; parameters: Record<string, unknown> };
    assert.equal(body.model, 'wanx2.1-vace-plus');
    assert.equal(body.input.function, 'image_reference');
    assert.equal(body.input.ref_images_url.length, 2);
    for (const url of body.input.ref_images_url) assert.match(url, /^data:image\/png;base64,/);
    assert.deepEqual(body.parameters, { size: '1280*720', prompt_extend: true, watermark: false, obj_or_bg: ['obj', 'bg'] });
  });

  test('saves screenshots of both panels in light and dark themes, and leaks no key', async (code) => {
    for (const [theme, name] of [[/Light Modern/, 'light'], [/Dark Modern/, 'dark']] as const) {
      await setTheme(code, theme);
      for (const kind of ['image', 'video'] as const) {
        await code.runCommand(kind === 'image' ? 'DashScope: Open Image Generation' : 'DashScope: Open Video Generation');
        const frame = await panel(code, kind);
        await frame.locator('.entry').first().waitFor();
        await code.saveScreenshot(`media-${kind}-panel-${name}`);
      }
    }
    assert.ok(existsSync(path.join(__dirname, '..', '..', 'test-results', 'media-video-panel-dark.png')));
    await code.assertNoKeyLeaks([code.sim.keyFor('cn')]);
  });
});
