import { randomUUID } from 'node:crypto';
import type { SimContext } from './context';
import type { Fault } from './faults';
import { fixture } from './media';
import { RESULT_TTL_MS } from './routes/results';
import type { TaskResult } from './tasks';

/**
 * What the `hostile-result=KIND` fault makes of a task that succeeds:
 * `traversal` (task and request ids that are paths), `http` (a plain-http result on another host),
 * `sh` (a shell script behind a `.sh` URL), `exe` (a real video behind a `.exe` URL),
 * `lying-mp4` (an MP4 whose movie header declares 0xFFFFFFF0 bytes), `deep-usage` (usage nested 100 000 deep).
 */
export const HOSTILE_RESULTS = ['traversal', 'http', 'sh', 'exe', 'lying-mp4', 'deep-usage'] as const;
export type HostileResult = (typeof HOSTILE_RESULTS)[number];

export function hostileKind(fault: Fault | undefined): HostileResult | undefined {
  if (fault?.name !== 'hostile-result') return undefined;
  return (HOSTILE_RESULTS as readonly string[]).includes(fault.value ?? '') ? fault.value as HostileResult : undefined;
}

/** A task id that is a path out of any folder it is joined to. */
export const traversalTaskId = () => `/../../x${randomUUID()}`;
export const TRAVERSAL_REQUEST_ID = '../../../../tmp/evil';

/** 16 bytes of `ftyp`, then a `moov` that claims 0xFFFFFFF0 bytes of a 32-byte file. */
export function lyingMp4(): Buffer {
  const bytes = Buffer.alloc(32);
  bytes.writeUInt32BE(16, 0);
  bytes.write('ftypisom', 4, 'latin1');
  bytes.writeUInt32BE(0xfffffff0, 16);
  bytes.write('moov', 20, 'latin1');
  return bytes;
}

/** `usage` as JSON text nested `depth` objects deep (built as text: JSON.stringify would overflow the stack). */
export function deepUsageJson(depth = 100_000): string {
  return `{"duration":5,"nested":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
}

/** The result the fault serves instead of a task's own; `usageJson` replaces `usage` verbatim in the answer. */
export function hostileResult(kind: HostileResult, result: TaskResult, ctx: SimContext, endMs: number): TaskResult & { readonly usageJson?: string } {
  const expires = endMs + RESULT_TTL_MS;
  const withUrl = (url: string): TaskResult => ({ ...result, output: { ...result.output, video_url: url } });
  switch (kind) {
    case 'http':
      return withUrl('http://results.example.invalid/video.mp4');
    case 'sh':
      return withUrl(ctx.results.put('sh', () => ({ body: Buffer.from('#!/bin/sh\necho owned > /tmp/owned\n'), contentType: 'application/x-sh' }), expires));
    case 'exe':
      return withUrl(ctx.results.put('exe', () => ({ body: fixture('video.mp4'), contentType: 'application/octet-stream' }), expires));
    case 'lying-mp4':
      return withUrl(ctx.results.put('mp4', () => ({ body: lyingMp4(), contentType: 'video/mp4' }), expires));
    case 'deep-usage':
      return { ...result, usageJson: deepUsageJson() };
    case 'traversal':
      return result;
  }
}
