import { errorFromBody, parseJson } from './errors';
import { parseValue } from './http';
import { eventStatus, type SseEvent } from './sse';
import type { z } from 'zod';

/** Native SSE (`X-DashScope-SSE: enable`): `event:result` frames with JSON data, `event:error` frames under HTTP 200. */
export function decodeNative<S extends z.ZodType, R>(
  endpoint: string,
  schema: S,
  toDeltas: (value: z.output<S>) => R,
): (event: SseEvent, requestId: string | undefined) => R | 'done' {
  return (event, requestId) => {
    const status = eventStatus(event);
    if (event.event === 'error' || (status !== undefined && status >= 400)) throw errorFromBody(status, event.data, endpoint, requestId);
    if (event.event === 'done') return 'done';
    return toDeltas(parseValue(parseJson(event.data, endpoint, 200, requestId), schema, endpoint, requestId));
  };
}

/** Native streams without `incremental_output` repeat the whole text so far: this yields only what is new. */
export class IncrementalText {
  private previous = '';

  next(text: string, incremental: boolean): string {
    if (incremental) return text;
    const delta = text.startsWith(this.previous) ? text.slice(this.previous.length) : text;
    this.previous = text;
    return delta;
  }
}

/** Native `finish_reason` is the string "null" mid-stream. */
export function finishReason(value: string | null | undefined): string | undefined {
  return value && value !== 'null' ? value : undefined;
}
