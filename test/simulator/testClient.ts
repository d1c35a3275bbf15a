import { request } from 'undici';
import type { RegionId } from '../../src/dashscope/regions';
import type { Simulator } from './index';

/** Raw HTTP against a simulator, for the simulator's own contract tests (no DashScope client involved). */
export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** The body as the socket delivered it, chunk by chunk. */
  readonly chunks: readonly Buffer[];
  json<T = Record<string, unknown>>(): T;
}

export interface RawOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  readonly region?: RegionId;
  /** Default: the region's demo key; null sends no Authorization header. */
  readonly key?: string | null;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

export async function raw(sim: Simulator, path: string, options: RawOptions = {}): Promise<RawResponse> {
  const region = options.region ?? 'cn';
  const key = options.key === undefined ? sim.keyFor(region) : options.key;
  const url = /^https?:/.test(path) ? path : `${sim.regionOrigin(region)}${path}`;
  const response = await request(url, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      ...(options.body === undefined || typeof options.body === 'string' ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const chunks: Buffer[] = [];
  for await (const chunk of response.body) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return { status: response.statusCode, headers: response.headers, text, chunks, json: <T>() => JSON.parse(text) as T };
}

/** Native SSE events parsed from raw text: `id`, `event`, the `:HTTP_STATUS` comment and `data` of each. */
export function nativeEvents(text: string): { id: string; event: string; status: string; data: Record<string, unknown> }[] {
  return text.split('\n\n').filter((block) => block.trim() !== '').map((block) => {
    const lines = block.split('\n');
    const field = (prefix: string) => lines.find((line) => line.startsWith(prefix))?.slice(prefix.length) ?? '';
    return { id: field('id:'), event: field('event:'), status: field(':HTTP_STATUS/'), data: JSON.parse(field('data:')) as Record<string, unknown> };
  });
}

/** Compatible SSE `data:` payloads; `[DONE]` stays a string. */
export function compatEvents(text: string): (Record<string, unknown> | '[DONE]')[] {
  return text.split('\n\n').filter((block) => block.trim() !== '').map((block) => {
    if (!block.startsWith('data: ')) throw new Error(`Not a compatible SSE frame: ${block}`);
    const data = block.slice('data: '.length);
    return data === '[DONE]' ? '[DONE]' : (JSON.parse(data) as Record<string, unknown>);
  });
}
