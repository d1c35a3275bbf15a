import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { generateVideo, setApiKey } from './flows';
import { e2eSuite } from './suite';

describe('media preview in real VS Code', () => {
  const { test } = e2eSuite();

  test('opens a finished video in the preview with its metadata, and warns about AAC sound', async (code) => {
    await setApiKey(code, code.sim.keyFor('cn'));
    await generateVideo(code, '[[sim:aac]] a singing bird');
    await code.clickNotificationButton(/a singing bird" is ready/, 'Open');
    const frame = await code.webviewFrame('video.media', 30_000);
    assert.match(await frame.locator('video.media').getAttribute('src') ?? '', /^https:\/\/.*\.mp4$/, 'the video comes from the local file through a webview URI');
    await frame.locator('.notice', { hasText: 'AAC' }).waitFor();
    const details = await frame.locator('.metadata').innerText();
    assert.match(details, /a singing bird/);
    assert.match(details, /wan2\.6-t2v/);
    const csp = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp ?? '', /default-src 'none'/);
    assert.doesNotMatch(csp ?? '', /https?:\/\/(?!.*vscode-cdn)/, 'nothing remote is allowed');
    await code.saveScreenshot('media-preview');
    assert.ok(!(await frame.content()).includes(code.sim.keyFor('cn')), 'the webview HTML carries no key');
    await code.assertNoKeyLeaks([code.sim.keyFor('cn')]);
  });

  test('opens a video whose boxes lie about their size, and says why its sound could not be checked', async (code) => {
    await setApiKey(code, code.sim.keyFor('cn'));
    await generateVideo(code, '[[sim:hostile-result=lying-mp4]] a broken clip');
    await code.clickNotificationButton(/a broken clip" is ready/, 'Open');
    // The preview opens; the 32-byte file cannot be played, so the page shows why instead of a blank player.
    const frame = await code.webviewFrame('.media-missing', 30_000);
    assert.match(await frame.locator('.media-missing').first().innerText(), /cannot be played/);
    const error = await code.notification(/Cannot read the sound track of .*\.mp4: The movie header at byte 16 declares a size larger than the 32-byte file/);
    assert.equal(await code.notificationSeverity(error), 'error');
    await code.saveScreenshot('media-preview-lying-mp4');
  });
});
