import { fetch, FormData } from 'undici';
import { z } from 'zod';
import { DashScopeError } from './errors';
import type { CallOptions, Transport } from './http';

export interface UploadFile {
  readonly data: Uint8Array;
  readonly fileName: string;
  readonly mimeType?: string;
}

export interface UploadedFile {
  /** `oss://…`: requests that carry it are sent with `X-DashScope-OssResourceResolve: enable` automatically. */
  readonly ossUrl: string;
  /** The service deletes temporary files after 48 hours. */
  readonly expiresAt: number;
}

const policySchema = z.looseObject({
  request_id: z.string().optional(),
  data: z.looseObject({
    policy: z.string(),
    signature: z.string(),
    upload_dir: z.string(),
    upload_host: z.string(),
    oss_access_key_id: z.string(),
    x_oss_object_acl: z.string().default('private'),
    x_oss_forbid_overwrite: z.string().default('true'),
    max_file_size_mb: z.number().optional(),
  }),
});

const FILE_LIFETIME_MS = 48 * 3600_000;
/** Files up to this size go inline as `data:` URLs; larger ones are uploaded. */
export const INLINE_LIMIT_BYTES = 7 * 1024 * 1024;

const MIME_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', bmp: 'image/bmp', gif: 'image/gif', tif: 'image/tiff', tiff: 'image/tiff',
  mp4: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', mp3: 'audio/mpeg', wav: 'audio/wav', m4a: 'audio/mp4', flac: 'audio/flac', ogg: 'audio/ogg',
  pdf: 'application/pdf', txt: 'text/plain',
};

export function mimeTypeOf(fileName: string): string {
  return MIME_TYPES[fileName.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

const safeName = (fileName: string) => (fileName.split(/[\\/]/).pop() ?? 'file').replace(/[^\w.-]+/g, '_').slice(-120) || 'file';

/** Temporary file uploads: an upload policy from DashScope, then an OSS form POST; the result is an `oss://` URL. */
export class UploadsApi {
  constructor(private readonly transport: Transport) {}

  async upload(file: UploadFile, model: string, options?: CallOptions): Promise<UploadedFile> {
    const { data: policy } = await this.transport.json({ method: 'GET', path: '/api/v1/uploads', query: { action: 'getPolicy', model } }, policySchema, options);
    if (policy.max_file_size_mb !== undefined && file.data.byteLength > policy.max_file_size_mb * 1024 * 1024) {
      throw new DashScopeError({ code: 'BadRequest.TooLarge', endpoint: 'upload', retryable: false, message: `${file.fileName} is larger than the ${policy.max_file_size_mb} MB upload limit.` });
    }
    const key = `${policy.upload_dir}/${safeName(file.fileName)}`;
    const form = new FormData();
    form.append('OSSAccessKeyId', policy.oss_access_key_id);
    form.append('Signature', policy.signature);
    form.append('policy', policy.policy);
    form.append('key', key);
    form.append('x-oss-object-acl', policy.x_oss_object_acl);
    form.append('x-oss-forbid-overwrite', policy.x_oss_forbid_overwrite);
    form.append('success_action_status', '200');
    form.append('x-oss-content-type', file.mimeType ?? mimeTypeOf(file.fileName));
    form.append('file', new Blob([new Uint8Array(file.data)], { type: file.mimeType ?? mimeTypeOf(file.fileName) }), safeName(file.fileName));
    const response = await fetch(policy.upload_host, { method: 'POST', body: form, signal: options?.signal });
    if (!response.ok) {
      const text = await response.text();
      const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? `HTTP${response.status}`;
      const message = /<Message>([^<]+)<\/Message>/.exec(text)?.[1] ?? `The upload was refused with HTTP ${response.status}.`;
      throw new DashScopeError({ status: response.status, code, endpoint: 'POST (OSS upload)', message, retryable: response.status >= 500 });
    }
    await response.body?.cancel();
    return { ossUrl: `oss://${key}`, expiresAt: this.transport.now() + FILE_LIFETIME_MS };
  }

  /** A URL a model can read: a `data:` URL within the inline limit, otherwise an upload. */
  async toMediaUrl(file: UploadFile, model: string, options?: CallOptions & { inlineLimitBytes?: number }): Promise<string> {
    if (file.data.byteLength <= (options?.inlineLimitBytes ?? INLINE_LIMIT_BYTES)) {
      return `data:${file.mimeType ?? mimeTypeOf(file.fileName)};base64,${Buffer.from(file.data).toString('base64')}`;
    }
    return (await this.upload(file, model, options)).ossUrl;
  }
}

