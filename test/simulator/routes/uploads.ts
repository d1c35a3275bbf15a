import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { nativeError, sendJson, type SimRequest } from '../http';

interface Grant {
  readonly dir: string;
  readonly policy: string;
  readonly expiresAt: number;
}

/** Temporary uploads: getPolicy, an OSS-like PostObject target, and `oss://` resolution for model calls. */
export class UploadService {
  private readonly secret = randomBytes(16);
  private readonly grants = new Map<string, Grant>();
  private readonly files = new Map<string, { size: number; contentType: string }>();

  constructor(private readonly origin: () => string, private readonly now: () => number) {}

  getPolicy(req: SimRequest): void {
    const model = req.query.get('model');
    if (req.query.get('action') !== 'getPolicy' || !model) return nativeError(req, 400, 'InvalidParameter', 'Required parameter(s) missing: action=getPolicy and model');
    const day = new Date(this.now()).toISOString().slice(0, 10);
    const dir = `dashscope-instant/${randomBytes(8).toString('hex')}/${day}/${randomUUID()}`;
    const expiresAt = this.now() + 23 * 60_000;
    const policy = Buffer.from(JSON.stringify({
      expiration: new Date(expiresAt).toISOString(),
      conditions: [['content-length-range', 0, 1073741824], ['starts-with', '$key', dir], { bucket: 'dashscope-file-mgr' }, { 'x-oss-object-acl': 'private' }, { 'x-oss-forbid-overwrite': 'true' }],
    })).toString('base64');
    const signature = createHmac('sha1', this.secret).update(policy).digest('base64');
    this.grants.set(signature, { dir, policy, expiresAt });
    sendJson(req, 200, {
      data: {
        policy, signature, upload_dir: dir, upload_host: `${this.origin()}/oss`, expire_in_seconds: 300, max_file_size_mb: 1024,
        capacity_limit_mb: 999999999, oss_access_key_id: 'LTAI-simulator', x_oss_object_acl: 'private', x_oss_forbid_overwrite: 'true',
      },
      request_id: req.requestId,
    });
  }

  /** The PostObject target: checks the policy fields like OSS and keeps the file. */
  async post(req: SimRequest): Promise<void> {
    const ossError = (status: number, code: string, message: string) => {
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${req.requestId}</RequestId></Error>`;
      req.res.writeHead(status, { 'content-type': 'application/xml' });
      req.res.end(body);
    };
    let form: FormData;
    try {
      form = await new Request('http://oss.local/', { method: 'POST', headers: { 'content-type': String(req.headers['content-type'] ?? '') }, body: new Uint8Array(req.rawBody) }).formData();
    } catch {
      return ossError(400, 'InvalidArgument', 'The body is not multipart/form-data.');
    }
    const field = (name: string) => (typeof form.get(name) === 'string' ? (form.get(name) as string) : undefined);
    const signature = field('Signature') ?? '';
    const grant = this.grants.get(signature);
    if (!grant || field('policy') !== grant.policy || field('OSSAccessKeyId') !== 'LTAI-simulator') return ossError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    if (this.now() > grant.expiresAt) return ossError(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
    const key = field('key') ?? '';
    if (!key.startsWith(`${grant.dir}/`)) return ossError(403, 'AccessDenied', 'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", ...]');
    if (field('x-oss-object-acl') !== 'private' || field('x-oss-forbid-overwrite') !== 'true') return ossError(403, 'AccessDenied', 'Invalid according to Policy: Policy Condition failed.');
    const file = form.get('file');
    if (!(file instanceof Blob)) return ossError(400, 'InvalidArgument', 'The file field is missing (it must be the last field).');
    if (this.files.has(key)) return ossError(409, 'FileAlreadyExists', 'The object you specified already exists and can not be overwritten.');
    this.files.set(key, { size: file.size, contentType: field('x-oss-content-type') ?? file.type });
    req.res.writeHead(Number(field('success_action_status') ?? 204));
    req.res.end();
  }

  /** Checks every `oss://` URL a model request carries; answers the service's error and returns false when one fails. */
  resolve(req: SimRequest): boolean {
    const urls = req.rawBody.toString('utf8').match(/oss:\/\/[^"\s]+/g);
    if (!urls) return true;
    if (String(req.headers['x-dashscope-ossresourceresolve'] ?? '').toLowerCase() !== 'enable') {
      nativeError(req, 400, 'InvalidParameter', 'The provided URL does not appear to be valid. Ensure it is correctly formatted. (oss:// URLs need X-DashScope-OssResourceResolve: enable)');
      return false;
    }
    const missing = urls.find((url) => !this.files.has(url.slice('oss://'.length)));
    if (missing) {
      nativeError(req, 400, 'InvalidURL', `Download the media resource failed: ${missing}`);
      return false;
    }
    return true;
  }
}
