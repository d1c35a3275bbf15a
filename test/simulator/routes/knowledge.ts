import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { SimRequest } from '../http';

/** The AccessKey pair the simulator's OpenAPI endpoint accepts (fixed, test-only). */
export const OPENAPI_ACCESS_KEY = { id: 'LTAI5tSimulatorAccessKey', secret: 'SimulatorAccessKeySecret0000000000' } as const;

const SIGNED = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];
const MAX_SKEW_MS = 15 * 60_000;
const AUTHORIZATION = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/;

const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();
const retrieveQuery = z.looseObject({
  IndexId: z.string().min(1),
  Query: z.string().min(1),
  DenseSimilarityTopK: count(0, 100),
  SparseSimilarityTopK: count(0, 100),
  RerankTopN: count(1, 20),
});

/** RFC 3986 encoding as ACS3 canonicalization wants it (`*` encoded, `~` kept). */
const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** The rebuilt ACS3-HMAC-SHA256 signature of a request, given the headers it says it signed. */
export function acs3Signature(method: string, path: string, query: URLSearchParams, headers: Readonly<Record<string, string>>, signedHeaders: readonly string[], payloadHash: string, secret: string): string {
  const canonicalQuery = [...query].map(([name, value]) => `${encode(name)}=${encode(value)}`).sort().join('&');
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${(headers[name] ?? '').trim()}\n`).join('');
  const canonical = [method, path, canonicalQuery, canonicalHeaders, signedHeaders.join(';'), payloadHash].join('\n');
  return createHmac('sha256', secret).update(`ACS3-HMAC-SHA256\n${sha256(canonical)}`).digest('hex');
}

/**
 * Model Studio's OpenAPI endpoint: knowledge base Retrieve, AK/SK signed, ROA style as Alibaba Cloud's
 * bailian-20231229 SDKs call it (`POST /{WorkspaceId}/index/retrieve`, parameters in the query, no body).
 * Verifies the signature for real: credential, signed header set, body hash, clock skew, nonce reuse.
 */
export class KnowledgeEndpoint {
  private readonly nonces = new Set<string>();

  handle(req: SimRequest, workspaceId: string): void {
    const header = (name: string) => String(req.headers[name] ?? '');
    const fail = (status: number, code: string, message: string) => this.send(req, status, { RequestId: req.requestId, Code: code, Message: message, HostId: 'bailian.cn-beijing.aliyuncs.com' });
    const auth = AUTHORIZATION.exec(header('authorization'));
    if (!auth) return fail(400, 'MissingAuthorization', 'The Authorization header is missing or is not ACS3-HMAC-SHA256.');
    const [, credential, signedList, signature] = auth;
    if (credential !== OPENAPI_ACCESS_KEY.id) return fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    const signed = signedList!.split(';');
    const missing = SIGNED.filter((name) => !signed.includes(name));
    if (missing.length > 0 || [...signed].sort().join(';') !== signedList) return fail(400, 'IncompleteSignature', `SignedHeaders must be sorted and include ${missing.join(', ') || SIGNED.join(', ')}.`);
    const payloadHash = sha256(req.rawBody);
    if (header('x-acs-content-sha256') !== payloadHash) return fail(400, 'InvalidParameter.ContentSHA256', 'x-acs-content-sha256 does not match the request body.');
    const date = Date.parse(header('x-acs-date'));
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(header('x-acs-date')) || Math.abs(date - Date.now()) > MAX_SKEW_MS) return fail(400, 'InvalidTimeStamp.Expired', 'x-acs-date must be UTC (yyyy-MM-ddTHH:mm:ssZ) within 15 minutes of the server time.');
    const nonce = header('x-acs-signature-nonce');
    if (!nonce || this.nonces.has(nonce)) return fail(400, 'SignatureNonceUsed', 'The x-acs-signature-nonce was empty or used before.');
    const headers: Record<string, string> = {};
    for (const name of signed) headers[name] = header(name);
    const expected = acs3Signature(req.method, req.path, req.query, headers, signed, payloadHash, OPENAPI_ACCESS_KEY.secret);
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature!))) return fail(400, 'SignatureDoesNotMatch', 'The request signature does not conform to Aliyun standards.');
    this.nonces.add(nonce);
    if (header('x-acs-action') !== 'Retrieve' || header('x-acs-version') !== '2023-12-29') return fail(404, 'InvalidAction.NotFound', `Specified api is not found: ${header('x-acs-action')} ${header('x-acs-version')}.`);
    const parsed = retrieveQuery.safeParse(Object.fromEntries(req.query));
    if (!parsed.success) return fail(400, 'InvalidParameter', `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    const nodes = Math.min(parsed.data.RerankTopN ?? 5, 3);
    this.send(req, 200, {
      Success: true, Code: 'Success', Message: 'success', RequestId: req.requestId, Status: '200',
      Data: { Nodes: Array.from({ length: nodes }, (_, i) => ({
        Text: `Passage ${i + 1} of index ${parsed.data.IndexId} about "${parsed.data.Query}".`,
        Score: Number((0.95 - i * 0.1).toFixed(2)),
        Metadata: { doc_name: `guide-${i + 1}.pdf`, page: i + 1, workspace_id: workspaceId },
      })) },
    });
  }

  private send(req: SimRequest, status: number, body: unknown): void {
    const bytes = Buffer.from(JSON.stringify(body));
    req.res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'content-length': bytes.length, 'x-acs-request-id': req.requestId });
    req.res.end(bytes);
  }
}
