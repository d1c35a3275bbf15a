/** One server-sent event. `comments` keeps lines such as DashScope's `:HTTP_STATUS/400`. */
export interface SseEvent {
  readonly event: string | undefined;
  readonly id: string | undefined;
  readonly data: string;
  readonly comments: readonly string[];
}

/**
 * Incremental SSE parser: feed it bytes as they arrive, in pieces split anywhere (inside a line or a
 * multi-byte character), and it returns the completed events. Accepts LF, CRLF and CR line ends, and
 * DashScope's native captures where events follow each other without a blank line.
 */
export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private pending = '';
  private dataLines: string[] = [];
  private event: string | undefined;
  private id: string | undefined;
  private comments: string[] = [];
  private skipLeadingLf = false;

  push(chunk: Uint8Array): SseEvent[] {
    return this.consume(this.decoder.decode(chunk, { stream: true }));
  }

  /** Flushes a final event that was not followed by a blank line. */
  end(): SseEvent[] {
    const events = this.consume(this.decoder.decode() + '\n');
    this.dispatch(events);
    return events;
  }

  private consume(text: string): SseEvent[] {
    const events: SseEvent[] = [];
    let buffer = this.pending + text;
    let start = 0;
    if (this.skipLeadingLf && buffer.startsWith('\n')) start = 1;
    this.skipLeadingLf = false;
    for (;;) {
      const lf = buffer.indexOf('\n', start);
      const cr = buffer.indexOf('\r', start);
      const end = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf;
      if (end === -1) break;
      this.line(buffer.slice(start, end), events);
      start = end + 1;
      if (end === cr) {
        if (start === buffer.length) this.skipLeadingLf = true;
        else if (buffer.charCodeAt(start) === 10) start++;
      }
    }
    buffer = buffer.slice(start);
    this.pending = buffer;
    return events;
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === '') {
      this.dispatch(events);
      return;
    }
    if (line.charCodeAt(0) === 58 /* : */) {
      this.comments.push(line.slice(1));
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (field) {
      case 'data':
        this.dataLines.push(value);
        break;
      case 'event':
        this.event = value;
        break;
      case 'id':
        // Native captures may omit the blank line: a new id after data starts the next event.
        if (this.dataLines.length > 0) this.dispatch(events);
        this.id = value;
        break;
      default:
        break;
    }
  }

  private dispatch(events: SseEvent[]): void {
    if (this.dataLines.length > 0) {
      events.push({ event: this.event, id: this.id, data: this.dataLines.join('\n'), comments: this.comments });
    }
    this.dataLines = [];
    this.event = undefined;
    this.id = undefined;
    this.comments = [];
  }
}

/** The status DashScope attaches to a native SSE event as a `:HTTP_STATUS/400` comment. */
export function eventStatus(event: SseEvent): number | undefined {
  for (const comment of event.comments) {
    const match = /^HTTP_STATUS\/(\d{3})/.exec(comment.trim());
    if (match) return Number(match[1]);
  }
  return undefined;
}

/** Parses a byte stream into events as they complete. */
export async function* sseEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  const parser = new SseParser();
  for await (const chunk of body) yield* parser.push(chunk);
  yield* parser.end();
}
