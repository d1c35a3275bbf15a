import { ClientErrorCode, DashScopeError } from './errors';
import { SseParser, type SseEvent } from './sse';

/** Socket failures while a reply is read: the connection dropped after the answer had begun. */
const DROPPED = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/** A dropped connection as the client's network error (so it is told in plain words and counts as an outage); anything else as it is. */
function droppedMidReply(error: unknown, endpoint: string, requestId: string | undefined): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !DROPPED.has(code)) return error;
  return new DashScopeError({ code: ClientErrorCode.Network, endpoint, requestId, retryable: true, message: `${endpoint}: the connection dropped while the reply streamed (${code}).` });
}

export interface ChatToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}

/** Token usage as the endpoint reports it (compatible mode: prompt/completion tokens; native: input/output tokens). */
export type ReplyUsage = Readonly<Record<string, unknown>>;

/**
 * A typed delta of a streamed reply. Text (`content`, `reasoning`) that arrives in one network read is
 * delivered as one event, and cumulative usage once per read: a long reply costs one event per read,
 * not one per token, with no added delay.
 */
export type ChatStreamEvent =
  | { readonly type: 'role'; readonly role: string }
  | { readonly type: 'content'; readonly text: string }
  | { readonly type: 'reasoning'; readonly text: string }
  | { readonly type: 'toolCall'; readonly index: number; readonly id: string; readonly name: string; readonly argumentsDelta: string }
  | { readonly type: 'finish'; readonly reason: string }
  | { readonly type: 'usage'; readonly usage: ReplyUsage };

/** What a decoder reads from one SSE event: tool-call fragments may lack their id and name. */
export type ReplyDelta =
  | Exclude<ChatStreamEvent, { type: 'toolCall' }>
  | { readonly type: 'meta'; readonly id?: string; readonly model?: string }
  | { readonly type: 'toolCall'; readonly index: number; readonly id?: string | null; readonly name?: string | null; readonly argumentsDelta: string };

/** Turns one SSE event into deltas, or `'done'` at the end marker; throws DashScopeError on error events. */
export type ReplyDecoder = (event: SseEvent, requestId: string | undefined) => readonly ReplyDelta[] | 'done';

/** Everything a reply carried, accumulated from a stream or taken from a non-stream response. */
export interface ChatResult {
  readonly id: string | undefined;
  readonly model: string | undefined;
  readonly content: string;
  readonly reasoning: string;
  readonly toolCalls: readonly ChatToolCall[];
  readonly finishReason: string | undefined;
  readonly usage: ReplyUsage | undefined;
  readonly requestId: string | undefined;
}

export interface OpenedStream {
  /** The request, e.g. `POST /compatible-mode/v1/chat/completions`, for errors about the stream itself. */
  readonly endpoint: string;
  readonly body: AsyncIterable<Uint8Array>;
  readonly requestId: string | undefined;
}

/**
 * A streamed reply: iterate it for typed deltas, or await `final()` for the accumulated result.
 * Tool calls are assembled here: the first fragment of a call carries its id and name, continuations
 * carry `""` or nothing for both and must not overwrite them.
 */
export class ChatStream implements AsyncIterable<ChatStreamEvent>, AsyncIterator<ChatStreamEvent> {
  private readonly contentParts: string[] = [];
  private readonly reasoningParts: string[] = [];
  private readonly calls: { id: string; name: string; args: string[] }[] = [];
  private finishReason: string | undefined;
  private usage: ReplyUsage | undefined;
  private requestId: string | undefined;
  private id: string | undefined;
  private model: string | undefined;
  private iterated = false;
  private body: AsyncIterator<Uint8Array> | undefined;
  private parser: SseParser | undefined;
  private endpoint = '';
  /** Events decoded from the last network chunk and not yet handed out. */
  private ready: ChatStreamEvent[] = [];
  private readyIndex = 0;
  private finished = false;
  /** Text deltas of the current read, joined into one event when the read is decoded. */
  private textParts: string[] = [];
  private textType: 'content' | 'reasoning' | undefined;
  private usageChanged = false;

  constructor(
    private readonly open: () => Promise<OpenedStream>,
    private readonly decode: ReplyDecoder,
  ) {}

  /**
   * The stream is its own iterator, written by hand rather than as an async generator: the events decoded
   * from one read are handed out as resolved promises, without resuming a generator for each.
   */
  [Symbol.asyncIterator](): AsyncIterator<ChatStreamEvent> {
    if (this.iterated) throw new Error('A chat stream can be read once.');
    this.iterated = true;
    return this;
  }

  next(): Promise<IteratorResult<ChatStreamEvent>> {
    if (this.readyIndex < this.ready.length) return Promise.resolve({ value: this.ready[this.readyIndex++]!, done: false });
    return this.readMore();
  }

  /** Called when the reader stops early (`break`, or an exception in its loop): closes the connection. */
  async return(): Promise<IteratorResult<ChatStreamEvent>> {
    this.finished = true;
    this.ready = [];
    this.readyIndex = 0;
    await this.body?.return?.();
    return { value: undefined, done: true };
  }

  /** Reads what is left of the stream and returns everything the reply carried. */
  async final(): Promise<ChatResult> {
    if (!this.iterated) this[Symbol.asyncIterator]();
    while (!(await this.next()).done) {
      // Draining: the events accumulate into the result.
    }
    return this.result();
  }

  /** What has arrived so far (also after an error or abort). */
  result(): ChatResult {
    return {
      id: this.id,
      model: this.model,
      content: this.contentParts.join(''),
      reasoning: this.reasoningParts.join(''),
      toolCalls: this.calls.filter(Boolean).map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.args.join('') } })),
      finishReason: this.finishReason,
      usage: this.usage,
      requestId: this.requestId,
    };
  }

  /** Reads network chunks until one yields events or the stream ends; a failure closes the connection. */
  private async readMore(): Promise<IteratorResult<ChatStreamEvent>> {
    if (this.finished) return { value: undefined, done: true };
    try {
      if (!this.body) {
        const opened = await this.open();
        this.requestId = opened.requestId;
        this.parser = new SseParser(opened.endpoint);
        this.endpoint = opened.endpoint;
        this.body = opened.body[Symbol.asyncIterator]();
      }
      const parser = this.parser!;
      this.ready = [];
      this.readyIndex = 0;
      while (!this.finished && this.ready.length === 0) {
        const chunk = await this.body.next();
        if (chunk.done) {
          this.finished = true;
          this.decodeAll(parser.end());
        } else if (this.decodeAll(parser.push(chunk.value))) {
          this.finished = true;
          await this.body.return?.();
        }
      }
    } catch (error) {
      this.finished = true;
      await this.body?.return?.().catch(() => undefined);
      throw this.body ? droppedMidReply(error, this.endpoint, this.requestId) : error;
    }
    if (this.readyIndex < this.ready.length) return { value: this.ready[this.readyIndex++]!, done: false };
    return { value: undefined, done: true };
  }

  /** Decodes events and applies their deltas into `ready`; returns true at the end marker. */
  private decodeAll(events: readonly SseEvent[]): boolean {
    try {
      for (const event of events) {
        const deltas = this.decode(event, this.requestId);
        if (deltas === 'done') return true;
        for (const delta of deltas) this.apply(delta);
      }
      return false;
    } finally {
      // Also on an error frame: the text that came before it belongs to the result.
      this.flushText();
      if (this.usageChanged) this.ready.push({ type: 'usage', usage: this.usage! });
      this.usageChanged = false;
    }
  }

  private apply(delta: ReplyDelta): void {
    if (delta.type === 'content' || delta.type === 'reasoning') {
      if (this.textType !== delta.type) this.flushText();
      this.textType = delta.type;
      this.textParts.push(delta.text);
      return;
    }
    if (delta.type === 'usage') {
      // Usage is cumulative (native streams repeat it in every event): the last one of a read says it all.
      this.usage = delta.usage;
      this.usageChanged = true;
      return;
    }
    if (delta.type === 'meta') {
      this.id ??= delta.id;
      this.model ??= delta.model;
      return;
    }
    this.flushText();
    switch (delta.type) {
      case 'finish':
        this.finishReason = delta.reason;
        break;
      case 'role':
        break;
      case 'toolCall': {
        const call = (this.calls[delta.index] ??= { id: '', name: '', args: [] });
        if (delta.id) call.id = delta.id;
        if (delta.name) call.name = delta.name;
        if (delta.argumentsDelta) call.args.push(delta.argumentsDelta);
        this.ready.push({ type: 'toolCall', index: delta.index, id: call.id, name: call.name, argumentsDelta: delta.argumentsDelta });
        return;
      }
    }
    this.ready.push(delta);
  }

  /** Joins the text deltas of one read into one event. */
  private flushText(): void {
    const type = this.textType;
    if (type === undefined) return;
    const text = this.textParts.length === 1 ? this.textParts[0]! : this.textParts.join('');
    (type === 'content' ? this.contentParts : this.reasoningParts).push(text);
    this.ready.push({ type, text });
    this.textParts = [];
    this.textType = undefined;
  }
}
