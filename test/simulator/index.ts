import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { REGION_IDS, type RegionId } from '../../src/dashscope/regions';
import { parseListTime, SimClock } from './clock';
import { FaultQueue, type Fault, type FaultSpec } from './faults';
import { newRequestId, nativeError, parseJsonBody, routeError, sendJson, type SimRequest } from './http';
import { MediaStore } from './media';
import { RateLimiter } from './rateLimits';
import { compatChat, listModels, nativeChat } from './routes/chat';
import { asyncImageGeneration, legacyImage, syncImage, transcription, tts, video, type MediaContext } from './routes/media';
import { UploadService } from './routes/uploads';
import { TaskStore } from './tasks';

export type { FaultSpec } from './faults';

export interface SimulatorOptions {
  /** Default 0: a free port. The host is always 127.0.0.1. */
  readonly port?: number;
  /** `manual`: simulated time moves only through `advance()`. */
  readonly clock?: 'real' | 'manual';
  /** Per-key, per-model request limits like the service's (default on). */
  readonly rateLimits?: boolean;
  /** Time every async task spends PENDING and RUNNING (defaults depend on the kind of task). */
  readonly taskTimings?: { readonly pendingMs?: number; readonly runningMs?: number };
  readonly log?: (line: string) => void;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly at: number;
}

export interface Simulator {
  /** `http://127.0.0.1:PORT`, serving region cn. */
  readonly origin: string;
  /** The origin of a region: `origin + "/" + region`. */
  regionOrigin(region: RegionId): string;
  /** A valid fake key of a region; keys only work in their own region. */
  keyFor(region: RegionId): string;
  readonly requests: readonly RecordedRequest[];
  injectFault(fault: FaultSpec): void;
  now(): number;
  advance(ms: number): void;
  close(): Promise<void>;
}

const KEY = /^sk-sim-(cn|intl|us|hk)-[A-Za-z0-9_-]+$/;
const DEFAULT_TIMINGS = { image: { pendingMs: 1500, runningMs: 3000 }, video: { pendingMs: 3000, runningMs: 8000 }, asr: { pendingMs: 1000, runningMs: 2000 } };
const ASYNC_ONLY = /\/(image-generation|text2image|image2image|video-generation|image2video|asr)\//;

/** Starts a DashScope simulator on loopback. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = new SimClock(options.clock ?? 'real');
  const now = () => clock.now();
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue();
  const sockets = new Set<Socket>();
  let origin = '';
  const media = new MediaStore(() => origin);
  const tasks = new TaskStore(now);
  const uploads = new UploadService(() => origin, now);
  const limiter = new RateLimiter(now, options.rateLimits ?? true);
  const timings = (kind: keyof typeof DEFAULT_TIMINGS) => ({ ...DEFAULT_TIMINGS[kind], ...options.taskTimings });
  const ctx: MediaContext = { tasks, media, now, timings };

  const server: Server = createServer((incoming, res) => {
    void handle(incoming, res).catch((error: unknown) => {
      options.log?.(`simulator error: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'InternalError', message: 'Simulator failure.' }));
      } else {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(incoming: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks);
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    requests.push({ method: incoming.method ?? 'GET', path: url.pathname + url.search, headers, body: rawBody.toString('utf8').slice(0, 100_000), at: now() });
    options.log?.(`${incoming.method} ${url.pathname}`);

    const prefix = /^\/(cn|intl|us|hk)(?=\/)/.exec(url.pathname);
    const region = prefix?.[1] ?? 'cn';
    const path = prefix ? url.pathname.slice(prefix[0].length) : url.pathname;
    const req: SimRequest = { method: incoming.method ?? 'GET', path, query: url.searchParams, headers: incoming.headers, rawBody, region, requestId: newRequestId(), account: region, res };

    if (path.startsWith('/__sim/')) return control(req);
    if (path.startsWith('/results/')) return result(req);
    if (path === '/oss' || path === '/oss/') return uploads.post(req);
    if (!authorized(req)) return;

    const fault = faults.take(req);
    if (fault && (await applyGenericFault(req, fault))) return;
    return route(req, fault);
  }

  function authorized(req: SimRequest): boolean {
    const header = String(req.headers.authorization ?? '');
    const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const match = key ? KEY.exec(key) : null;
    if (match && match[1] === req.region) return true;
    const message = key ? 'Invalid API-key provided.' : 'No API-key provided.';
    routeError(req, 401, { code: 'InvalidApiKey', message }, {
      code: 'invalid_api_key',
      message: 'Incorrect API key provided. For details, see: https://help.aliyun.com/zh/model-studio/error-code#apikey-error',
    });
    return false;
  }

  /** Faults every route shares; returns true when the request has been answered (or dropped). */
  async function applyGenericFault(req: SimRequest, fault: Fault): Promise<boolean> {
    switch (fault.name) {
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, Number(fault.value ?? 1000)));
        return false;
      case '429':
        routeError(req, 429, { code: 'Throttling.RateQuota', message: 'Requests rate limit exceeded, please try again later.' },
          { code: 'limit_requests', message: 'You have exceeded your current request limit. For details, see: https://help.aliyun.com/zh/model-studio/error-code#rate-limit', type: 'limit_requests' },
          { 'retry-after': /retry-after=(\d+)/.exec(fault.value ?? '')?.[1] ?? fault.value?.match(/^\d+$/)?.[0] ?? '1' });
        return true;
      case '500':
        routeError(req, 500, { code: 'InternalError', message: 'An internal error has occured, please try again later or contact service support.' }, { code: 'internal_error', message: 'An internal error has occured.', type: 'internal_error' });
        return true;
      case '503':
        routeError(req, 503, { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable.' });
        return true;
      case 'arrearage':
        routeError(req, 400, { code: 'Arrearage', message: 'Access denied, please make sure your account is in good standing.' }, { code: 'Arrearage', message: 'Access denied, please make sure your account is in good standing. For details, see: https://help.aliyun.com/zh/model-studio/error-code#overdue-payment', type: 'Arrearage' });
        return true;
      case 'html':
        req.res.writeHead(502, { 'content-type': 'text/html' });
        req.res.end('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>');
        return true;
      case 'empty':
        req.res.writeHead(500, { 'content-length': '0' });
        req.res.end();
        return true;
      case 'malformed':
        req.res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': req.requestId });
        req.res.end('{"output":{"choices":[{"message":{"content":"trunc');
        return true;
      case 'reset':
        req.res.socket?.destroy();
        return true;
      case 'hang':
        return true;
      default:
        return false;
    }
  }

  function asyncRefused(req: SimRequest): boolean {
    if (!ASYNC_ONLY.test(req.path) || req.headers['x-dashscope-async'] === 'enable') return false;
    nativeError(req, 403, 'AccessDenied', 'current user api does not support synchronous calls');
    return true;
  }

  async function route(req: SimRequest, fault: Fault | undefined): Promise<void> {
    const { method, path } = req;
    if (method === 'GET' && path === '/compatible-mode/v1/models') return listModels(req);
    if (method === 'GET' && path === '/api/v1/uploads') {
      if (limiter.refuse(req, `${req.account}:getPolicy`, 100)) return;
      return uploads.getPolicy(req);
    }
    if (path.startsWith('/api/v1/tasks')) return taskRoutes(req);
    if (method !== 'POST') return nativeError(req, 404, 'NotFound', `No route for ${method} ${path}.`);

    const body = parseJsonBody(req);
    if (typeof body === 'symbol') return routeError(req, 400, { code: 'InvalidParameter', message: 'The request body is not valid JSON.' }, { code: 'invalid_parameter_error', message: 'The request body is not valid JSON.' });
    if (path === '/compatible-mode/v1/chat/completions') return compatChat(req, body, fault);
    if (typeof body !== 'object' || body === null || typeof (body as { model?: unknown }).model !== 'string') {
      return nativeError(req, 400, 'BadRequest.EmptyModel', 'Required parameter "model" missing from request.');
    }
    const request = body as Record<string, unknown>;
    const model = String(request.model);
    if (asyncRefused(req) || !uploads.resolve(req)) return;
    switch (path) {
      case '/api/v1/services/aigc/text-generation/generation':
        return nativeChat(req, body, fault, false);
      case '/api/v1/services/aigc/multimodal-generation/generation':
        if (model.startsWith('qwen-image') || model.startsWith('z-image')) return syncImage(req, ctx, request, fault);
        if (model.includes('tts')) return tts(req, ctx, body, fault);
        return nativeChat(req, body, fault, true);
      case '/api/v1/services/aigc/image-generation/generation':
        return asyncImageGeneration(req, ctx, request, fault);
      case '/api/v1/services/aigc/text2image/image-synthesis':
        return legacyImage(req, ctx, request, fault, false);
      case '/api/v1/services/aigc/image2image/image-synthesis':
        return legacyImage(req, ctx, request, fault, true);
      case '/api/v1/services/aigc/video-generation/video-synthesis':
      case '/api/v1/services/aigc/image2video/video-synthesis':
        if (limiter.refuse(req, `${req.account}:${model}:submit`, 2)) return;
        return video(req, ctx, request, fault, path.includes('image2video'));
      case '/api/v1/services/audio/asr/transcription':
        return transcription(req, ctx, body, fault);
      default:
        return nativeError(req, 404, 'NotFound', `No route for ${method} ${path}.`);
    }
  }

  function taskRoutes(req: SimRequest): void {
    if (limiter.refuse(req, `${req.account}:tasks`, 20)) return;
    const cancel = /^\/api\/v1\/tasks\/([^/]+)\/cancel$/.exec(req.path);
    if (cancel && req.method === 'POST') {
      if (!tasks.cancel(req.account, decodeURIComponent(cancel[1]!))) {
        return nativeError(req, 400, 'UnsupportedOperation', 'Failed to cancel the task, please confirm if the task is in PENDING status.');
      }
      return sendJson(req, 200, { request_id: req.requestId }, 'application/json;charset=UTF-8');
    }
    const get = /^\/api\/v1\/tasks\/([^/]+)$/.exec(req.path);
    if (get && req.method === 'GET') {
      const view = tasks.view(req.account, decodeURIComponent(get[1]!));
      return sendJson(req, 200, { request_id: req.requestId, output: view.output, ...(view.usage ? { usage: view.usage } : {}) });
    }
    if (req.path === '/api/v1/tasks' && req.method === 'GET') {
      const q = req.query;
      const time = (name: string) => {
        const value = q.get(name);
        return value ? parseListTime(value) : undefined;
      };
      const pageNo = Math.max(1, Number(q.get('page_no') ?? 1) || 1);
      const pageSize = Math.min(100, Math.max(1, Number(q.get('page_size') ?? 10) || 10));
      const all = tasks.list(req.account, { start: time('start_time'), end: time('end_time'), model: q.get('model_name') ?? undefined, status: q.get('status') ?? undefined });
      return sendJson(req, 200, {
        request_id: req.requestId,
        total: all.length,
        total_page: Math.ceil(all.length / pageSize),
        page_no: pageNo,
        page_size: pageSize,
        data: all.slice((pageNo - 1) * pageSize, pageNo * pageSize),
      });
    }
    nativeError(req, 404, 'NotFound', `No route for ${req.method} ${req.path}.`);
  }

  function result(req: SimRequest): void {
    const name = decodeURIComponent(req.path.slice('/results/'.length));
    const found = media.get(name, req.query, now());
    if (typeof found === 'string') {
      const [status, code, message] = found === 'expired'
        ? [403, 'AccessDenied', 'Request has expired.']
        : found === 'denied' ? [403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.'] : [404, 'NoSuchKey', 'The specified key does not exist.'];
      req.res.writeHead(status, { 'content-type': 'application/xml' });
      req.res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${req.requestId}</RequestId></Error>`);
      return;
    }
    req.res.writeHead(200, { 'content-type': found.contentType, 'content-length': found.body.length });
    req.res.end(found.body);
  }

  function control(req: SimRequest): void {
    const body = parseJsonBody(req) as Record<string, unknown> | undefined;
    try {
      if (req.path === '/__sim/faults' && req.method === 'POST') {
        faults.add(body as unknown as FaultSpec);
        return sendJson(req, 200, { ok: true });
      }
      if (req.path === '/__sim/advance' && req.method === 'POST') {
        clock.advance(Number(body?.ms ?? 0));
        return sendJson(req, 200, { now: now() });
      }
      if (req.path === '/__sim/requests' && req.method === 'GET') return sendJson(req, 200, requests);
    } catch (error) {
      return sendJson(req, 400, { error: error instanceof Error ? error.message : String(error) });
    }
    sendJson(req, 404, { error: 'Unknown control route.' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('The simulator has no address.');
  origin = `http://127.0.0.1:${address.port}`;

  return {
    origin,
    regionOrigin: (region) => `${origin}/${region}`,
    keyFor: (region) => `sk-sim-${region}-demo`,
    requests,
    injectFault: (fault) => faults.add(fault),
    now,
    advance: (ms) => clock.advance(ms),
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

export { REGION_IDS };
