import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { SimContext } from '../context';
import { invalidParameter, nativeError, ossError, requestError, sendJson, type SimRequest } from '../http';
import { LIMITS } from '../rateLimits';

interface Grant {
  readonly dir: string;
  readonly policy: string;
  readonly model: string;
  readonly expiresAt: number;
}

/** How long the policy itself is valid (captures show ≈23 min although expire_in_seconds says 300, §14). */
const POLICY_TTL_MS = 23 * 60_000;
/** Uploaded files are deleted after 48 h (§9). */
const FILE_TTL_MS = 48 * 3600_000;
const OSS_ACCESS_KEY_ID = 'LTAI5tSimulatorUpload';

/** Temporary uploads (§9): getPolicy, an OSS-like PostObject target, and `oss://` resolution in model calls. */
export class UploadStore {
  private readonly secret = randomBytes(16);
  private readonly grants = new Map<string, Grant>();
  private readonly files = new Map<string, { size: number; contentType: string; body: Buffer; storedAt: number }>();

  constructor(private readonly origin: () => string, private readonly now: () => number) {}

  /** GET /api/v1/uploads?action=getPolicy&model=… */
  getPolicy(req: SimRequest, ctx: SimContext): void {
    const model = req.query.get('model');
    if (req.query.get('action') !== 'getPolicy' || !model) return nativeError(req, 400, 'InvalidParameter', 'Required parameter(s) missing or invalid: action=getPolicy and model.');
    if (ctx.limiter.refuse(req, `getPolicy:${model}`, LIMITS.getPolicy)) return;
    const day = new Date(this.now()).toISOString().slice(0, 10);
    const dir = `dashscope-instant/${randomBytes(16).toString('hex')}/${day}/${randomUUID()}`;
    const expiresAt = this.now() + POLICY_TTL_MS;
    const policy = Buffer.from(JSON.stringify({
      expiration: new Date(expiresAt).toISOString(),
      conditions: [['content-length-range', 0, 1073741824], ['starts-with', '$key', dir], { bucket: 'dashscope-file-mgr' }, { 'x-oss-object-acl': 'private' }, { 'x-oss-forbid-overwrite': 'true' }],
    })).toString('base64');
    const signature = createHmac('sha1', this.secret).update(policy).digest('base64');
    this.grants.set(signature, { dir, policy, model, expiresAt });
    sendJson(req, 200, {
      data: {
        policy, signature, upload_dir: dir, upload_host: `${this.origin()}/oss`, expire_in_seconds: 300, max_file_size_mb: 1024,
        capacity_limit_mb: 999999999, oss_access_key_id: OSS_ACCESS_KEY_ID, x_oss_object_acl: 'private', x_oss_forbid_overwrite: 'true',
      },
      request_id: req.requestId,
    });
  }

  /** POST /oss: the PostObject target. Checks the policy fields and the key prefix like OSS, keeps the file in memory. */
  async post(req: SimRequest): Promise<void> {
    let form: FormData;
    try {
      form = await new Request('http://oss.invalid/', { method: 'POST', headers: { 'content-type': String(req.headers['content-type'] ?? '') }, body: new Uint8Array(req.rawBody) }).formData();
    } catch {
      return ossError(req, 400, 'InvalidArgument', 'The body of your POST request is not well-formed multipart/form-data.');
    }
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : undefined;
    };
    const grant = this.grants.get(field('Signature') ?? '');
    if (!grant || field('policy') !== grant.policy || field('OSSAccessKeyId') !== OSS_ACCESS_KEY_ID) {
      return ossError(req, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
    }
    if (this.now() > grant.expiresAt) return ossError(req, 403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
    const key = field('key') ?? '';
    if (!key.startsWith(`${grant.dir}/`) || key.length <= grant.dir.length + 1) return ossError(req, 403, 'AccessDenied', 'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "' + grant.dir + '"]');
    if (field('x-oss-object-acl') !== 'private') return ossError(req, 403, 'AccessDenied', 'Invalid according to Policy: Policy Condition failed: ["eq", "$x-oss-object-acl", "private"]');
    if (field('x-oss-forbid-overwrite') !== 'true') return ossError(req, 403, 'AccessDenied', 'Invalid according to Policy: Policy Condition failed: ["eq", "$x-oss-forbid-overwrite", "true"]');
    const file = form.get('file');
    if (!(file instanceof Blob)) return ossError(req, 400, 'InvalidArgument', 'The file field is missing (it must be the last field).');
    if (file.size > 1024 * 1024 * 1024) return ossError(req, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.');
    if (this.files.has(key)) return ossError(req, 409, 'FileAlreadyExists', 'The object you specified already exists and can not be overwritten.');
    this.files.set(key, { size: file.size, contentType: field('x-oss-content-type') ?? file.type, body: Buffer.from(await file.arrayBuffer()), storedAt: this.now() });
    const status = Number(field('success_action_status') ?? 204);
    req.res.writeHead([200, 201, 204].includes(status) ? status : 204, { 'x-oss-request-id': req.requestId, etag: `"${randomBytes(16).toString('hex').toUpperCase()}"` });
    req.res.end();
  }

  /** Checks every `oss://` URL a model request carries; answers the service's error and returns false when one fails. */
  resolves(req: SimRequest): boolean {
    const urls = req.rawBody.toString('utf8').match(/oss:\/\/[^"\s\\]+/g);
    if (!urls) return true;
    if (String(req.headers['x-dashscope-ossresourceresolve'] ?? '').toLowerCase() !== 'enable') {
      invalidParameter(req, 'The provided URL does not appear to be valid. Ensure it is correctly formatted.');
      return false;
    }
    const missing = urls.find((url) => {
      const file = this.files.get(url.slice('oss://'.length));
      return !file || this.now() - file.storedAt > FILE_TTL_MS;
    });
    if (missing) {
      requestError(req, 400, { code: 'InvalidURL', message: `Download the media resource failed: ${missing}` }, { code: 'invalid_url', message: `Download the media resource failed: ${missing}` });
      return false;
    }
    return true;
  }

  /** The stored bytes of an uploaded `oss://` key (tests check what arrived). */
  file(key: string): Buffer | undefined {
    return this.files.get(key)?.body;
  }
}
