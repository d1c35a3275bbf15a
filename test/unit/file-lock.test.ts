import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { withFileLock } from '../../src/extension/fileLock';

describe('file lock shared by windows', () => {
  it('lets one holder in at a time, however long the others wait (a waiter took a live lock before)', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'lock-'));
    try {
      let inside = 0;
      let most = 0;
      await Promise.all(Array.from({ length: 8 }, () => withFileLock(path.join(folder, 'x.lock'), async () => {
        most = Math.max(most, ++inside);
        await new Promise((resolve) => setTimeout(resolve, 20));
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
      assert.equal(await withFileLock(lock, async () => 'ran'), 'ran');
      assert.deepEqual(await readdir(folder), [], 'the stale lock and the taken-over copy are gone');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('a holder whose lock was taken over as stale does not remove the next holder\'s lock', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'lock-'));
    try {
      const lock = path.join(folder, 'x.lock');
      const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      let inside = 0;
      let most = 0;
      const counted = (ms: number) => withFileLock(lock, async () => {
        most = Math.max(most, ++inside);
        await wait(ms);
        inside--;
      }, { staleMs: 1000, retryMs: 1 });
      // A holder that looks crashed (its lock aged): taken over at once; it releases at 100 ms, while the next holder is inside.
      const stale = withFileLock(lock, () => wait(100), { staleMs: 1000, retryMs: 1 });
      await wait(5);
      const old = new Date(Date.now() - 60_000);
      await utimes(lock, old, old);
      const next = counted(150);
      await wait(120);
      const third = counted(10);
      await Promise.all([stale, next, third]);
      assert.equal(most, 1, 'the third waited for the second: the stale holder did not remove its lock');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('releases the lock when the work throws', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'lock-'));
    try {
      const lock = path.join(folder, 'x.lock');
      await assert.rejects(withFileLock(lock, async () => { throw new Error('boom'); }), /boom/);
      assert.equal(await withFileLock(lock, async () => 'again', { staleMs: 60_000 }), 'again');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
