import { z } from 'zod';
import { FIM_MODELS, FIM_REGIONS } from '../../../src/shared/models/completion';
import type { SimContext } from '../context';
import { compatError, sendJson, type SimRequest } from '../http';
import { countTokens, tokens, type Reply } from '../replies';

/** What the simulator writes at the cursor: recognisable in ghost text, valid in most languages after an expression. */
export const completionText = (model: string) => `42; // ${model}`;

const body = z.looseObject({
  model: z.string().min(1),
  prompt: z.string(),
  max_tokens: z.number().int().min(1).nullish(),
  stream: z.boolean().nullish(),
});

/** POST /compatible-mode/v1/completions: fill in the middle with Qwen coder models, in China (Beijing) only. */
export function completions(req: SimRequest, ctx: SimContext): void {
  const parsed = body.safeParse(req.json);
  if (!parsed.success) return compatError(req, 400, { code: 'invalid_parameter_error', message: `<400> InternalError.Algo.InvalidParameter: ${parsed.error.issues[0]?.path.join('.') || 'body'}` });
  const { model, prompt } = parsed.data;
  if (!FIM_REGIONS.includes(req.region) || !FIM_MODELS.includes(model)) {
    return compatError(req, 404, { code: 'model_not_found', message: `The model \`${model}\` does not exist or you do not have access to it.` });
  }
  if (!prompt.startsWith('<|fim_prefix|>')) return compatError(req, 400, { code: 'invalid_parameter_error', message: 'prompt must start with <|fim_prefix|>' });
  const text = completionText(model).slice(0, parsed.data.max_tokens ?? Infinity);
  const usage = { prompt_tokens: countTokens(prompt), completion_tokens: countTokens(text) };
  sendJson(req, 200, {
    id: `cmpl-${req.requestId}`, object: 'text_completion', created: Math.floor(ctx.now() / 1000), model,
    choices: [{ text, index: 0, logprobs: null, finish_reason: 'stop' }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  });
}

/** Partial mode: a last assistant message with `partial: true` is continued, not answered. */
export function partialReply(messages: readonly { readonly role: string; readonly partial?: unknown }[], model: string): Reply | undefined {
  const last = messages.at(-1);
  return last?.role === 'assistant' && last.partial === true ? { reasoning: [], content: tokens(completionText(model)) } : undefined;
}
