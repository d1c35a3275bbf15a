import type { ChatMessage, ChatRequest, CompletionRequest, DashScopeClient } from '../../dashscope';
import { fimPrompt, type CompletionRoute } from '../../shared/models/completion';
import { thinkingOf } from './lmModels';

/** Enough for the next few lines; ghost text longer than that is cut anyway. */
const MAX_TOKENS = 128;

export interface CompletionInput {
  readonly prefix: string;
  readonly suffix: string;
  readonly languageId: string;
  readonly fileName: string;
}

/** Fill in the middle on the completions endpoint. */
export function fimRequest(model: string, input: CompletionInput): CompletionRequest {
  return { model, prompt: fimPrompt(input.prefix, input.suffix), max_tokens: MAX_TOKENS, temperature: 0.2 };
}

/**
 * Partial mode on chat completions: the code before the cursor is the start of the model's own answer,
 * which it continues; the code after the cursor is given as context. Thinking is off (partial mode
 * supports non-thinking mode only).
 */
export function partialRequest(model: string, input: CompletionInput): ChatRequest {
  const partial = { role: 'assistant', content: input.prefix, partial: true };
  const messages: ChatMessage[] = [
    { role: 'system', content: 'You complete code at the cursor. Continue the assistant message exactly where it stops, with code only: no explanations, no Markdown fences.' },
    { role: 'user', content: `File ${input.fileName} (${input.languageId}). The code after the cursor is:\n${input.suffix}` },
    partial as ChatMessage,
  ];
  return { model, messages, max_tokens: MAX_TOKENS, temperature: 0.2, stop: ['\n\n\n'], ...(thinkingOf(model) === 'optional' ? { enable_thinking: false } : {}) };
}

/** The completion text for the code around the cursor, by the route's endpoint. */
export async function fetchCompletion(client: DashScopeClient, route: CompletionRoute, input: CompletionInput, signal: AbortSignal): Promise<string> {
  if (route.mode === 'fim') return (await client.completions.create(fimRequest(route.model, input), { signal })).text;
  return (await client.chat.send(partialRequest(route.model, input), { signal })).content;
}
