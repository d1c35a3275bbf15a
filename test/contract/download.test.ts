import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mp4Audio, Mp4FormatError } from '../../src/extension/preview/mp4Audio';
import { DownloadError, downloadResult as downloadFrom, safeFileName, type DownloadOptions, type ResultTarget } from '../../src/extension/tasks/download';
import { resultExpiry, resultUrls } from '../../src/extension/tasks/taskResults';
import { harness, type Harness } from './client-helpers';

const refused = (pattern: RegExp) => (error: unknown) => error instanceof DownloadError && pattern.test(error.message);

describe('saving task results', () => {
  let h: Harness;
  let root: string;
  let dir: string;
  before(async () => {
    h = await harness({ taskTimings: { pendingMs: 1000, runningMs: 1000 } });
    root = mkdtempSync(path.join(os.tmpdir(), 'results-'));
    dir = path.join(root, 'results');
    mkdirSync(dir);
  });
  after(async () => {
    await h.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Downloads as the extension does for results of this simulator's API (plain http on this machine). */
  const downloadResult = (url: string, target: ResultTarget, options: DownloadOptions = {}) => downloadFrom(url, target, { apiBaseUrl: h.client.baseUrl, ...options });

  /** The result URL of a video task submitted with the `hostile-result` fault (or none). */
  async function videoResult(hostile?: string): Promise<{ taskId: string; requestId: string | undefined; url: string }> {
    const prompt = hostile ? `a boat [[sim:hostile-result=${hostile}]]` : 'a boat';
    const { taskId, requestId } = await h.client.video.submit({ model: 'wan2.6-t2v', prompt });
    const [url] = resultUrls(await h.client.tasks.wait(taskId));
    assert.ok(url);
    return { taskId, requestId, url };
  }

  it('streams a video result to disk with progress, and refuses an expired link clearly', async () => {
    const { url } = await videoResult();
    assert.ok(resultExpiry([url], undefined)! > h.sim.now());
    let progress = 0;
    const file = await downloadResult(url, { folder: dir, name: 'video' }, { onProgress: (received) => (progress = received) });
    assert.equal(file, path.join(dir, 'video.mp4'));
    const bytes = readFileSync(file);
    assert.equal(bytes.subarray(4, 8).toString('ascii'), 'ftyp');
    assert.equal(progress, bytes.length);
    h.sim.advance(25 * 3600_000);
    await assert.rejects(downloadResult(url, { folder: dir, name: 'late' }), (error: DownloadError) => error instanceof DownloadError && error.expired);
    assert.deepEqual(readdirSync(dir), ['video.mp4'], 'no partial file left behind');
    rmSync(file);
  });

  it('keeps a task or request id that is a path inside the results folder', async () => {
    const { taskId, requestId, url } = await videoResult('traversal');
    assert.ok(taskId.startsWith('/../../x') && requestId?.startsWith('../'), 'the simulator sent path-like ids');
    for (const name of [`video-${taskId.slice(0, 8)}`, `image-${requestId!.slice(0, 8)}`, '..', '/etc/passwd', 'C:\\Windows\\x', '']) {
      const file = await downloadResult(url, { folder: dir, name });
      assert.equal(path.dirname(file), dir, `${JSON.stringify(name)} stays in the folder`);
      assert.match(path.basename(file), /^[A-Za-z0-9_-]+\.mp4$/);
      rmSync(file);
    }
    assert.deepEqual(readdirSync(root), ['results'], 'nothing written next to the results folder');
    assert.equal(safeFileName('/../../x'), '_______x');
  });

  it('refuses a plain-http result on this machine when the API is not there too (a server cannot point at local services)', async () => {
    const { url } = await videoResult();
    assert.match(url, /^http:\/\/127\.0\.0\.1:/);
    for (const apiBaseUrl of ['https://dashscope.aliyuncs.com', undefined, 'http://gateway.example']) {
      await assert.rejects(downloadFrom(url, { folder: dir, name: 'local' }, { apiBaseUrl }), refused(/only https:\/\/ results/));
    }
    assert.deepEqual(readdirSync(dir), []);
  });

  it('refuses a plain-http result on another host before connecting, and any non-URL', async () => {
    const { url } = await videoResult('http');
    assert.match(url, /^http:\/\/results\.example\.invalid\//);
    await assert.rejects(downloadResult(url, { folder: dir, name: 'http' }), refused(/only https:\/\/ results/));
    await assert.rejects(downloadResult('file:///etc/passwd', { folder: dir, name: 'file' }), refused(/only https:\/\/ results/));
    assert.deepEqual(readdirSync(dir), []);
  });

  it('names a file by its content, never by the URL: a .sh script is refused, a video behind .exe is saved as .mp4', async () => {
    const script = await videoResult('sh');
    assert.match(script.url, /\.sh\?/);
    await assert.rejects(downloadResult(script.url, { folder: dir, name: 'script' }), refused(/not an image, video, audio or JSON file/));
    assert.deepEqual(readdirSync(dir), [], 'nothing saved, no partial file left');
    const exe = await videoResult('exe');
    assert.match(exe.url, /\.exe\?/);
    const file = await downloadResult(exe.url, { folder: dir, name: 'exe' });
    assert.equal(path.basename(file), 'exe.mp4');
    rmSync(file);
  });

  it('replaces a symbolic link at the target name instead of writing through it', async () => {
    const { url } = await videoResult();
    const outside = path.join(root, 'outside.txt');
    writeFileSync(outside, 'keep me');
    symlinkSync(outside, path.join(dir, 'linked.mp4'));
    const file = await downloadResult(url, { folder: dir, name: 'linked' });
    assert.equal(readFileSync(outside, 'utf8'), 'keep me');
    assert.ok(lstatSync(file).isFile());
    rmSync(file);
    rmSync(outside);
  });

  it('bounds the size and the time of a download', async () => {
    const { url } = await videoResult();
    await assert.rejects(downloadResult(url, { folder: dir, name: 'big' }, { maxBytes: 1000 }), refused(/larger than/));
    const stalled: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      res.write(Buffer.alloc(100));
    });
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = stalled.address() as AddressInfo;
      await assert.rejects(downloadResult(`http://127.0.0.1:${port}/slow.mp4`, { folder: dir, name: 'slow' }, { timeoutMs: 300 }), refused(/did not finish within/));
    } finally {
      stalled.closeAllConnections();
      stalled.close();
    }
    assert.deepEqual(readdirSync(dir), [], 'no partial file left behind');
    assert.ok(!existsSync(path.join(dir, 'big.mp4')));
  });

  it('finds the results of every kind of task', async () => {
    const images = await h.client.images.generate({ model: 'wan2.2-t2i-flash', prompt: 'two cats', n: 2 });
    assert.equal(images.kind, 'task');
    if (images.kind === 'task') assert.equal(resultUrls(await h.client.tasks.wait(images.taskId)).length, 2);
    const asr = await h.client.speech.transcribe({ model: 'fun-asr', fileUrls: ['https://example.com/a.wav'] });
    assert.match(resultUrls(await h.client.tasks.wait(asr.taskId))[0]!, /\.json\?/);
  });

  it('keeps only valid result URLs, and no more than a hundred', () => {
    const task = (output: Record<string, unknown>) => ({ taskId: 't', status: 'SUCCEEDED', output }) as unknown as Parameters<typeof resultUrls>[0];
    assert.deepEqual(resultUrls(task({ results: [{ url: 'not a url' }, { url: 'https://x.example/y.png' }, { url: 42 }] })), ['https://x.example/y.png']);
    assert.equal(resultUrls(task({ results: Array.from({ length: 5000 }, (_, i) => ({ url: `https://x.example/${i}.png` })) })).length, 100);
    assert.equal(resultExpiry(['not a url'], undefined), undefined);
  });

  it('saves an MP4 with lying box sizes, whose sound check then fails cleanly', async () => {
    const { url } = await videoResult('lying-mp4');
    const file = await downloadResult(url, { folder: dir, name: 'lying' });
    assert.equal(readFileSync(file).length, 32);
    await assert.rejects(mp4Audio(file), Mp4FormatError);
    rmSync(file);
  });
});
