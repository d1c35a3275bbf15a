import { createHash, createHmac, randomUUID } from 'node:crypto';
import { request, type Dispatcher } from 'undici';
import { z } from 'zod';
import { ClientErrorCode, DashScopeError, registerSecret } from './errors';
import { parseBody, responseText, timerDelay, type CallOptions } from './http';
import { REGIONS } from './regions';
import { mayReach } from '../shared/loopback';

/**
 * An Alibaba Cloud AccessKey pair. Knowledge base retrieval is an OpenAPI call of Model Studio (bailian
 * 2023-12-29 `Retrieve`) signed with it (ACS3-HMAC-SHA256); a DashScope API key cannot sign it.
 */
export interface AccessKey {
  readonly id: string;
  readonly secret: string;
}

export interface KnowledgeOptions {
  readonly accessKey: AccessKey;
  /** Origin of the OpenAPI endpoint, e.g. `https://bailian.cn-beijing.aliyuncs.com` (see knowledgeEndpoint). */
  readonly endpoint: string;
  readonly timeoutMs?: number;
  readonly dispatcher?: Dispatcher;
  readonly now?: () => number;
}

export interface RetrieveRequest {
  /** The Model Studio workspace (`llm-…`) the knowledge base belongs to. */
  readonly workspaceId: string;
  /** The knowledge base id, from the console's knowledge base page. */
  readonly indexId: string;
  readonly query: string;
  /** Passages after reranking; default 5. */
  readonly topN?: number;
}

export interface RetrievedPassage {
  readonly text: string;
  readonly score: number | undefined;
  readonly docName: string | undefined;
  readonly page: number | undefined;
}

const ACTION = 'Retrieve';
const VERSION = '2023-12-29';
const MAX_PASSAGES = 20;
const MAX_PASSAGE_CHARS = 8000;
const MAX_BODY_BYTES = 4 * 2 ** 20;
const DEFAULT_TIMEOUT_MS = 60_000;

/** The OpenAPI endpoint of a DashScope host: the region's `bailian.<region>.aliyuncs.com`, or the origin of a gateway or simulator. */
export function knowledgeEndpoint(baseUrl: string, cloudRegion: string | undefined): string {
  const url = new URL(baseUrl);
  if (!url.hostname.endsWith('.aliyuncs.com')) return url.origin;
  return `https://bailian.${cloudRegion ?? REGIONS.cn.cloudRegion}.aliyuncs.com`;
}

/** RFC 3986 percent-encoding, as ACS3 canonicalisation wants it. */
const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The `Authorization` header of an ACS3-HMAC-SHA256 request (all given headers signed). */
export function acs3Authorization(method: string, path: string, query: string, headers: Readonly<Record<string, string>>, payloadHash: string, key: AccessKey): string {
  const names = Object.keys(headers).map((name) => name.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value.trim()]));
  const canonical = [method, path, query, names.map((name) => `${name}:${lower[name]}\n`).join(''), names.join(';'), payloadHash].join('\n');
  const signature = createHmac('sha256', key.secret).update(`ACS3-HMAC-SHA256\n${sha256(canonical)}`).digest('hex');
  return `ACS3-HMAC-SHA256 Credential=${key.id},SignedHeaders=${names.join(';')},Signature=${signature}`;
}

const passageSchema = z.looseObject({
  Text: z.string().nullish(),
  Score: z.number().nullish(),
  Metadata: z.looseObject({ doc_name: z.string().nullish(), title: z.string().nullish(), page: z.number().nullish() }).nullish(),
});
const retrieveSchema = z.looseObject({
  Success: z.boolean().nullish(),
  Code: z.string().nullish(),
  Message: z.string().nullish(),
  RequestId: z.string().nullish(),
  Data: z.looseObject({ Nodes: z.array(passageSchema).nullish() }).nullish(),
});

/** Knowledge base retrieval with an AccessKey (not an API key): passages of an index that match a question. */
export class KnowledgeClient {
  private readonly now: () => number;

  constructor(private readonly options: KnowledgeOptions) {
    if (!options.accessKey.id || !options.accessKey.secret) throw new TypeError('An AccessKey id and secret are required.');
    registerSecret(options.accessKey.secret);
    this.now = options.now ?? Date.now;
  }

  async retrieve(retrieve: RetrieveRequest, call: CallOptions = {}): Promise<RetrievedPassage[]> {
    const url = new URL(`/${encodeURIComponent(retrieve.workspaceId)}/index/retrieve`, this.options.endpoint);
    const endpoint = `POST ${url.host}/{workspace}/index/retrieve`;
    if (!mayReach(url, this.options.endpoint)) throw new DashScopeError({ code: ClientErrorCode.BadResponse, endpoint, retryable: false, message: `${endpoint}: the OpenAPI host is not https; the AccessKey was not used.` });
    const params: [string, string][] = [['IndexId', retrieve.indexId], ['Query', retrieve.query], ['RerankTopN', String(Math.min(MAX_PASSAGES, Math.max(1, retrieve.topN ?? 5)))]];
    const query = params.map(([name, value]) => `${encode(name)}=${encode(value)}`).sort().join('&');
    const payloadHash = sha256('');
    const headers: Record<string, string> = {
      host: url.host,
      'x-acs-action': ACTION,
      'x-acs-version': VERSION,
      'x-acs-date': new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      'x-acs-signature-nonce': randomUUID(),
      'x-acs-content-sha256': payloadHash,
    };
    const authorization = acs3Authorization('POST', url.pathname, query, headers, payloadHash, this.options.accessKey);
    const timeout = call.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    const onAbort = () => controller.abort(call.signal!.reason);
    call.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new DOMException('timeout', 'TimeoutError')), timerDelay(timeout));
    try {
      const { host: _host, ...sent } = headers;
      const response = await request(`${url.origin}${url.pathname}?${query}`, { method: 'POST', headers: { ...sent, authorization }, signal: controller.signal, dispatcher: this.options.dispatcher });
      const requestId = [response.headers['x-acs-request-id']].flat()[0];
      const text = await responseText({ status: response.statusCode, headers: response.headers, body: response.body, requestId, endpoint, maxBytes: MAX_BODY_BYTES });
      const body = parseBody(text, retrieveSchema, endpoint, response.statusCode, requestId);
      if (response.statusCode >= 400 || body.Success === false) {
        throw new DashScopeError({ status: response.statusCode, code: body.Code ?? `HTTP${response.statusCode}`, message: body.Message ?? `${endpoint} failed with HTTP ${response.statusCode}.`, endpoint, requestId: body.RequestId ?? requestId });
      }
      return (body.Data?.Nodes ?? []).slice(0, MAX_PASSAGES).map((node) => ({
        text: (node.Text ?? '').slice(0, MAX_PASSAGE_CHARS),
        score: node.Score ?? undefined,
        docName: (node.Metadata?.doc_name ?? node.Metadata?.title)?.slice(0, 200) ?? undefined,
        page: node.Metadata?.page ?? undefined,
      }));
    } catch (error) {
      if (error instanceof DashScopeError) throw error;
      if (call.signal?.aborted) throw call.signal.reason;
      const timedOut = controller.signal.aborted;
      throw new DashScopeError({ code: timedOut ? ClientErrorCode.Timeout : ClientErrorCode.Network, endpoint, message: timedOut ? `${endpoint}: no answer within ${Math.round(timeout / 1000)} s.` : `${endpoint}: network error (${error instanceof Error ? error.message : String(error)}).` });
    } finally {
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
    }
  }
}
