import { refuseKey } from './auth';
import { echoAuthorization } from './echoGateway';
import { compatError, gatewayError, type SimRequest } from './http';

/** A fault a test asks for: by header, by a `[[sim:NAME]]` marker in a prompt, or queued with injectFault. */
export interface FaultSpec {
  /** `401` (a revoked key), `429`, `429:retry-after=N`, `500`, `503`, `html`, `empty`, `malformed`, `reset`, `hang`, `slow=MS`, `cut`,
   *  `data-inspection`, `arrearage`, `stream-error`, `invalid-parameter`, `queue=MS` (an async task waits that long in PENDING), `run=MS` (and that long RUNNING),
   *  `echo-auth` (a gateway echoing the Authorization header into its error),
   *  `huge-body=MB[,declared]` (a 200 JSON body of that many MB, default 200, with its content-length when `declared`),
   *  `long-event=MB` (a chat stream whose second event is one line of that many MB, default 16),
   *  `hostile-result=KIND` (an async task that succeeds with a hostile result: see hostileResults.ts). */
  readonly fault: string;
  /** How many matching requests get it (default 1). */
  readonly times?: number;
  /** Only requests whose path contains this. */
  readonly path?: string;
}

export interface Fault {
  readonly name: FaultName;
  readonly value: string | undefined;
}

export const FAULT_NAMES = [
  '401', '429', '500', '503', 'html', 'empty', 'malformed', 'reset', 'hang', 'slow', 'cut',
  'data-inspection', 'arrearage', 'stream-error', 'invalid-parameter', 'queue', 'run', 'echo-auth', 'huge-body', 'long-event', 'hostile-result',
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

const MARKER = /\[\[sim:([a-z0-9-]+)(?:[=:]([^\]]*))?\]\]/gi;

export function parseFault(text: string): Fault | undefined {
  const match = /^([a-z0-9-]+)(?:[=:](.*))?$/i.exec(text.trim());
  const name = match?.[1]?.toLowerCase();
  if (!name || !(FAULT_NAMES as readonly string[]).includes(name)) return undefined;
  return { name: name as FaultName, value: match?.[2] };
}

/** Markers in a prompt (`[[sim:long=N]]`, `[[sim:429]]`, …), as name → value. */
export function markers(text: string): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  for (const match of text.matchAll(MARKER)) found.set(match[1]!.toLowerCase(), match[2]);
  return found;
}

export function stripMarkers(text: string): string {
  return text.replace(MARKER, '').replace(/[ \t]{2,}/g, ' ').trim();
}

export class FaultQueue {
  private readonly queue: { spec: FaultSpec; left: number }[] = [];

  add(spec: FaultSpec): void {
    if (typeof spec?.fault !== 'string' || !parseFault(spec.fault)) throw new TypeError(`Unknown fault "${String(spec?.fault)}". Known: ${FAULT_NAMES.join(', ')}`);
    this.queue.push({ spec, left: spec.times ?? 1 });
  }

  /** The fault for this request: the `x-sim-fault` header first, then a marker in the prompt, then the queue. */
  take(req: SimRequest, prompt: string): Fault | undefined {
    const header = req.headers['x-sim-fault'];
    if (typeof header === 'string') return parseFault(header);
    for (const [name, value] of markers(prompt)) {
      const fault = parseFault(value === undefined ? name : `${name}=${value}`);
      if (fault) return fault;
    }
    const index = this.queue.findIndex((item) => item.spec.path === undefined || req.path.includes(item.spec.path));
    if (index === -1) return undefined;
    const item = this.queue[index]!;
    if (--item.left <= 0) this.queue.splice(index, 1);
    return parseFault(item.spec.fault);
  }
}

const RATE_LIMITED = {
  native: { code: 'Throttling.RateQuota', message: 'Requests rate limit exceeded, please try again later.' },
  compat: { code: 'limit_requests', type: 'limit_requests', message: 'You have exceeded your current request limit. For details, see: https://help.aliyun.com/zh/model-studio/error-code#rate-limit' },
};

/** A 429 like the service's rate limiter (the compatible body carries no request_id, as captured). */
export function rateLimited(req: SimRequest, retryAfterSeconds: string): void {
  const headers = { 'retry-after': retryAfterSeconds };
  if (req.family === 'compat') return compatError(req, 429, RATE_LIMITED.compat, headers, false);
  gatewayError(req, 429, RATE_LIMITED.native, undefined, headers);
}

/**
 * Faults that strike before any route runs. Returns true when the request has been answered (or dropped);
 * `slow` only delays. Route-specific faults (data-inspection, invalid-parameter, cut, stream-error, queue, run) are left to routes.
 */
export async function applyGatewayFault(req: SimRequest, fault: Fault, sleep: (ms: number) => Promise<void>, log?: (line: string) => void): Promise<boolean> {
  switch (fault.name) {
    case 'huge-body': {
      const [megabytes, declared] = (fault.value ?? '').split(',');
      const sent = await hugeBody(req, (Number(megabytes) || 200) * 2 ** 20, declared === 'declared');
      log?.(`huge-body: sent ${sent} bytes`);
      return true;
    }
    case 'slow':
      await sleep(Number(fault.value ?? 1000) || 1000);
      return false;
    case '401':
      refuseKey(req, true);
      return true;
    case '429':
      rateLimited(req, /(\d+)\s*$/.exec(fault.value ?? '')?.[1] ?? '1');
      return true;
    case '500':
      gatewayError(req, 500, { code: 'InternalError', message: 'An internal error has occured, please try again later or contact service support.' },
        { code: 'internal_error', type: 'internal_error', message: 'An internal error has occured, please try again later or contact service support.' });
      return true;
    case '503':
      gatewayError(req, 503, { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable, please try again later.' },
        { code: 'ServiceUnavailable', type: 'ServiceUnavailable', message: 'The service is temporarily unavailable, please try again later.' });
      return true;
    case 'arrearage':
      gatewayError(req, 400, { code: 'Arrearage', message: 'Access denied, please make sure your account is in good standing.' },
        { code: 'Arrearage', type: 'Arrearage', message: 'Access denied, please make sure your account is in good standing. For details, see: https://help.aliyun.com/zh/model-studio/error-code#overdue-payment' });
      return true;
    case 'html':
      req.res.writeHead(502, { 'content-type': 'text/html', server: 'Tengine' });
      req.res.end('<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n');
      return true;
    case 'empty':
      req.res.writeHead(500, { 'content-length': '0' });
      req.res.end();
      return true;
    case 'malformed':
      req.res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': req.requestId });
      req.res.end('{"output":{"choices":[{"finish_reason":"stop","message":{"role":"assistant","content":"trunc');
      return true;
    case 'reset':
      req.res.socket?.destroy();
      return true;
    case 'hang':
      return true;
    case 'echo-auth':
      return echoAuthorization(req);
    default:
      return false;
  }
}

/**
 * A 200 JSON body of `size` bytes (`{"pad":"xxx…"}`), written as the client reads it: when the client stops
 * reading and closes the connection, the writing stops too. Resolves with the bytes written.
 */
async function hugeBody(req: SimRequest, size: number, declared: boolean): Promise<number> {
  const { res } = req;
  res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': req.requestId, ...(declared ? { 'content-length': size } : {}) });
  const head = Buffer.from('{"pad":"');
  const tail = Buffer.from('"}');
  const piece = Buffer.alloc(2 ** 20, 'x');
  let sent = 0;
  const write = (bytes: Buffer) => new Promise<boolean>((resolve) => {
    if (res.destroyed) return resolve(false);
    sent += bytes.length;
    if (res.write(bytes)) return resolve(true);
    const settle = (open: boolean) => () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(open);
    };
    const onDrain = settle(true);
    const onClose = settle(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
  if (!(await write(head))) return sent;
  for (let left = size - head.length - tail.length; left > 0; left -= piece.length) {
    if (!(await write(left >= piece.length ? piece : piece.subarray(0, left)))) return sent;
  }
  if (await write(tail)) res.end();
  return sent;
}
