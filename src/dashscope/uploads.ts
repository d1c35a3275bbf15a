import { openAsBlob } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { FormData } from 'undici';
import { z } from 'zod';
import { DashScopeError } from './errors';
import type { CallOptions, Transport } from './http';

/** A file given as bytes or as a local path (read lazily: large videos are streamed, not loaded). */
export interface UploadFile {
  readonly data: Uint8Array | string;
  /** Name the object gets; defaults to the path's base name. */
  readonly fileName?: string;
  readonly mimeType?: string;
}

export interface UploadRequest extends UploadFile {
  /** The model that will read the file: the service binds the upload to it. */
  readonly model: string;
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

const nameOf = (file: UploadFile) => file.fileName ?? (typeof file.data === 'string' ? basename(file.data) : 'file');
const safeName = (fileName: string) => (fileName.split(/[\\/]/).pop() ?? 'file').replace(/[^\w.-]+/g, '_').slice(-120) || 'file';
const sizeOf = async (file: UploadFile) => (typeof file.data === 'string' ? (await stat(file.data)).size : file.data.byteLength);

/** An upload policy is a handful of short fields. */
const POLICY_BODY_BYTES = 64 * 1024;

/** Temporary file uploads: an upload policy from DashScope, then an OSS form POST; the result is an `oss://` URL. */
export class UploadsApi {
  constructor(private readonly transport: Transport) {}

  async upload(request: UploadRequest, options?: CallOptions): Promise<UploadedFile> {
    const { data: policy } = await this.transport.json({ method: 'GET', path: '/api/v1/uploads', query: { action: 'getPolicy', model: request.model }, maxResponseBytes: POLICY_BODY_BYTES }, policySchema, options);
    const name = safeName(nameOf(request));
    const mimeType = request.mimeType ?? mimeTypeOf(name);
    const content = typeof request.data === 'string' ? await openAsBlob(request.data, { type: mimeType }) : new Blob([new Uint8Array(request.data)], { type: mimeType });
    if (policy.max_file_size_mb !== undefined && content.size > policy.max_file_size_mb * 1024 * 1024) {
      throw new DashScopeError({ code: 'BadRequest.TooLarge', endpoint: 'GET /api/v1/uploads', retryable: false, message: `${name} is larger than the ${policy.max_file_size_mb} MB upload limit.` });
    }
    const key = `${policy.upload_dir}/${name}`;
    const form = new FormData();
    form.append('OSSAccessKeyId', policy.oss_access_key_id);
    form.append('Signature', policy.signature);
    form.append('policy', policy.policy);
    form.append('key', key);
    form.append('x-oss-object-acl', policy.x_oss_object_acl);
    form.append('x-oss-forbid-overwrite', policy.x_oss_forbid_overwrite);
    form.append('success_action_status', '200');
    form.append('x-oss-content-type', mimeType);
    form.append('file', content, name);
    await this.transport.postForm(policy.upload_host, form, options);
    return { ossUrl: `oss://${key}`, expiresAt: this.transport.now() + FILE_LIFETIME_MS };
  }

  /** A URL the model can read: a `data:` URL within the inline limit, otherwise an upload (`oss://`). */
  async toMediaUrl(file: UploadFile, model: string, options?: CallOptions & { inlineLimitBytes?: number }): Promise<string> {
    if ((await sizeOf(file)) > (options?.inlineLimitBytes ?? INLINE_LIMIT_BYTES)) return (await this.upload({ ...file, model }, options)).ossUrl;
    const bytes = typeof file.data === 'string' ? await readFile(file.data) : file.data;
    return `data:${file.mimeType ?? mimeTypeOf(nameOf(file))};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
  }
}
