import { promises as fs } from 'node:fs';

export interface FileLockOptions {
  /** A lock older than this was left by a window that crashed while holding it, and is taken over. */
  readonly staleMs?: number;
  /** How long to wait for a live holder before taking the lock over anyway (holders keep it for milliseconds). */
  readonly waitMs?: number;
  readonly retryMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` while holding a lock shared by every window (every process) using the same path: a
 * folder, since creating one either succeeds or fails in one step on every file system. For short
 * read-modify-write steps on files several windows write.
 */
export async function withFileLock<T>(lockPath: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const { staleMs = 10_000, waitMs = 5_000, retryMs = 15 } = options;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await fs.mkdir(lockPath);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = await fs.stat(lockPath).then((stat) => Date.now() - stat.mtimeMs, () => 0);
      if (since > staleMs || Date.now() > deadline) await fs.rm(lockPath, { recursive: true, force: true });
      else await sleep(retryMs);
    }
  }
  try {
    return await work();
  } finally {
    await fs.rm(lockPath, { recursive: true, force: true });
  }
}
