/** API keys in use by clients of this process: a service or proxy that echoes one never gets it into an error. */
const secrets = new Set<string>();
let secretPattern: RegExp | undefined;

export function registerSecret(secret: string): void {
  if (secret === '' || secrets.has(secret)) return;
  secrets.add(secret);
  const escaped = [...secrets].sort((a, b) => b.length - a.length).map((known) => known.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  secretPattern = new RegExp(escaped.join('|'), 'gi');
}

/** Any bearer token, known or not (a key of another process, a gateway's own token). */
const BEARER_TOKEN = /Bearer\s+[A-Za-z0-9._~+/=-]{8,}/gi;

/** Removes every key in use, in any letter case, and every bearer token from text a server provided. */
export function redactSecrets(text: string): string {
  const withoutKeys = secretPattern ? text.replace(secretPattern, '<api key>') : text;
  return withoutKeys.replace(BEARER_TOKEN, 'Bearer <api key>');
}

/** One error type for every failure the service reports, whatever the shape of its body. Never carries a key. */
export class DashScopeError extends Error {
  override readonly name = 'DashScopeError';
  /** HTTP status, when the failure came with one (stream errors carry the per-event status). */
  readonly status: number | undefined;
  /** The service's code (`InvalidApiKey`, `invalid_api_key`, `Throttling.RateQuota`, …) or one of ours. */
  readonly code: string;
  readonly requestId: string | undefined;
  /** Whether sending the same request again later may succeed. */
  readonly retryable: boolean;
  /** Which endpoint failed, e.g. `POST /compatible-mode/v1/chat/completions`. */
  readonly endpoint: string;
  /** Seconds the service asked us to wait (Retry-After), when it said. */
  readonly retryAfterSeconds: number | undefined;

  constructor(details: {
    message: string;
    code: string;
    endpoint: string;
    status?: number;
    requestId?: string;
    retryable?: boolean;
    retryAfterSeconds?: number;
  }) {
    // Every string may come from a server (or a task id it sent, in the endpoint): none may carry a key to a page, a file or the log.
    super(redactSecrets(details.message));
    this.status = details.status;
    this.code = redactSecrets(details.code);
    this.requestId = details.requestId === undefined ? undefined : redactSecrets(details.requestId);
    this.endpoint = redactSecrets(details.endpoint);
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.retryable = details.retryable ?? isRetryable(details.status, details.code, details.message);
  }
}

/** Client-side codes for failures that have no service code. */
export const ClientErrorCode = {
  /** The body is not the JSON the endpoint documents (a proxy page, an empty body, a missing field). */
  BadResponse: 'BadResponse',
  /** A timeout or connection loss after a billable request may have reached the service. */
  SubmitOutcomeUnknown: 'SubmitOutcomeUnknown',
  Timeout: 'Timeout',
  Network: 'NetworkError',
} as const;

const NEVER_RETRY_CODES = new Set([
  'InvalidParameter', 'invalid_parameter_error', 'DataInspectionFailed', 'data_inspection_failed', 'Arrearage',
  'InvalidApiKey', 'invalid_api_key', 'AccessDenied', 'access_denied', 'UnsupportedOperation', 'ModelNotFound',
  'model_not_found', 'PrepaidBillOverdue', 'PostpaidBillOverdue', 'CommodityNotPurchased', 'AllocationQuota.FreeTierOnly',
  ClientErrorCode.SubmitOutcomeUnknown, ClientErrorCode.BadResponse,
]);

/**
 * Retry rules from the service's error table: throttling, timeouts and server errors are transient;
 * billing, validation, auth and content-inspection failures are not. `Throttling.AllocationQuota` means
 * either "wait for the window" or "free quota used up" — only the message tells them apart.
 */
export function isRetryable(status: number | undefined, code: string, message: string): boolean {
  if (NEVER_RETRY_CODES.has(code)) return false;
  if (/free allocated quota exceeded|free tier/i.test(message)) return false;
  if (code === ClientErrorCode.Network || code === ClientErrorCode.Timeout) return true;
  if (status === undefined) return false;
  return status === 408 || status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** Parses `Retry-After` given in seconds or as an HTTP date. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(raw.trim())) return Number(raw.trim());
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Builds the error for a failed response from its body, which may be the native `{code,message,request_id}`,
 * the compatible-mode `{error:{message,type,code}}`, or anything else (HTML from a proxy, an empty body).
 */
export function errorFromBody(
  status: number | undefined,
  bodyText: string,
  endpoint: string,
  headerRequestId?: string,
  retryAfterSeconds?: number,
): DashScopeError {
  let json: unknown;
  try {
    json = bodyText.trim() === '' ? undefined : JSON.parse(bodyText);
  } catch {
    json = undefined;
  }
  const body = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : undefined;
  const nested = body && typeof body.error === 'object' && body.error !== null ? (body.error as Record<string, unknown>) : undefined;
  const requestId = str(body?.request_id) ?? str(nested?.request_id) ?? headerRequestId;
  const code = str(nested?.code) ?? str(nested?.type) ?? str(body?.code);
  const message = str(nested?.message) ?? str(body?.message);
  if (code !== undefined || message !== undefined) {
    return new DashScopeError({ status, code: code ?? `HTTP${status ?? ''}`, message: message ?? `HTTP ${status}`, endpoint, requestId, retryAfterSeconds });
  }
  const what = bodyText.trim() === ''
    ? 'an empty body'
    : /^\s*</.test(bodyText)
      ? 'an HTML page instead of JSON (often a proxy or gateway error)'
      : 'a body that is not JSON';
  return new DashScopeError({
    status,
    code: status !== undefined && status >= 400 ? `HTTP${status}` : ClientErrorCode.BadResponse,
    message: `${endpoint} answered HTTP ${status ?? '?'} with ${what}.`,
    endpoint,
    requestId,
    retryAfterSeconds,
    retryable: status !== undefined && isRetryable(status, `HTTP${status}`, ''),
  });
}

/** Parses JSON from the service; a body that is not JSON becomes the DashScopeError that explains it. */
export function parseJson(text: string, endpoint: string, status: number | undefined, requestId?: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw errorFromBody(status, text, endpoint, requestId);
  }
}
