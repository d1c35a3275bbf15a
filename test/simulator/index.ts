import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { RegionId } from '../../src/dashscope/regions';
import { demoKey } from './auth';
import { SimClock } from './clock';
import { Connections, type OutageMode } from './connections';
import type { SimContext } from './context';
import { applyGatewayFault, FaultQueue, type FaultSpec } from './faults';
import { gatewayError, INVALID_JSON, invalidParameter, nativeError, newRequestId, parseJson, type SimRequest } from './http';
import { RateLimiter } from './rateLimits';
import { authorizeOnHost, simHostOf } from './plans';
import { promptOf } from './replies';
import { familyOfPath, findRoute, isServicePath } from './routes';
import { control } from './routes/control';
import { KnowledgeEndpoint } from './routes/knowledge';
import { McpServer } from './routes/mcp';
import { MemoryStore } from './routes/memory';
import { ResultStore } from './routes/results';
import { UploadStore } from './routes/uploads';
import { TaskStore, type TaskKind } from './tasks';

export type { FaultSpec } from './faults';
export type { OutageMode } from './connections';
export { OPENAPI_ACCESS_KEY } from './routes/knowledge';

export interface SimulatorOptions {
  /** Default 0: a free port. The host is always 127.0.0.1. */
  readonly port?: number;
  /** `manual`: simulated time moves only through `advance()`. */
  readonly clock?: 'real' | 'manual';
  /** Per-key, per-model request limits like the service's (default on). */
  readonly rateLimits?: boolean;
  /** Time every async task spends PENDING and RUNNING (defaults depend on the kind of task). */
  readonly taskTimings?: { readonly pendingMs?: number; readonly runningMs?: number };
  /** Called with one line per request. */
  readonly log?: (line: string) => void;
}

export interface RecordedRequest {
  readonly method: string;
  /** Path and query as received, region prefix included. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Simulated epoch ms. */
  readonly at: number;
}

export interface Simulator {
  /** `http://127.0.0.1:PORT`, serving region cn. */
  readonly origin: string;
  /** The origin of a region: `origin + "/" + region`. */
  regionOrigin(region: RegionId): string;
  /** A valid fake key of a region; keys only work in their own region. */
  keyFor(region: RegionId): string;
  /** Every request received, raw headers included. */
  readonly requests: readonly RecordedRequest[];
  /** Queues a fault for the next `times` requests whose path contains `path`. */
  injectFault(fault: FaultSpec): void;
  /** Simulated epoch ms. */
  now(): number;
  /** Moves a manual clock forward. */
  advance(ms: number): void;
  /**
   * An outage on the same port: open connections are dropped and new ones refused (see OutageMode) until
   * `goOnline`; tasks, results and uploads keep their state, and tasks keep running on the simulator clock.
   */
  goOffline(mode?: OutageMode): Promise<void>;
  goOnline(): Promise<void>;
  /**
   * Ends the `[[sim:queue=MS]]` wait of every PENDING task whose prompt contains `text`: they start RUNNING now.
   * A test queues a task for long, checks what it must see while the task waits, then starts it. Returns how many started.
   */
  startQueued(text: string): number;
  /** Result downloads trickle at this many bytes per second from now on; undefined: full speed. */
  paceDownloads(bytesPerSecond: number | undefined): void;
  /** Closes the server and every socket, and cancels pending timers. */
  close(): Promise<void>;
}

/** Default PENDING/RUNNING times per kind of task: long enough to watch in a demo, short enough to wait for. */
const DEFAULT_TIMINGS: Record<TaskKind, { pendingMs: number; runningMs: number }> = {
  image: { pendingMs: 1500, runningMs: 3000 },
  video: { pendingMs: 3000, runningMs: 8000 },
  asr: { pendingMs: 1000, runningMs: 2000 },
};
const MAX_RECORDED_BODY = 100_000;

/** Starts a DashScope simulator on loopback. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = new SimClock(options.clock ?? 'real');
  const now = () => clock.now();
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue();
  const timers = new Set<NodeJS.Timeout>();
  let origin = '';
  let port = 0;
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
  });
  const ctx: SimContext = {
    now,
    origin: () => origin,
    tasks: new TaskStore(now),
    results: new ResultStore(() => origin, sleep),
    uploads: new UploadStore(() => origin, now),
    memory: new MemoryStore(now),
    mcp: new McpServer(),
    knowledge: new KnowledgeEndpoint(),
    limiter: new RateLimiter(now, options.rateLimits ?? true),
    timings: (kind) => ({ ...DEFAULT_TIMINGS[kind], ...options.taskTimings }),
    sleep,
  };

  const server = createServer({ noDelay: true }, (incoming, res) => {
    handle(incoming, res).catch((error: unknown) => {
      options.log?.(`simulator error: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'InternalError', message: 'Simulator failure.' }));
      } else {
        res.destroy();
      }
    });
  });
  const connections = new Connections(server, () => port);
  const offlineFor = (ms: number, mode: OutageMode) => void connections.goOffline(mode).then(() => sleep(ms)).then(() => connections.goOnline());

  async function handle(incoming: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks);
    const method = incoming.method ?? 'GET';
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    requests.push({ method, path: url.pathname + url.search, headers, body: rawBody.toString('utf8').slice(0, MAX_RECORDED_BODY), at: now() });
    options.log?.(`${method} ${url.pathname}`);

    const host = simHostOf(url.pathname);
    const path = host.path;
    const found = host.served ? findRoute(method, path) : undefined;
    const req: SimRequest = {
      method, path, query: url.searchParams, headers: incoming.headers, rawBody, json: parseJson(rawBody),
      region: host.region, family: found?.route.family === 'compat' ? 'compat' : familyOfPath(path),
      requestId: newRequestId(), key: '', fault: undefined, res,
    };

    if (path.startsWith('/__sim/')) return control(req, { faults, clock, requests, offlineFor, paceDownloads: (pace) => (ctx.results.pace = pace) });
    if (found?.route.family === 'open') return found.route.handle(req, ctx, found.params);
    const key = authorizeOnHost(req, host);
    if (key === undefined) return;
    req.key = key;
    if (!found) {
      if (method === 'POST' && isServicePath(path)) return invalidParameter(req, 'url error, please check url!');
      return gatewayError(req, 404, { code: 'NotFound', message: `Not found: ${method} ${path}` }, { code: 'not_found', message: `Not found: ${method} ${path}` });
    }
    const { route, params } = found;
    if (route.asyncOnly && String(req.headers['x-dashscope-async'] ?? '').toLowerCase() !== 'enable') {
      return nativeError(req, 403, 'AccessDenied', 'current user api does not support synchronous calls');
    }
    if (route.method === 'POST' && req.json === INVALID_JSON) {
      return gatewayError(req, 400, { code: 'InvalidParameter', message: 'The request body is not valid JSON.' }, { code: 'invalid_parameter_error', message: 'The request body is not valid JSON.' });
    }
    req.fault = faults.take(req, promptOf(req.json));
    if (req.fault && (await applyGatewayFault(req, req.fault, sleep, options.log))) return;
    if (route.modelCall) {
      const body = req.json as { model?: unknown; input?: unknown } | undefined;
      if (typeof body?.model !== 'string' || body.model === '') return nativeError(req, 400, 'BadRequest.EmptyModel', 'Required parameter "model" missing from request.');
      if (typeof body.input !== 'object' || body.input === null) return nativeError(req, 400, 'BadRequest.EmptyInput', 'Required input parameter missing from request.');
      if (!ctx.uploads.resolves(req)) return;
    }
    await route.handle(req, ctx, params);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('The simulator has no address.');
  port = address.port;
  origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    regionOrigin: (region) => `${origin}/${region}`,
    keyFor: demoKey,
    requests,
    injectFault: (fault) => faults.add(fault),
    now,
    advance: (ms) => clock.advance(ms),
    goOffline: (mode) => connections.goOffline(mode),
    goOnline: () => connections.goOnline(),
    startQueued: (text) => ctx.tasks.startQueued(text),
    paceDownloads: (pace) => (ctx.results.pace = pace),
    close: () => new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.close(() => resolve());
      connections.dropAll();
    }),
  };
}
