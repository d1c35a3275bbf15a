import { StringDecoder } from 'node:string_decoder';
import { ClientErrorCode, DashScopeError } from './errors';

/** One server-sent event. `comments` keeps lines such as DashScope's `:HTTP_STATUS/400`. */
export interface SseEvent {
  readonly event: string | undefined;
  readonly id: string | undefined;
  readonly data: string;
  readonly comments: readonly string[];
}

/** The longest line or event a stream may send: a reply's deltas are small, a whole non-incremental reply a few hundred KB. */
export const MAX_SSE_EVENT_CHARS = 4 * 2 ** 20;

const NO_COMMENTS: readonly string[] = Object.freeze([]);
const LF = 10;
const COLON = 58;
const SPACE = 32;
const LOWER_D = 100;

/**
 * Incremental SSE parser: feed it bytes as they arrive, in pieces split anywhere (inside a line or a
 * multi-byte character), and it returns the completed events. Accepts LF, CRLF and CR line ends, and
 * DashScope's native captures where events follow each other without a blank line.
 *
 * Hot path of every stream: lines are handled by index into the decoded chunk (no slice per line
 * except the field value), and the position of the next CR is looked up once per chunk, not per line.
 * Each character is scanned once, however long its line: the parse is linear, and a line or event past
 * `maxEventChars` is refused with a DashScopeError instead of growing without bound.
 * Bytes are decoded by Node's streaming StringDecoder, which keeps a character split across chunks for
 * the next one: on Node 20 a TextDecoder leaves its fast path for good once called with `stream: true`
 * (33 ms instead of 7 ms per 26 MB, measured), the largest single cost of a long stream.
 */
export class SseParser {
  private readonly decoder = new StringDecoder('utf8');
  /** The pieces of a line that has not ended yet, kept apart so that each byte is scanned once. */
  private pending: string[] = [];
  private pendingLength = 0;
  private data: string | undefined;
  private event: string | undefined;
  private id: string | undefined;
  private comments: string[] | undefined;
  /** Characters of data and comments in the event being read, to refuse a runaway one. */
  private eventLength = 0;
  /** The previous chunk ended with CR: an LF at the start of the next one belongs to it. */
  private skipLeadingLf = false;

  /**
   * @param endpoint names the request in the error for an oversized event.
   * @param maxEventChars the longest line or event accepted; DashScope's events are a few KB.
   */
  constructor(private readonly endpoint: string, private readonly maxEventChars = MAX_SSE_EVENT_CHARS) {}

  push(chunk: Uint8Array): SseEvent[] {
    const events: SseEvent[] = [];
    this.consume(this.decoder.write(chunk), events);
    return events;
  }

  /** Flushes a final line and event that were not terminated. */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    this.consume(this.decoder.end(), events);
    if (this.pendingLength > 0) {
      const line = this.takePending('');
      this.line(line, 0, line.length, events);
    }
    this.dispatch(events);
    return events;
  }

  /** Scans only the new text: a line split across chunks is joined once, when its end arrives. */
  private consume(text: string, events: SseEvent[]): void {
    let start = 0;
    if (this.skipLeadingLf && text.length > 0) {
      this.skipLeadingLf = false;
      if (text.charCodeAt(0) === LF) start = 1;
    }
    let cr = text.indexOf('\r', start);
    for (;;) {
      const lf = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        end = cr;
        next = cr + 1;
        if (next === text.length) this.skipLeadingLf = true;
        else if (text.charCodeAt(next) === LF) next++;
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else {
        break;
      }
      if (this.pendingLength === 0) {
        this.line(text, start, end, events);
      } else {
        const line = this.takePending(text.slice(start, end));
        this.line(line, 0, line.length, events);
      }
      start = next;
    }
    if (start < text.length) {
      const rest = start === 0 ? text : text.slice(start);
      this.pendingLength += rest.length;
      if (this.eventLength + this.pendingLength > this.maxEventChars) this.tooLong();
      this.pending.push(rest);
    }
  }

  private takePending(last: string): string {
    this.pending.push(last);
    const line = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    return line;
  }

  private tooLong(): never {
    const megabytes = (this.maxEventChars / 2 ** 20).toFixed(0);
    throw new DashScopeError({
      code: ClientErrorCode.BadResponse,
      endpoint: this.endpoint,
      retryable: false,
      message: `${this.endpoint}: the stream sent an event longer than ${megabytes} MB, more than any reply needs; the connection was closed.`,
    });
  }

  private line(buffer: string, start: number, end: number, events: SseEvent[]): void {
    if (start === end) {
      this.dispatch(events);
      return;
    }
    const first = buffer.charCodeAt(start);
    this.eventLength += end - start;
    if (this.eventLength > this.maxEventChars) this.tooLong();
    if (first === COLON) {
      (this.comments ??= []).push(buffer.slice(start + 1, end));
      return;
    }
    if (first === LOWER_D && buffer.startsWith('data:', start)) {
      this.addData(buffer, start + 5, end);
      return;
    }
    const colon = buffer.indexOf(':', start);
    const fieldEnd = colon === -1 || colon > end ? end : colon;
    const field = buffer.slice(start, fieldEnd);
    let valueStart = fieldEnd === end ? end : fieldEnd + 1;
    if (buffer.charCodeAt(valueStart) === SPACE && valueStart < end) valueStart++;
    switch (field) {
      case 'data':
        this.addData(buffer, fieldEnd + 1, end);
        break;
      case 'event':
        // Native captures may omit the blank line: an id or event line after data starts the next event.
        if (this.data !== undefined) this.dispatch(events);
        this.event = buffer.slice(valueStart, end);
        break;
      case 'id':
        if (this.data !== undefined) this.dispatch(events);
        this.id = buffer.slice(valueStart, end);
        break;
      default:
        break;
    }
  }

  private addData(buffer: string, valueStart: number, end: number): void {
    if (valueStart < end && buffer.charCodeAt(valueStart) === SPACE) valueStart++;
    const value = valueStart >= end ? '' : buffer.slice(valueStart, end);
    this.data = this.data === undefined ? value : `${this.data}\n${value}`;
  }

  private dispatch(events: SseEvent[]): void {
    if (this.data !== undefined) {
      events.push({ event: this.event, id: this.id, data: this.data, comments: this.comments ?? NO_COMMENTS });
    }
    this.data = undefined;
    this.event = undefined;
    this.id = undefined;
    this.comments = undefined;
    this.eventLength = 0;
  }
}

/** The status DashScope attaches to a native SSE event as a `:HTTP_STATUS/400` comment. */
export function eventStatus(event: SseEvent): number | undefined {
  for (const comment of event.comments) {
    if (comment === 'HTTP_STATUS/200') return 200;
    const match = /^HTTP_STATUS\/(\d{3})/.exec(comment.trim());
    if (match) return Number(match[1]);
  }
  return undefined;
}

/** Parses a byte stream into events as they complete. */
export async function* sseEvents(body: AsyncIterable<Uint8Array>, endpoint: string): AsyncGenerator<SseEvent> {
  const parser = new SseParser(endpoint);
  for await (const chunk of body) yield* parser.push(chunk);
  yield* parser.end();
}
