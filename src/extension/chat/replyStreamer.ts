import * as z from 'zod/mini';
import type { ChatStreamEvent } from '../../dashscope';
import type { ChatEvent, ChatMessageView, ReplyError, ReplyMetrics, ReplyReference, ReplyUsage } from '../../shared/protocol/chat';
import { replyErrorOf } from './replyErrors';

const usageSchema = z.looseObject({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number(),
  completion_tokens_details: z.optional(z.nullable(z.looseObject({ reasoning_tokens: z.optional(z.number()) }))),
});

/** The service's usage object in the shape the chat shows; undefined when it is not one. */
export function replyUsageOf(raw: unknown): ReplyUsage | undefined {
  const parsed = usageSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const usage = parsed.data;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  return { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, totalTokens: usage.total_tokens, ...(reasoning !== undefined ? { reasoningTokens: reasoning } : {}) };
}

/** What a reply streams: a model's events, or an application's, which end with the passages it drew on. */
export type ReplyStreamEvent = ChatStreamEvent | { readonly type: 'references'; readonly references: readonly ReplyReference[] };

export interface ReplyRun {
  readonly messageId: string;
  readonly events: AsyncIterable<ReplyStreamEvent>;
  readonly signal: AbortSignal;
  readonly now: () => number;
  /** When the request was sent (same clock as `now`). */
  readonly startedAt: number;
  readonly emit: (event: ChatEvent) => void;
}

export interface ReplyOutcome {
  readonly status: 'done' | 'stopped' | 'error';
  readonly error?: ReplyError;
  /** What failed, as the library said it (for the log). */
  readonly cause?: unknown;
}

/**
 * Streams one reply into chat events: text as it arrives, then one `messageFinished` with latency and
 * usage. A stopped or failed reply keeps the text that had arrived; stopping is not an error.
 */
export async function runReply(run: ReplyRun): Promise<ReplyOutcome> {
  let firstTokenAt: number | undefined;
  let usage: ReplyUsage | undefined;
  let finishReason: string | undefined;
  let references: ReplyReference[] | undefined;
  const metrics = (): ReplyMetrics => ({
    ...(firstTokenAt !== undefined ? { firstTokenMs: firstTokenAt - run.startedAt } : {}),
    totalMs: run.now() - run.startedAt,
    ...(usage ? { usage } : {}),
  });
  const finish = (outcome: ReplyOutcome): ReplyOutcome => {
    run.emit({
      type: 'messageFinished',
      messageId: run.messageId,
      status: outcome.status,
      metrics: metrics(),
      ...(finishReason !== undefined ? { finishReason } : {}),
      ...(references ? { references } : {}),
      ...(outcome.error ? { error: outcome.error } : {}),
    });
    return outcome;
  };
  try {
    for await (const event of run.events) {
      switch (event.type) {
        case 'content':
        case 'reasoning':
          firstTokenAt ??= run.now();
          run.emit({ type: 'textAppended', messageId: run.messageId, ...(event.type === 'content' ? { content: event.text } : { reasoning: event.text }) });
          break;
        case 'usage':
          usage = replyUsageOf(event.usage) ?? usage;
          break;
        case 'finish':
          finishReason = event.reason;
          break;
        case 'references':
          references = [...event.references];
          break;
        default:
          break;
      }
    }
  } catch (error) {
    if (run.signal.aborted) return finish({ status: 'stopped' });
    return finish({ status: 'error', error: replyErrorOf(error), cause: error });
  }
  return finish({ status: run.signal.aborted ? 'stopped' : 'done' });
}

/**
 * Where a reply goes: a new message; in place of an earlier reply (`retry`: the earlier text stays, shown
 * as streaming, until the new reply's first text replaces it; a retry that fails keeps it too); or at
 * the end of an interrupted reply (`continue`).
 */
export type ReplyPlacement =
  | { readonly kind: 'new' }
  | { readonly kind: 'retry'; readonly messageId: string }
  | { readonly kind: 'continue'; readonly messageId: string };

export interface PlacedReply {
  /** The message `runReply` streams into. */
  readonly messageId: string;
  /** Shows that the reply started. */
  start(): void;
  emit(event: ChatEvent): void;
}

/** Routes a reply's events according to its placement; `fresh` is the message a new reply starts as. */
export function placeReply(placement: ReplyPlacement, fresh: ChatMessageView, emit: (event: ChatEvent) => void): PlacedReply {
  if (placement.kind === 'new') return { messageId: fresh.id, start: () => emit({ type: 'messageAdded', message: fresh }), emit };
  const retrying = { type: 'replyRetrying', messageId: placement.messageId } as const;
  if (placement.kind === 'continue') return { messageId: placement.messageId, start: () => emit(retrying), emit };
  let replaced = false;
  return {
    messageId: fresh.id,
    start: () => emit(retrying),
    emit: (event) => {
      if (!replaced && (event.type === 'textAppended' || (event.type === 'messageFinished' && event.status === 'done'))) {
        replaced = true;
        emit({ type: 'truncated', fromMessageId: placement.messageId });
        emit({ type: 'messageAdded', message: fresh });
      }
      emit(!replaced && event.type === 'messageFinished' ? { ...event, messageId: placement.messageId } : event);
    },
  };
}

/** The messages a placed reply is asked from: without the reply it replaces or continues. */
export function messagesBefore<T extends { readonly id: string }>(placement: ReplyPlacement, messages: readonly T[]): T[] {
  return placement.kind === 'new' ? [...messages] : messages.filter((message) => message.id !== placement.messageId);
}
