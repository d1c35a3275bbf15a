import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { request } from 'undici';

export class DownloadError extends Error {
  constructor(message: string, readonly expired: boolean) {
    super(message);
    this.name = 'DownloadError';
  }
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': '.png', 'image/jpeg': '.jpg', 'image/webp': '.webp', 'video/mp4': '.mp4', 'audio/wav': '.wav',
  'audio/x-wav': '.wav', 'audio/mpeg': '.mp3', 'application/json': '.json',
};

/** The file extension of a result URL (from its path, else from the content type). */
export function resultExtension(url: string, contentType?: string): string {
  const fromPath = path.extname(new URL(url).pathname).toLowerCase();
  if (/^\.[a-z0-9]{2,5}$/.test(fromPath)) return fromPath;
  return EXTENSIONS[(contentType ?? '').split(';')[0]!.trim()] ?? '.bin';
}

/**
 * Streams a result to disk (never whole in memory): into a temporary file first, renamed when complete,
 * so a cut download never leaves a truncated result behind.
 */
export async function downloadResult(url: string, target: string, options: { signal?: AbortSignal; onProgress?: (received: number, total: number | undefined) => void } = {}): Promise<string> {
  const response = await request(url, { signal: options.signal });
  if (response.statusCode === 403) {
    await response.body.dump();
    throw new DownloadError('The result link has expired (DashScope keeps results about 24 hours).', true);
  }
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw new DownloadError(`The result could not be downloaded (HTTP ${response.statusCode}).`, false);
  }
  const total = Number(response.headers['content-length']) || undefined;
  await fs.mkdir(path.dirname(target), { recursive: true });
  const partial = `${target}.part`;
  let received = 0;
  const progress = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      options.onProgress?.(received, total);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(response.body, progress, createWriteStream(partial), { signal: options.signal });
    await fs.rename(partial, target);
  } catch (error) {
    await fs.rm(partial, { force: true });
    throw error;
  }
  return target;
}
