import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { request } from 'undici';
import { mayReach } from '../../shared/loopback';
import { mediaTypeOf } from './mediaType';

export class DownloadError extends Error {
  constructor(message: string, readonly expired: boolean) {
    super(message);
    this.name = 'DownloadError';
  }
}

/** A generated video is tens of MB; a result larger than this is not what DashScope makes. */
export const MAX_RESULT_BYTES = 1024 * 2 ** 20;
/** The longest a whole download may take, and the longest wait for the next bytes. */
const DOWNLOAD_TIMEOUT_MS = 15 * 60_000;
const IDLE_TIMEOUT_MS = 60_000;

/** Where a result goes: a folder, and a file name without extension (the content decides the extension). */
export interface ResultTarget {
  readonly folder: string;
  readonly name: string;
}

export interface DownloadOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (received: number, total: number | undefined) => void;
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
  /** The API the result came from: plain http to this machine is followed only when it is itself there (the simulator). */
  readonly apiBaseUrl?: string;
}

/** A file name from server-provided parts (task and request ids): only letters, digits, `-` and `_`, so never a path. */
export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 120) || 'result';
}

/** The URL, when it may be downloaded: https, or http to this machine while the API is there too (the simulator). */
function checkedUrl(url: string, apiBaseUrl: string | undefined): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DownloadError('The result link is not a valid URL.', false);
  }
  if (mayReach(parsed, apiBaseUrl)) return parsed;
  throw new DownloadError(`The result link uses ${parsed.protocol.replace(/:$/, '')}:// to ${parsed.hostname}; only https:// results are downloaded.`, false);
}

const HEAD_BYTES = 64;

/** Counts bytes for progress, stops the download past `maxBytes`, and keeps the first bytes to tell the file type. */
function limiter(maxBytes: number, total: number | undefined, onProgress: DownloadOptions['onProgress']): Transform & { head(): Buffer } {
  let received = 0;
  const head: Buffer[] = [];
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (received < HEAD_BYTES) head.push(chunk.subarray(0, HEAD_BYTES - received));
      received += chunk.length;
      if (received > maxBytes) return callback(tooLarge(maxBytes));
      onProgress?.(received, total);
      callback(null, chunk);
    },
  });
  return Object.assign(transform, { head: () => Buffer.concat(head) });
}

const tooLarge = (maxBytes: number) => new DownloadError(`The result is larger than ${Math.round(maxBytes / 2 ** 20)} MB; it was not saved.`, false);

/**
 * Streams a result to disk (never whole in memory) and returns the file. The link must be https; the body is
 * bounded in size and time; it goes into a new temporary file (created exclusively, so no existing file or link
 * is written through), and is renamed only when complete and recognised as an image, video, audio or JSON file,
 * whose extension it then gets — the URL's extension is never trusted.
 */
export async function downloadResult(url: string, target: ResultTarget, options: DownloadOptions = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_RESULT_BYTES;
  const timeoutMs = options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const name = safeFileName(target.name);
  try {
    const response = await request(checkedUrl(url, options.apiBaseUrl), { signal, headersTimeout: IDLE_TIMEOUT_MS, bodyTimeout: IDLE_TIMEOUT_MS });
    if (response.statusCode === 403) {
      await response.body.dump();
      throw new DownloadError('The result link has expired (DashScope keeps results about 24 hours).', true);
    }
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new DownloadError(`The result could not be downloaded (HTTP ${response.statusCode}).`, false);
    }
    const total = Number(response.headers['content-length']) || undefined;
    if (total !== undefined && total > maxBytes) {
      await response.body.dump();
      throw tooLarge(maxBytes);
    }
    await fs.mkdir(target.folder, { recursive: true });
    const partial = path.join(target.folder, `.${name}.${randomBytes(6).toString('hex')}.part`);
    // 'wx' = O_CREAT|O_EXCL: fails on any existing entry, a symbolic link included, instead of following it.
    const handle = await fs.open(partial, 'wx');
    try {
      const counted = limiter(maxBytes, total, options.onProgress);
      await pipeline(response.body, counted, handle.createWriteStream(), { signal });
      const media = mediaTypeOf(counted.head());
      if (!media) throw new DownloadError('The result is not an image, video, audio or JSON file; it was not saved.', false);
      const file = path.join(target.folder, name + media.extension);
      await fs.rename(partial, file);
      return file;
    } catch (error) {
      await handle.close().catch(() => undefined);
      await fs.rm(partial, { force: true });
      throw error;
    }
  } catch (error) {
    if (timeout.aborted && !options.signal?.aborted) throw new DownloadError(`The download did not finish within ${Math.round(timeoutMs / 60_000)} minutes.`, false);
    throw error;
  }
}
