import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { WindowPresence } from '../../src/extension/windowPresence';

const folders: string[] = [];
after(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

async function folder() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dashscope-windows-'));
  folders.push(root);
  return root;
}

const changed = (presence: WindowPresence) => new Promise<void>((resolve) => {
  const listener = presence.onDidChange(() => {
    listener.dispose();
    resolve();
  });
});

describe('WindowPresence', () => {
  it('each window sees the other; one that closes is gone for the other at once', async () => {
    const root = await folder();
    const a = new WindowPresence(root);
    const b = new WindowPresence(root);
    await a.start();
    await b.start();
    await a.scan();
    assert.deepEqual([a.isLive(b.id), b.isLive(a.id), a.isLive(undefined)], [true, true, false]);
    const seen = changed(b);
    const started = Date.now();
    await a.release();
    await seen;
    assert.equal(b.isLive(a.id), false);
    assert.ok(Date.now() - started < 1000);
    await b.release();
  });

  it('a window that crashed (no heartbeat) is gone once its heartbeat is stale', async () => {
    const root = await folder();
    let now = 1_000_000;
    await writeFile(path.join(root, 'crashed'), String(now));
    const b = new WindowPresence(root, { now: () => now, staleMs: 30_000 });
    await b.start();
    assert.equal(b.isLive('crashed'), true);
    now += 31_000;
    await b.scan();
    assert.equal(b.isLive('crashed'), false);
    await b.release();
  });
});
