import type { ServerResponse } from 'node:http';

const BATCH_BYTES = 64 * 1024;
const NON_ASCII = /[^\t\n\r\u0020-\u007e]/;

/** Writes, then waits for `drain` when the socket buffer is full (backpressure). */
export async function write(res: ServerResponse, chunk: string | Buffer): Promise<void> {
  if (res.destroyed) return;
  if (res.write(chunk)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Writes SSE frames fast: many frames per socket write, honouring backpressure. Frames with multi-byte
 * characters go out in two writes split inside a character, flushed apart, as TCP may deliver them.
 */
export class FrameWriter {
  private pending: string[] = [];
  private size = 0;
  /** Frames written so far (for faults that strike mid-stream). */
  count = 0;

  /** `paceMs`: each frame goes out on its own, that long after the previous one. */
  constructor(private readonly res: ServerResponse, private readonly sleep: (ms: number) => Promise<void>, private readonly paceMs = 0) {}

  async frame(text: string): Promise<void> {
    this.count++;
    if (NON_ASCII.test(text)) return this.splitFrame(text);
    this.pending.push(text);
    this.size += text.length;
    if (this.paceMs > 0) {
      await this.flush();
      // A closed stream (the client stopped reading) runs out its frames at once.
      if (!this.res.destroyed) await this.sleep(this.paceMs);
    } else if (this.size >= BATCH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.size = 0;
    await write(this.res, text);
  }

  async end(): Promise<void> {
    await this.flush();
    this.res.end();
  }

  /** Drops the connection after what was written has reached the socket (a stream cut). */
  async cut(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve) => this.res.write('', () => resolve()));
    await this.sleep(10);
    this.res.destroy();
  }

  private async splitFrame(text: string): Promise<void> {
    await this.flush();
    const bytes = Buffer.from(text, 'utf8');
    const lead = bytes.findIndex((byte) => byte >= 0xc0);
    await new Promise<void>((resolve) => this.res.write(bytes.subarray(0, lead + 1), () => resolve()));
    // Give the reader a turn to take the first half on its own before the rest arrives.
    await this.sleep(2);
    await write(this.res, bytes.subarray(lead + 1));
  }
}
