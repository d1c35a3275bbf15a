import { fetch, request, type Dispatcher, type FormData } from 'undici';
import type { z } from 'zod';
import { ClientErrorCode, DashScopeError, errorFromBody, parseJson, parseRetryAfter, registerSecret } from './errors';
import { version as CLIENT_VERSION } from '../../package.json';
import { REGIONS, type RegionId } from './regions';
import { mayReach } from '../shared/loopback';

export interface RequestLogEntry {
  readonly method: string;
  /** Path and query of the request: never headers, never the key. */
  readonly path: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly durationMs: number;
  readonly attempt: number;
  readonly errorCode: string | undefined;
}

export interface RetryOptions {
  /** Total tries, the first included. */
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

export interface ClientOptions {
  readonly apiKey: string;
  /** Region whose official host is used; default `cn` (Beijing). */
  readonly region?: RegionId;
  /** Overrides the region's host: a gateway, a workspace-dedicated host, or the simulator (may carry a path prefix). */
  readonly baseUrl?: string;
  /** Sent as `X-DashScope-WorkSpace`. */
  readonly workspaceId?: string;
  /** Where the OpenAI-compatible API lives on this host; default `/compatible-mode/v1` (Coding Plan: `/v1`). */
  readonly compatiblePath?: string;
  readonly userAgent?: string;
  /** Per-request timeout; for streams, the longest wait for the first byte and between two chunks. */
  readonly timeoutMs?: number;
  readonly retry?: RetryOptions;
  readonly dispatcher?: Dispatcher;
  readonly onRequest?: (entry: RequestLogEntry) => void;
  /** Test hooks: the clock and the sleep used by backoff and polling. */
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export interface HttpCall {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** A paid submit: never re-sent once its body may have reached the server. */
  readonly billable?: boolean;
  /** Response is a stream: the timeout bounds waits between bytes, not the whole response. */
  readonly stream?: boolean;
  /** The largest body this endpoint can legitimately send; default DEFAULT_MAX_RESPONSE_BYTES. */
  readonly maxResponseBytes?: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Dispatcher.ResponseData['body'];
  readonly requestId: string | undefined;
  readonly endpoint: string;
  /** The call's body cap, applied by responseText. */
  readonly maxBytes: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const COMPATIBLE_PATH = '/compatible-mode/v1';
/** A reply, a model list or a task is well under this; a larger body is refused rather than held in memory. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 2 ** 20;
/** An error body is read up to this much: any service message fits, a proxy's page is cut. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** Errors raised by undici that prove the request never left this machine, so a retry cannot duplicate it. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The longest delay a Node timer takes; a longer one fires at once (with a TimeoutOverflowWarning). */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** The longest wait a server's Retry-After may impose: beyond that the user is better served by an error and a retry. */
export const MAX_RETRY_AFTER_SECONDS = 600;

/** A delay a timer can honour: a number from 0 to MAX_TIMER_MS (anything else, NaN included, is clamped). */
export function timerDelay(ms: number): number {
  return ms > 0 ? Math.min(ms, MAX_TIMER_MS) : 0;
}

export const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, timerDelay(ms));
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function header(headers: HttpResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The body as text when it is at most `limit` bytes; otherwise the first `limit` bytes, the rest unread and the
 * body closed (leaving the loop closes a Node stream and cancels a web stream).
 */
async function readUpTo(body: AsyncIterable<Uint8Array>, limit: number): Promise<{ text: string; complete: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size + chunk.length > limit) {
      chunks.push(chunk.subarray(0, limit - size));
      return { text: Buffer.concat(chunks).toString('utf8'), complete: false };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), complete: true };
}

/** An undici body whose early close is not reported as an error: nobody waits for the rest. */
const quiet = (body: Dispatcher.ResponseData['body']) => body.on('error', () => undefined);

/** Reads a successful response's body, refusing one larger than its endpoint's cap before holding it all. */
export async function responseText(response: HttpResponse): Promise<string> {
  const tooLarge = () => new DashScopeError({
    code: ClientErrorCode.BadResponse,
    endpoint: response.endpoint,
    requestId: response.requestId,
    retryable: false,
    message: `${response.endpoint}: the response is larger than ${formatBytes(response.maxBytes)}, more than this endpoint ever sends; it was not read.`,
  });
  const declared = Number(header(response.headers, 'content-length'));
  if (declared > response.maxBytes) {
    await response.body.dump();
    throw tooLarge();
  }
  const { text, complete } = await readUpTo(quiet(response.body), response.maxBytes);
  if (!complete) throw tooLarge();
  return text;
}

function formatBytes(bytes: number): string {
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(0)} MB` : `${(bytes / 1024).toFixed(0)} KB`;
}

/** Sends requests with auth, timeouts, abort, retries and logging. The key only ever goes into `Authorization`. */
export class Transport {
  readonly baseUrl: string;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;
  private readonly staticHeaders: Record<string, string>;

  constructor(private readonly options: ClientOptions) {
    if (!options.apiKey || /\s/.test(options.apiKey)) throw new TypeError('An API key without spaces is required.');
    registerSecret(options.apiKey);
    this.baseUrl = (options.baseUrl ?? REGIONS[options.region ?? 'cn'].origin).replace(/\/+$/, '');
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.maxAttempts = Math.max(1, options.retry?.maxAttempts ?? 4);
    this.baseDelayMs = options.retry?.baseDelayMs ?? 1000;
    this.maxDelayMs = options.retry?.maxDelayMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.staticHeaders = {
      authorization: `Bearer ${options.apiKey}`,
      'user-agent': options.userAgent ?? `dashscope-studio/${CLIENT_VERSION} node/${process.versions.node}`,
      ...(options.workspaceId ? { 'x-dashscope-workspace': options.workspaceId } : {}),
    };
  }

  /** Sends a call and returns the successful response with its body unread; failures throw DashScopeError. */
  async send(call: HttpCall, options: CallOptions = {}): Promise<HttpResponse> {
    const query = call.query
      ? Object.entries(call.query).filter(([, v]) => v !== undefined).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')
      : '';
    const callPath = this.options.compatiblePath && call.path.startsWith(COMPATIBLE_PATH)
      ? this.options.compatiblePath + call.path.slice(COMPATIBLE_PATH.length)
      : call.path;
    const path = query ? `${callPath}?${query}` : callPath;
    const endpoint = `${call.method} ${callPath}`;
    const bodyText = call.body === undefined ? undefined : JSON.stringify(call.body);
    const headers: Record<string, string> = { ...this.staticHeaders, ...call.headers };
    if (bodyText !== undefined) headers['content-type'] = 'application/json';
    if (bodyText?.includes('"oss://')) headers['x-dashscope-ossresourceresolve'] = 'enable';

    for (let attempt = 1; ; attempt++) {
      options.signal?.throwIfAborted();
      const started = this.now();
      const log = (status: number | undefined, requestId: string | undefined, code: string | undefined) =>
        this.options.onRequest?.({ method: call.method, path, status, requestId, durationMs: this.now() - started, attempt, errorCode: code });

      const timeout = options.timeoutMs ?? this.timeoutMs;
      const controller = new AbortController();
      const onAbort = () => controller.abort(options.signal!.reason);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const timer = call.stream ? undefined : setTimeout(() => controller.abort(new DOMException('timeout', 'TimeoutError')), timerDelay(timeout));
      let failure: DashScopeError;
      let returned = false;
      try {
        const response = await request(this.baseUrl + path, {
          method: call.method,
          headers,
          body: bodyText,
          signal: controller.signal,
          dispatcher: this.options.dispatcher,
          headersTimeout: timeout,
          bodyTimeout: timeout,
        });
        const requestId = header(response.headers, 'x-request-id');
        if (response.statusCode >= 200 && response.statusCode < 300) {
          log(response.statusCode, requestId, undefined);
          // The timeout and the caller's signal keep covering the body until it has been read.
          response.body.once('close', () => {
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
          });
          returned = true;
          return { status: response.statusCode, headers: response.headers, body: response.body, requestId, endpoint, maxBytes: call.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES };
        }
        const { text } = await readUpTo(quiet(response.body), MAX_ERROR_BODY_BYTES);
        const retryAfter = parseRetryAfter(response.headers['retry-after'], this.now());
        failure = errorFromBody(response.statusCode, text, endpoint, requestId, retryAfter === undefined ? undefined : Math.min(retryAfter, MAX_RETRY_AFTER_SECONDS));
        log(response.statusCode, failure.requestId, failure.code);
      } catch (error) {
        if (options.signal?.aborted) {
          log(undefined, undefined, 'Aborted');
          throw options.signal.reason;
        }
        failure = this.networkFailure(error, call, endpoint, timeout);
        log(undefined, undefined, failure.code);
      } finally {
        if (!returned) {
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', onAbort);
        }
      }

      if (!this.mayRetry(failure, call) || attempt >= this.maxAttempts) throw failure;
      await this.sleep(this.backoff(attempt, failure.retryAfterSeconds), options.signal);
    }
  }

  /** Sends a call and parses its JSON body with `schema`; a body that does not fit names the field and endpoint. */
  async json<S extends z.ZodType>(call: HttpCall, schema: S, options?: CallOptions): Promise<z.output<S>> {
    const response = await this.send(call, options);
    let text: string;
    try {
      text = await responseText(response);
    } catch (error) {
      // The answer was cut after it began: for a submit, the task may exist (SubmitOutcomeUnknown), never a raw socket error.
      if (error instanceof DashScopeError || options?.signal?.aborted) throw error;
      throw this.networkFailure(error, call, response.endpoint, options?.timeoutMs ?? this.timeoutMs);
    }
    return parseBody(text, schema, response.endpoint, response.status, response.requestId);
  }

  /**
   * POSTs a form to a host outside DashScope (the OSS target of an upload): no key, no retry (the object
   * may not be overwritten), the same timeout, abort, dispatcher and log as every other call. The host must be
   * https (http only on this machine), and a redirect is refused rather than followed: the file goes where the
   * policy said or nowhere.
   */
  async postForm(url: string, form: FormData, options: CallOptions = {}): Promise<void> {
    const target = new URL(url);
    const endpoint = `POST ${target.host}`;
    if (!mayReach(target, this.baseUrl)) {
      throw new DashScopeError({ code: ClientErrorCode.BadResponse, endpoint, retryable: false, message: `${endpoint}: the upload host is not https (${target.protocol}//${target.host}); the file was not sent.` });
    }
    const timeout = options.timeoutMs ?? this.timeoutMs;
    const controller = new AbortController();
    const onAbort = () => controller.abort(options.signal!.reason);
    options.signal?.throwIfAborted();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new DOMException('timeout', 'TimeoutError')), timerDelay(timeout));
    const started = this.now();
    const log = (status: number | undefined, code: string | undefined) =>
      this.options.onRequest?.({ method: 'POST', path: target.pathname, status, requestId: undefined, durationMs: this.now() - started, attempt: 1, errorCode: code });
    try {
      const response = await fetch(url, { method: 'POST', body: form, redirect: 'manual', signal: controller.signal, dispatcher: this.options.dispatcher });
      const { text } = response.body ? await readUpTo(response.body, MAX_ERROR_BODY_BYTES) : { text: '' };
      if (response.ok) {
        log(response.status, undefined);
        return;
      }
      const redirected = response.status >= 300 && response.status < 400;
      const code = redirected ? 'UploadRedirected' : /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? `HTTP${response.status}`;
      log(response.status, code);
      throw new DashScopeError({
        status: response.status,
        code,
        endpoint,
        retryable: false,
        message: redirected
          ? `${endpoint}: the upload host answered with a redirect (HTTP ${response.status}); uploads are not redirected, the file was not sent elsewhere.`
          : `${endpoint}: ${/<Message>([^<]+)<\/Message>/.exec(text)?.[1] ?? `the upload was refused with HTTP ${response.status}`}.`,
      });
    } catch (error) {
      if (error instanceof DashScopeError) throw error;
      if (options.signal?.aborted) throw options.signal.reason;
      const failure = this.networkFailure(error, { method: 'POST', path: '/' }, endpoint, timeout);
      log(undefined, failure.code);
      throw failure;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  private networkFailure(error: unknown, call: HttpCall, endpoint: string, timeout: number): DashScopeError {
    const code = errorCode(error);
    const timedOut = (error instanceof DOMException && error.name === 'TimeoutError') || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
    const notSent = code !== undefined && NOT_SENT_CODES.has(code);
    if (call.billable && !notSent) {
      return new DashScopeError({
        code: ClientErrorCode.SubmitOutcomeUnknown,
        endpoint,
        retryable: false,
        message: `${endpoint}: ${timedOut ? `no answer within ${Math.round(timeout / 1000)} s` : 'the connection was lost'} after the request was sent. `
          + 'The task may have been created and billed: check the task list before submitting again.',
      });
    }
    return new DashScopeError({
      code: timedOut ? ClientErrorCode.Timeout : ClientErrorCode.Network,
      endpoint,
      retryable: true,
      message: timedOut
        ? `${endpoint}: no answer within ${Math.round(timeout / 1000)} s.`
        : `${endpoint}: network error (${code ?? (error instanceof Error ? error.message : String(error))}).`,
    });
  }

  private mayRetry(failure: DashScopeError, call: HttpCall): boolean {
    if (!failure.retryable) return false;
    // A billable submit is re-sent only when the service provably did not take it.
    if (call.billable) return failure.status === 429 || failure.status === 503 || failure.code === ClientErrorCode.Network;
    return true;
  }

  private backoff(attempt: number, retryAfterSeconds: number | undefined): number {
    const exponential = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    const jittered = exponential / 2 + this.random() * (exponential / 2);
    return retryAfterSeconds === undefined ? jittered : Math.min(this.maxDelayMs * 2, Math.max(jittered, retryAfterSeconds * 1000));
  }
}

export function parseBody<S extends z.ZodType>(text: string, schema: S, endpoint: string, status?: number, requestId?: string): z.output<S> {
  return parseValue(parseJson(text, endpoint, status, requestId), schema, endpoint, requestId);
}

export function parseValue<S extends z.ZodType>(value: unknown, schema: S, endpoint: string, requestId?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(body)';
  throw new DashScopeError({
    code: ClientErrorCode.BadResponse,
    endpoint,
    requestId,
    retryable: false,
    message: `${endpoint}: unexpected response, field "${field}": ${issue?.message ?? 'invalid'}.`,
  });
}
