import type { CallOptions } from './http';
import { SseParser, type SseEvent } from './sse';

export interface ChatToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}

/** Token usage as the endpoint reports it (compatible mode: prompt/completion tokens; native: input/output tokens). */
export type ReplyUsage = Readonly<Record<string, unknown>>;

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
  readonly body: AsyncIterable<Uint8Array>;
  readonly requestId: string | undefined;
}

/**
 * A streamed reply: iterate it for typed deltas, or await `final()` for the accumulated result.
 * Tool calls are assembled here: the first fragment of a call carries its id and name, continuations
 * carry `""` or nothing for both and must not overwrite them.
 */
export class ChatStream implements AsyncIterable<ChatStreamEvent> {
  private readonly contentParts: string[] = [];
  private readonly reasoningParts: string[] = [];
  private readonly calls: { id: string; name: string; args: string[] }[] = [];
  private finishReason: string | undefined;
  private usage: ReplyUsage | undefined;
  private requestId: string | undefined;
  private iterator: AsyncGenerator<ChatStreamEvent> | undefined;
  private id: string | undefined;
  private model: string | undefined;

  constructor(
    private readonly open: () => Promise<OpenedStream>,
    private readonly decode: ReplyDecoder,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<ChatStreamEvent> {
    if (this.iterator) throw new Error('A chat stream can be read once.');
    this.iterator = this.events();
    return this.iterator;
  }

  /** Reads what is left of the stream and returns everything the reply carried. */
  async final(): Promise<ChatResult> {
    const iterator = this.iterator ?? this[Symbol.asyncIterator]();
    while (!(await iterator.next()).done) {
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

  private async *events(): AsyncGenerator<ChatStreamEvent> {
    const { body, requestId } = await this.open();
    this.requestId = requestId;
    // One loop over the body's chunks, decoding each chunk's events synchronously: no generator per event on this hot path.
    const parser = new SseParser();
    const ready: ChatStreamEvent[] = [];
    for await (const chunk of body) {
      const done = this.decodeAll(parser.push(chunk), requestId, ready);
      for (const event of ready) yield event;
      ready.length = 0;
      if (done) return;
    }
    this.decodeAll(parser.end(), requestId, ready);
    for (const event of ready) yield event;
  }

  /** Decodes and applies events into `ready`; returns true at the end marker. */
  private decodeAll(events: readonly SseEvent[], requestId: string | undefined, ready: ChatStreamEvent[]): boolean {
    for (const event of events) {
      const deltas = this.decode(event, requestId);
      if (deltas === 'done') return true;
      for (const delta of deltas) {
        const applied = this.apply(delta);
        if (applied) ready.push(applied);
      }
    }
    return false;
  }

  private apply(delta: ReplyDelta): ChatStreamEvent | undefined {
    switch (delta.type) {
      case 'meta':
        this.id ??= delta.id;
        this.model ??= delta.model;
        return undefined;
      case 'content':
        this.contentParts.push(delta.text);
        return delta;
      case 'reasoning':
        this.reasoningParts.push(delta.text);
        return delta;
      case 'finish':
        this.finishReason = delta.reason;
        return delta;
      case 'usage':
        this.usage = delta.usage;
        return delta;
      case 'role':
        return delta;
      case 'toolCall': {
        const call = (this.calls[delta.index] ??= { id: '', name: '', args: [] });
        if (delta.id) call.id = delta.id;
        if (delta.name) call.name = delta.name;
        if (delta.argumentsDelta) call.args.push(delta.argumentsDelta);
        return { type: 'toolCall', index: delta.index, id: call.id, name: call.name, argumentsDelta: delta.argumentsDelta };
      }
    }
  }
}

export type StreamOpener = (options?: CallOptions) => Promise<OpenedStream>;
