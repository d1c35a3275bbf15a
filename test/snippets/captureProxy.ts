import http from 'node:http';

/** A request as it reached the proxy: the path after the run prefix, and the body's exact bytes. */
export interface CapturedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: Buffer;
}

export interface CaptureProxy {
  /** The origin for run `n`: requests under it are recorded for that run, then forwarded. */
  originFor(run: number): string;
  capturedBy(run: number): readonly CapturedRequest[];
  close(): Promise<void>;
}

const RUN_PREFIX = /^\/r(\d+)(?=\/)/;

/**
 * A loopback proxy in front of the simulator that keeps every request body whole (the simulator keeps
 * only the first 100 KB), per run, and accepts URLs up to 1 MB long.
 */
export async function startCaptureProxy(target: string): Promise<CaptureProxy> {
  const captured = new Map<number, CapturedRequest[]>();
  const upstream = new URL(target);
  const server = http.createServer({ maxHeaderSize: 1 << 20 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = RUN_PREFIX.exec(req.url ?? '');
      const path = match ? req.url!.slice(match[0].length) : req.url ?? '/';
      const body = Buffer.concat(chunks);
      const run = Number(match?.[1] ?? -1);
      captured.set(run, [...(captured.get(run) ?? []), { method: req.method ?? 'GET', path, body }]);
      const forwarded = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path, headers: { ...req.headers, host: upstream.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forwarded.on('error', () => res.writeHead(502).end());
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    originFor: (run) => `http://127.0.0.1:${port}/r${run}`,
    capturedBy: (run) => captured.get(run) ?? [],
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
