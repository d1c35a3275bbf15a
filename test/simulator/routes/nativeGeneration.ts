import { z } from 'zod';
import type { SimContext } from '../context';
import { invalidParameter, nativeEvent, requestError, sendJson, startSse, wantsNativeSse, type SimRequest } from '../http';
import { isChatModel, isOpenSourceQwen3, isSyncAsrModel, isSyncImageModel, isThinkingOnly, isTtsModel, thinks } from '../models';
import { LIMITS } from '../rateLimits';
import { countTokens, lastUserText, replyFor } from '../replies';
import { FrameWriter } from '../sse';
import { syncImage } from './images';
import { recognition, speech } from './speech';

const part = z.looseObject({ text: z.string().optional(), image: z.string().optional(), audio: z.string().optional(), video: z.unknown().optional() });
const message = z.looseObject({ role: z.enum(['system', 'user', 'assistant', 'tool']), content: z.union([z.string(), z.array(part)]) });
const body = z.looseObject({
  model: z.string().min(1),
  input: z.looseObject({ messages: z.array(message).optional(), prompt: z.string().optional() }),
  parameters: z.looseObject({
    result_format: z.enum(['text', 'message']).optional(),
    incremental_output: z.boolean().optional(),
    enable_thinking: z.boolean().optional(),
    max_tokens: z.number().int().min(1).max(131072).optional(),
    tools: z.array(z.looseObject({ type: z.string(), function: z.looseObject({ name: z.string().min(1), parameters: z.unknown().optional() }) })).optional(),
    seed: z.number().int().min(0).max(2147483647).optional(),
  }).optional(),
});

/** POST .../aigc/text-generation/generation (§5). */
export function textGeneration(req: SimRequest, ctx: SimContext): Promise<void> {
  return nativeChat(req, ctx, false);
}

/** POST .../aigc/multimodal-generation/generation: qwen-image (sync image), Qwen TTS, short-clip ASR, or multimodal chat. */
export function multimodalGeneration(req: SimRequest, ctx: SimContext): Promise<void> | void {
  const model = String((req.json as { model?: unknown }).model);
  if (isSyncImageModel(model)) return syncImage(req, ctx);
  if (isTtsModel(model)) return speech(req, ctx);
  if (isSyncAsrModel(model)) return recognition(req, ctx);
  return nativeChat(req, ctx, true);
}

/** Native chat: plain JSON, or native SSE (§3.4) with `X-DashScope-SSE: enable`. */
async function nativeChat(req: SimRequest, ctx: SimContext, multimodal: boolean): Promise<void> {
  const parsed = body.safeParse(req.json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return invalidParameter(req, `${issue?.path.join('.') || 'body'}: ${issue?.message}`);
  }
  const request = parsed.data;
  if (ctx.limiter.refuse(req, `chat:${request.model}`, LIMITS.chat)) return;
  if (!isChatModel(request.model)) return requestError(req, 404, { code: 'ModelNotFound', message: 'Model not exist.' });
  const messages = request.input.messages ?? (request.input.prompt ? [{ role: 'user' as const, content: request.input.prompt }] : []);
  const hasContent = messages.length > 0 && messages.every((m) => (typeof m.content === 'string' ? m.content.length > 0 : m.content.length > 0));
  if (!hasContent) return invalidParameter(req, 'Role must be user or assistant and Content length must be greater than 0');
  const sse = wantsNativeSse(req);
  const params = request.parameters ?? {};
  if (params.incremental_output && !sse) return invalidParameter(req, 'parameter incremental_output only support stream call');
  const thinking = thinks(request.model, params.enable_thinking);
  if (params.enable_thinking === false && isThinkingOnly(request.model)) return invalidParameter(req, 'The value of the enable_thinking parameter is restricted to True.');
  if (thinking && !sse && isOpenSourceQwen3(request.model)) return invalidParameter(req, 'parameter.enable_thinking must be set to false for non-streaming calls');
  if (req.fault?.name === 'data-inspection') return requestError(req, 400, { code: 'DataInspectionFailed', message: 'Input data may contain inappropriate content.' });
  if (req.fault?.name === 'invalid-parameter') return invalidParameter(req, 'Range of input length should be [1, 129024]');

  const full = replyFor(lastUserText(messages), {
    model: request.model, thinking, requestId: req.requestId,
    tools: (params.tools ?? []).map((t) => ({ name: t.function.name, parameters: t.function.parameters })),
  });
  const truncated = full.content.length > (params.max_tokens ?? Infinity);
  const reply = truncated ? { ...full, content: full.content.slice(0, params.max_tokens) } : full;
  const finalReason = reply.toolCall ? 'tool_calls' : truncated ? 'length' : 'stop';
  const asText = params.result_format === 'text' && !multimodal && !thinking && !reply.toolCall;
  const inputTokens = countTokens(JSON.stringify(messages));
  const usage = (outputTokens: number, reasoningTokens: number) => ({
    input_tokens: inputTokens, output_tokens: outputTokens, total_tokens: inputTokens + outputTokens,
    prompt_tokens_details: { cached_tokens: 0 }, ...(thinking ? { output_tokens_details: { reasoning_tokens: reasoningTokens } } : {}),
  });
  const output = (text: string, reasoning: string, finish: string, toolCalls?: unknown[]) => (asText
    ? { text, finish_reason: finish }
    : { choices: [{ finish_reason: finish, message: {
      role: 'assistant', content: multimodal ? [{ text }] : text,
      ...(thinking ? { reasoning_content: reasoning } : {}), ...(toolCalls ? { tool_calls: toolCalls } : {}),
    } }] });

  const call = reply.toolCall;
  if (!sse) {
    const toolCalls = call ? [{ function: { name: call.name, arguments: call.arguments }, index: 0, id: call.id, type: 'function' }] : undefined;
    return sendJson(req, 200, { output: output(reply.content.join(''), reply.reasoning.join(''), finalReason, toolCalls), usage: usage(reply.content.length + reply.reasoning.length, reply.reasoning.length), request_id: req.requestId });
  }

  startSse(req);
  const out = new FrameWriter(req.res, ctx.sleep, reply.paceMs);
  const incremental = params.incremental_output === true;
  const steps: { reasoning?: string; text?: string; toolArgs?: string }[] = [
    ...reply.reasoning.map((reasoning) => ({ reasoning })),
    ...reply.content.map((text) => ({ text })),
    ...(call ? [call.arguments.slice(0, 12), call.arguments.slice(12)].filter(Boolean).map((toolArgs) => ({ toolArgs })) : []),
  ];
  let text = '';
  let reasoning = '';
  let args = '';
  let id = 1;
  for (const [index, step] of steps.entries()) {
    if (req.fault?.name === 'cut' && index === 3) return out.cut();
    if (req.fault?.name === 'stream-error' && index === 2) {
      await out.frame(nativeEvent(id, { code: 'DataInspectionFailed', message: 'Output data may contain inappropriate content.', request_id: req.requestId }, 'error', 400));
      return out.end();
    }
    text += step.text ?? '';
    reasoning += step.reasoning ?? '';
    const toolCalls = step.toolArgs === undefined ? undefined : [args === ''
      ? { index: 0, id: call!.id, type: 'function', function: { name: call!.name, arguments: step.toolArgs } }
      : { index: 0, id: '', type: 'function', function: { arguments: incremental ? step.toolArgs : args + step.toolArgs } }];
    args += step.toolArgs ?? '';
    const payload = {
      output: output(incremental ? step.text ?? '' : text, incremental ? step.reasoning ?? '' : reasoning, 'null', toolCalls),
      usage: usage(index + 1, Math.min(index + 1, reply.reasoning.length)),
      request_id: req.requestId,
    };
    await out.frame(nativeEvent(id++, payload));
  }
  const last = { output: output(incremental ? '' : text, incremental ? '' : reasoning, finalReason), usage: usage(steps.length, reply.reasoning.length), request_id: req.requestId };
  await out.frame(nativeEvent(id, last));
  await out.end();
}
