import * as z from 'zod/mini';
import type { ChatStreamEvent } from '../../dashscope';
import type { ChatEvent, ReplyError, ReplyMetrics, ReplyUsage } from '../../shared/protocol/chat';
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

export interface ReplyRun {
  readonly messageId: string;
  readonly events: AsyncIterable<ChatStreamEvent>;
  readonly signal: AbortSignal;
  readonly now: () => number;
  /** When the request was sent (same clock as `now`). */
  readonly startedAt: number;
  readonly emit: (event: ChatEvent) => void;
}

export interface ReplyOutcome {
  readonly status: 'done' | 'stopped' | 'error';
  readonly error?: ReplyError;
}

/**
 * Streams one reply into chat events: text as it arrives, then one `messageFinished` with latency and
 * usage. A stopped or failed reply keeps the text that had arrived; stopping is not an error.
 */
export async function runReply(run: ReplyRun): Promise<ReplyOutcome> {
  let firstTokenAt: number | undefined;
  let usage: ReplyUsage | undefined;
  let finishReason: string | undefined;
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
        default:
          break;
      }
    }
  } catch (error) {
    if (run.signal.aborted) return finish({ status: 'stopped' });
    return finish({ status: 'error', error: replyErrorOf(error) });
  }
  return finish({ status: run.signal.aborted ? 'stopped' : 'done' });
}
