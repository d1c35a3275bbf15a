import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface FileLockOptions {
  /** A lock older than this was left by a window that crashed while holding it, and is taken over. */
  readonly staleMs?: number;
  readonly retryMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const OWNER_FILE = 'owner';

/**
 * Runs `work` while holding a lock shared by every window (every process) using the same path: a
 * folder, since creating one either succeeds or fails in one step on every file system. For short
 * read-modify-write steps on files several windows write; holders keep it for milliseconds.
 *
 * Only a stale lock is taken over, by renaming it away (one window wins the rename), and a holder
 * removes the lock only while it is still its own (its token inside), so a late holder never
 * removes the next one's.
 */
export async function withFileLock<T>(lockPath: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const { staleMs = 10_000, retryMs = 15 } = options;
  const token = randomUUID();
  for (;;) {
    try {
      await fs.mkdir(lockPath);
      await fs.writeFile(path.join(lockPath, OWNER_FILE), token);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await ageOf(lockPath) > staleMs) await takeOver(lockPath, token, staleMs);
      else await sleep(retryMs);
    }
  }
  try {
    return await work();
  } finally {
    const owner = await fs.readFile(path.join(lockPath, OWNER_FILE), 'utf8').catch(() => undefined);
    if (owner === token) await fs.rm(lockPath, { recursive: true, force: true });
  }
}

const ageOf = (lockPath: string): Promise<number> => fs.stat(lockPath).then((stat) => Date.now() - stat.mtimeMs, () => 0);

async function takeOver(lockPath: string, token: string, staleMs: number): Promise<void> {
  const moved = `${lockPath}.${token}.stale`;
  try {
    await fs.rename(lockPath, moved);
  } catch {
    return; // another window took it over first
  }
  // Another window may have replaced the stale lock between our look and the rename: give a fresh one back.
  if (await ageOf(moved) <= staleMs) await fs.rename(moved, lockPath).catch(() => undefined);
  await fs.rm(moved, { recursive: true, force: true });
}
