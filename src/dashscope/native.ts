import { errorFromBody, parseJson } from './errors';
import { parseValue } from './http';
import { eventStatus, type SseEvent } from './sse';
import type { z } from 'zod';

/**
 * Native SSE (`X-DashScope-SSE: enable`): `event:result` frames with JSON data, `event:error` frames under HTTP 200.
 * `isPlain` may recognise the common event by hand (it must accept only values the schema accepts unchanged),
 * which keeps schema validation off the hot path of a long stream.
 */
export function decodeNative<S extends z.ZodType, R>(
  endpoint: string,
  schema: S,
  toDeltas: (value: z.output<S>) => R,
  isPlain?: (json: unknown) => boolean,
): (event: SseEvent, requestId: string | undefined) => R | 'done' {
  return (event, requestId) => {
    const status = eventStatus(event);
    if (event.event === 'error' || (status !== undefined && status >= 400)) throw errorFromBody(status, event.data, endpoint, requestId);
    if (event.event === 'done') return 'done';
    const json = parseJson(event.data, endpoint, 200, requestId);
    return toDeltas(isPlain?.(json) ? (json as z.output<S>) : parseValue(json, schema, endpoint, requestId));
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
