import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimRegion } from './plans';
import type { Fault } from './faults';

/** Which error shape a route answers with. */
export type Family = 'native' | 'compat';

/** What a route handler gets: the parsed request plus what the gateway learned about it. */
export interface SimRequest {
  readonly method: string;
  /** Path without the region prefix and without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly rawBody: Buffer;
  /** The parsed JSON body; `INVALID_JSON` when it is not JSON, undefined when empty. */
  readonly json: unknown;
  readonly region: SimRegion;
  readonly family: Family;
  readonly requestId: string;
  /** The caller's key (set once authorised): rate-limit buckets are per key and model. */
  key: string;
  /** The fault this request gets, if any. */
  fault: Fault | undefined;
  readonly res: ServerResponse;
}

export const INVALID_JSON = Symbol('invalid-json');

export const newRequestId = () => randomUUID();

export function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return INVALID_JSON;
  }
}

/** Response headers every service answer carries (§2.2). */
function serviceHeaders(req: SimRequest): Record<string, string> {
  const now = String(Date.now());
  return { 'x-request-id': req.requestId, 'x-dashscope-call-gateway': 'true', 'req-arrive-time': now, 'resp-start-time': now, 'req-cost-time': '1' };
}

/**
 * Sends a JSON answer. With the `cut` fault the body stops half-way and the socket is dropped, so
 * a client sees a truncated response whatever the route.
 */
export function sendJson(req: SimRequest, status: number, body: unknown, contentType = 'application/json'): void {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  req.res.writeHead(status, { 'content-type': contentType, 'content-length': bytes.length, ...serviceHeaders(req) });
  if (req.fault?.name === 'cut') {
    req.res.write(bytes.subarray(0, bytes.length >> 1), () => req.res.destroy());
    return;
  }
  req.res.end(bytes);
}

export interface ErrorBody {
  readonly code: string;
  readonly message: string;
}

export interface CompatErrorBody extends ErrorBody {
  readonly type?: string;
}

/** Native error body (§3.3): `{request_id, code, message}`. */
export function nativeError(req: SimRequest, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) req.res.setHeader(name, value);
  sendJson(req, status, { request_id: req.requestId, code, message });
}

/** Compatible-mode error body (§4.4): `{error:{message,type,param,code}, request_id}` (+ `id` on chat). */
export function compatError(req: SimRequest, status: number, error: CompatErrorBody, headers: Record<string, string> = {}, withRequestId = true): void {
  for (const [name, value] of Object.entries(headers)) req.res.setHeader(name, value);
  sendJson(req, status, {
    error: { message: error.message, type: error.type ?? 'invalid_request_error', param: null, code: error.code },
    ...(req.path.endsWith('/chat/completions') ? { id: `chatcmpl-${req.requestId}` } : {}),
    ...(withRequestId ? { request_id: req.requestId } : {}),
  });
}

/** An error the gateway answers (auth, throttling, billing, server faults) with its HTTP status, in the route's family shape. */
export function gatewayError(req: SimRequest, status: number, native: ErrorBody, compat?: CompatErrorBody, headers: Record<string, string> = {}): void {
  if (req.family === 'compat') compatError(req, status, compat ?? native, headers);
  else nativeError(req, status, native.code, native.message, headers);
}

export function wantsNativeSse(req: SimRequest): boolean {
  return req.family === 'native' && String(req.headers['x-dashscope-sse'] ?? '').toLowerCase() === 'enable';
}

/**
 * An error about the request itself (validation, content inspection). On a native call that asked for SSE
 * the service answers HTTP 200 with one `event:error` frame carrying the status (§3.4).
 */
export function requestError(req: SimRequest, status: number, native: ErrorBody, compat?: CompatErrorBody): void {
  if (!wantsNativeSse(req)) return gatewayError(req, status, native, compat);
  req.res.writeHead(200, { 'content-type': 'text/event-stream;charset=UTF-8', ...serviceHeaders(req) });
  req.res.end(nativeEvent(1, { code: native.code, message: native.message, request_id: req.requestId }, 'error', status));
}

export const invalidParameter = (req: SimRequest, message: string) => requestError(req, 400, { code: 'InvalidParameter', message }, { code: 'invalid_parameter_error', message });

/** One native SSE event (§3.4): no space after the colons, the status as a comment line, then a blank line. */
export function nativeEvent(id: number, payload: unknown, event: 'result' | 'error' = 'result', status = 200): string {
  return `id:${id}\nevent:${event}\n:HTTP_STATUS/${status}\ndata:${JSON.stringify(payload)}\n\n`;
}

export function startSse(req: SimRequest): void {
  req.res.writeHead(200, {
    'content-type': req.family === 'compat' ? 'text/event-stream;charset=utf-8' : 'text/event-stream;charset=UTF-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
    ...serviceHeaders(req),
  });
  req.res.flushHeaders();
}

/** An OSS-style XML error (result downloads, the upload target). */
export function ossError(req: SimRequest, status: number, code: string, message: string): void {
  req.res.writeHead(status, { 'content-type': 'application/xml', 'x-oss-request-id': req.requestId });
  req.res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${message}</Message>\n  <RequestId>${req.requestId}</RequestId>\n  <HostId>127.0.0.1</HostId>\n</Error>\n`);
}
