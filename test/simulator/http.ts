import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a route handler gets: the parsed request plus helpers that answer like the real service. */
export interface SimRequest {
  readonly method: string;
  /** Path without the region prefix and without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly rawBody: Buffer;
  readonly region: string;
  readonly requestId: string;
  /** The key's account: every key of a region shares one (tasks are visible account-wide). */
  readonly account: string;
  readonly res: ServerResponse;
}

export const newRequestId = () => randomUUID();

export function sendJson(req: SimRequest, status: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  req.res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'x-request-id': req.requestId,
    'x-dashscope-call-gateway': 'true',
    'req-arrive-time': String(Date.now()),
  });
  req.res.end(text);
}

/** Native error body: `{code, message, request_id}` (key order as in captures: request_id first). */
export function nativeError(req: SimRequest, status: number, code: string, message: string, extraHeaders: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(extraHeaders)) req.res.setHeader(name, value);
  sendJson(req, status, { request_id: req.requestId, code, message });
}

/** Compatible-mode error body: `{error:{message,type,param,code}, request_id}`. */
export function compatError(req: SimRequest, status: number, code: string, message: string, type = 'invalid_request_error', extraHeaders: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(extraHeaders)) req.res.setHeader(name, value);
  sendJson(req, status, { error: { message, type, param: null, code }, request_id: req.requestId });
}

export function isCompatible(req: SimRequest): boolean {
  return req.path.startsWith('/compatible-mode/');
}

/** Answers an error in the body shape of the route's family. */
export function routeError(req: SimRequest, status: number, native: { code: string; message: string }, compat?: { code: string; message: string; type?: string }, extraHeaders?: Record<string, string>): void {
  if (isCompatible(req)) {
    const c = compat ?? { code: native.code, message: native.message };
    compatError(req, status, c.code, c.message, c.type ?? 'invalid_request_error', extraHeaders);
  } else {
    nativeError(req, status, native.code, native.message, extraHeaders);
  }
}

export function parseJsonBody(req: SimRequest): unknown {
  if (req.rawBody.length === 0) return undefined;
  try {
    return JSON.parse(req.rawBody.toString('utf8'));
  } catch {
    return Symbol.for('invalid-json');
  }
}

/** Writes SSE text, waiting for the socket to drain when its buffer is full. */
export async function write(res: ServerResponse, chunk: string | Buffer): Promise<void> {
  if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve));
}

export function startSse(req: SimRequest, charset: 'UTF-8' | 'utf-8'): void {
  req.res.writeHead(200, {
    'content-type': `text/event-stream;charset=${charset}`,
    'cache-control': 'no-cache',
    'x-request-id': req.requestId,
    'x-accel-buffering': 'no',
  });
  req.res.flushHeaders();
}

/** Drops the connection mid-response, after what was written has reached the socket (a "stream cut"). */
export async function cutConnection(res: ServerResponse): Promise<void> {
  await new Promise<void>((resolve) => res.write('', () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, 20));
  res.destroy();
}
