import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { withFileLock } from '../../src/extension/fileLock';

describe('file lock shared by windows', () => {
  it('lets one holder in at a time', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'lock-'));
    try {
      let inside = 0;
      let most = 0;
      await Promise.all(Array.from({ length: 20 }, () => withFileLock(path.join(folder, 'x.lock'), async () => {
        most = Math.max(most, ++inside);
        await new Promise((resolve) => setImmediate(resolve));
        inside--;
      }, { retryMs: 1 })));
      assert.equal(most, 1);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('takes over a lock left by a window that crashed while holding it', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'lock-'));
    try {
      const lock = path.join(folder, 'x.lock');
      await mkdir(lock);
      const old = new Date(Date.now() - 60_000);
      await utimes(lock, old, old);
      assert.equal(await withFileLock(lock, async () => 'ran', { waitMs: 60_000 }), 'ran');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('releases the lock when the work throws', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'lock-'));
    try {
      const lock = path.join(folder, 'x.lock');
      await assert.rejects(withFileLock(lock, async () => { throw new Error('boom'); }), /boom/);
      assert.equal(await withFileLock(lock, async () => 'again', { waitMs: 0 }), 'again');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
