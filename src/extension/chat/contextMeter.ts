import type { ChatMessageView, ContextMeter } from '../../shared/protocol/chat';

/** Warn when the conversation fills this share of the context window. */
const WARN_RATIO = 0.8;
/** A rough cost of an image in a vision model's context. */
const IMAGE_TOKENS = 1_280;
/** Per-message overhead of the chat template. */
const MESSAGE_TOKENS = 4;

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/g;

/** Tokens of a text, estimated: one per CJK character, one per four other characters. */
export function estimateTokens(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  return cjk + Math.ceil((text.length - cjk) / 4);
}

function messageTokens(message: ChatMessageView): number {
  let tokens = MESSAGE_TOKENS + estimateTokens(message.content);
  for (const attachment of message.attachments ?? []) {
    tokens += attachment.kind === 'image' ? IMAGE_TOKENS : Math.ceil(attachment.sizeBytes / 4);
  }
  return tokens;
}

/**
 * How much of the model's context window the next request will use. The service's own count from the
 * last reply is exact for everything up to it (less its reasoning, which is not sent back); later
 * messages and the draft are estimated.
 */
export function measureContext(input: {
  readonly systemPrompt: string;
  readonly messages: readonly ChatMessageView[];
  readonly contextWindow: number;
  readonly draftTokens?: number;
}): ContextMeter {
  const { messages } = input;
  let used = 0;
  let from = 0;
  for (let index = messages.length - 1; index >= 0; index--) {
    const usage = messages[index]!.metrics?.usage;
    if (usage) {
      used = usage.promptTokens + usage.completionTokens - (usage.reasoningTokens ?? 0);
      from = index + 1;
      break;
    }
  }
  if (from === 0 && input.systemPrompt) used += MESSAGE_TOKENS + estimateTokens(input.systemPrompt);
  for (let index = from; index < messages.length; index++) used += messageTokens(messages[index]!);
  used += input.draftTokens ?? 0;
  const ratio = used / input.contextWindow;
  return { usedTokens: used, limitTokens: input.contextWindow, level: ratio >= 1 ? 'full' : ratio >= WARN_RATIO ? 'warn' : 'ok' };
}
