import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { ossError, type SimRequest } from '../http';

/** How long results stay downloadable, like the service's signed OSS URLs (§7.4). */
export const RESULT_TTL_MS = 24 * 3600_000;

export interface ResultFile {
  readonly body: Buffer;
  readonly contentType: string;
}

interface Stored {
  readonly make: () => ResultFile;
  made?: ResultFile;
}

/**
 * Result files served by the simulator at signed URLs that expire (`/results/<id>.<ext>?Expires=…&Signature=…`).
 * Files are made on first download, so tasks nobody downloads cost no memory.
 */
export class ResultStore {
  private readonly files = new Map<string, Stored>();
  private readonly secret = randomBytes(16);
  /** Bytes per second a download is sent at; undefined: all at once. */
  pace: number | undefined;

  constructor(private readonly origin: () => string, private readonly sleep: (ms: number) => Promise<void>) {}

  /** Stores a file made on demand; returns its URL, valid until `expiresAtMs` on the simulator clock. */
  put(extension: string, make: () => ResultFile, expiresAtMs: number): string {
    const name = `${randomUUID()}.${extension}`;
    this.files.set(name, { make });
    const expires = Math.floor(expiresAtMs / 1000);
    return `${this.origin()}/results/${name}?Expires=${expires}&OSSAccessKeyId=LTAI5tSimulatorKey&Signature=${encodeURIComponent(this.sign(name, expires))}`;
  }

  /** GET /results/<name>: the file, or OSS's 403 when the signature is wrong or the URL has expired. */
  async serve(req: SimRequest, nowMs: number): Promise<void> {
    const name = decodeURIComponent(req.path.slice('/results/'.length));
    const expires = Number(req.query.get('Expires'));
    const signature = req.query.get('Signature') ?? '';
    if (!Number.isInteger(expires) || signature !== this.sign(name, expires)) {
      return ossError(req, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
    }
    if (nowMs > expires * 1000) return ossError(req, 403, 'AccessDenied', 'Request has expired.');
    const stored = this.files.get(name);
    if (!stored) return ossError(req, 404, 'NoSuchKey', 'The specified key does not exist.');
    const file = (stored.made ??= stored.make());
    req.res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.body.length, 'x-oss-request-id': req.requestId });
    if (req.method === 'HEAD') return void req.res.end();
    await this.send(req, file.body);
  }

  /** Sends a body at the download pace, a tenth of a second's bytes at a time, until sent or the client goes away. */
  private async send(req: SimRequest, body: Buffer): Promise<void> {
    let at = 0;
    while (this.pace !== undefined && at < body.length) {
      if (req.res.destroyed) return;
      const next = at + Math.max(1, Math.round(this.pace / 10));
      req.res.write(body.subarray(at, next));
      at = next;
      if (at < body.length) await this.sleep(100);
    }
    if (!req.res.destroyed) req.res.end(body.subarray(at));
  }

  private sign(name: string, expires: number): string {
    return createHmac('sha1', this.secret).update(`GET\n${expires}\n/${name}`).digest('base64');
  }
}
