import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SimContext } from '../context';
import { compatError, sendJson, startSse, type SimRequest } from '../http';
import { COMPAT_MODELS, isChatModel, isOpenSourceQwen3, isThinkingOnly, thinks } from '../models';
import { LIMITS } from '../rateLimits';
import { countTokens, lastUserText, replyFor, type Reply } from '../replies';
import { FrameWriter, write } from '../sse';
import { partialReply } from './fim';
import { toolRoundReply } from './tools';
import { agentStep } from '../agentScript';

const contentPart = z.looseObject({ type: z.string(), text: z.string().optional() });
const message = z.looseObject({
  role: z.enum(['system', 'user', 'assistant', 'tool', 'developer']),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
});
const tool = z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string().min(1), parameters: z.unknown().optional() }) });
const body = z.looseObject({
  model: z.string().min(1),
  messages: z.array(message).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  enable_thinking: z.boolean().nullish(),
  thinking_budget: z.number().int().positive().nullish(),
  tools: z.array(tool).nullish(),
  max_tokens: z.number().int().min(1).max(131072).nullish(),
  max_completion_tokens: z.number().int().min(1).nullish(),
  temperature: z.number().min(0).lt(2).nullish(),
  top_p: z.number().gt(0).max(1).nullish(),
  top_logprobs: z.number().int().min(0).max(5).nullish(),
  response_format: z.looseObject({ type: z.enum(['text', 'json_object', 'json_schema']) }).nullish(),
});
type ChatBody = z.output<typeof body>;

const CREATED = 1776165294;

/** GET /compatible-mode/v1/models (§4.5). */
export function listModels(req: SimRequest): void {
  sendJson(req, 200, {
    object: 'list',
    data: COMPAT_MODELS.map((id, index) => ({ id, object: 'model', created: CREATED - index * 86_400, owned_by: 'system' })),
    first_id: 'model-id-0',
    last_id: `model-id-${COMPAT_MODELS.length - 1}`,
    has_more: false,
  });
}

const invalid = (req: SimRequest, message: string) => compatError(req, 400, { code: 'invalid_parameter_error', message });

/** Checks a parsed body the way the service does; answers and returns false when it refuses it. */
function accepted(req: SimRequest, request: ChatBody, thinking: boolean): boolean {
  if (!isChatModel(request.model)) {
    compatError(req, 404, { code: 'model_not_found', message: `The model \`${request.model}\` does not exist or you do not have access to it.` });
    return false;
  }
  if (request.enable_thinking === false && isThinkingOnly(request.model)) {
    invalid(req, 'The value of the enable_thinking parameter is restricted to True.');
    return false;
  }
  if (thinking && !request.stream && isOpenSourceQwen3(request.model)) {
    invalid(req, 'parameter.enable_thinking must be set to false for non-streaming calls');
    return false;
  }
  if (request.response_format?.type === 'json_object' && !JSON.stringify(request.messages).toLowerCase().includes('json')) {
    invalid(req, '<400> InternalError.Algo.InvalidParameter: \'messages\' must contain the word \'json\' in some form, to use \'response_format\' of type \'json_object\'.');
    return false;
  }
  if (req.fault?.name === 'data-inspection') {
    compatError(req, 400, { code: 'data_inspection_failed', type: 'data_inspection_failed', message: 'Input data may contain inappropriate content.' });
    return false;
  }
  if (req.fault?.name === 'invalid-parameter') {
    invalid(req, '<400> InternalError.Algo.InvalidParameter: Range of input length should be [1, 129024]');
    return false;
  }
  return true;
}

/** POST /compatible-mode/v1/chat/completions (§4): JSON or SSE chunks. */
export async function chatCompletions(req: SimRequest, ctx: SimContext): Promise<void> {
  const parsed = body.safeParse(req.json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return invalid(req, `<400> InternalError.Algo.InvalidParameter: ${issue?.path.join('.') || 'body'}: ${issue?.message}`);
  }
  const request = parsed.data;
  if (ctx.limiter.refuse(req, `chat:${request.model}`, LIMITS.chat)) return;
  const thinking = thinks(request.model, request.enable_thinking ?? undefined);
  if (!accepted(req, request, thinking)) return;

  const toolRound = toolRoundReply(req, request.messages);
  if (toolRound === 'refused') return;
  const tools = (request.tools ?? []).map((t) => ({ name: t.function.name, parameters: t.function.parameters }));
  const prompt = lastUserText(request.messages);
  const full = agentStep(prompt, request.messages, tools, req.requestId) ?? toolRound ?? partialReply(request.messages, request.model) ?? replyFor(prompt, {
    model: request.model, thinking, requestId: req.requestId, json: request.response_format?.type === 'json_object', tools,
  });
  const limit = request.max_completion_tokens ?? request.max_tokens ?? Infinity;
  const truncated = full.content.length > limit;
  const reply: Reply = truncated ? { ...full, content: full.content.slice(0, limit) } : full;
  const finishReason = reply.toolCall ? 'tool_calls' : truncated ? 'length' : 'stop';
  const promptTokens = countTokens(JSON.stringify(request.messages));
  const completionTokens = reply.content.length + reply.reasoning.length + (reply.toolCall ? countTokens(reply.toolCall.arguments) : 0);
  const usage = {
    prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0 },
    ...(thinking ? { completion_tokens_details: { reasoning_tokens: reply.reasoning.length } } : {}),
  };
  const id = `chatcmpl-${req.requestId}`;
  const created = Math.floor(ctx.now() / 1000);
  if (request.stream) return streamChat(req, ctx, { id, created, model: request.model, reply, thinking, finishReason, usage, includeUsage: request.stream_options?.include_usage === true });

  sendJson(req, 200, {
    choices: [{
      finish_reason: finishReason,
      index: 0,
      logprobs: null,
      message: {
        content: reply.content.join(''),
        ...(thinking ? { reasoning_content: reply.reasoning.join('') } : {}),
        role: 'assistant',
        ...(reply.toolCall ? { tool_calls: [{ index: 0, id: reply.toolCall.id, type: 'function', function: { name: reply.toolCall.name, arguments: reply.toolCall.arguments } }] } : {}),
      },
    }],
    object: 'chat.completion',
    usage,
    created,
    system_fingerprint: null,
    model: request.model,
    id,
  });
}

interface StreamPlan {
  readonly id: string;
  readonly created: number;
  readonly model: string;
  readonly reply: Reply;
  readonly thinking: boolean;
  readonly finishReason: string;
  readonly usage: Record<string, unknown>;
  readonly includeUsage: boolean;
}

/** Splits a string into `parts` roughly equal pieces (tool-call argument fragments). */
function pieces(text: string, parts: number): string[] {
  const size = Math.ceil(text.length / parts);
  return Array.from({ length: parts }, (_, i) => text.slice(i * size, (i + 1) * size)).filter((piece) => piece.length > 0);
}

/** The compatible SSE stream (§4.3): role chunk, reasoning, content or tool-call fragments, finish chunk, optional usage chunk, [DONE]. */
async function streamChat(req: SimRequest, ctx: SimContext, plan: StreamPlan): Promise<void> {
  startSse(req);
  const out = new FrameWriter(req.res, ctx.sleep, plan.reply.paceMs);
  // Chunks share everything but the delta: build the JSON around it once.
  const head = `data: {"id":${JSON.stringify(plan.id)},"object":"chat.completion.chunk","created":${plan.created},"model":${JSON.stringify(plan.model)},"choices":[{"index":0,"delta":`;
  const chunk = (delta: string, finish: string | null = null) => `${head}${delta},"finish_reason":${finish === null ? 'null' : JSON.stringify(finish)},"logprobs":null}],"usage":null,"system_fingerprint":null}\n\n`;
  const fault = req.fault?.name;
  const strikeAt = fault === 'cut' ? 4 : fault === 'stream-error' ? 3 : Infinity;

  const deltas: string[] = [plan.thinking ? '{"content":null,"reasoning_content":"","role":"assistant"}' : '{"content":"","role":"assistant"}'];
  for (const text of plan.reply.reasoning) deltas.push(`{"content":null,"reasoning_content":${JSON.stringify(text)},"role":null}`);
  const contentDelta = plan.thinking ? (text: string) => `{"content":${JSON.stringify(text)},"reasoning_content":null,"role":null}` : (text: string) => `{"content":${JSON.stringify(text)},"role":null}`;
  for (const text of plan.reply.content) deltas.push(contentDelta(text));
  const call = plan.reply.toolCall;
  if (call) {
    pieces(call.arguments, 2).forEach((args, i) => {
      const fragment = i === 0
        ? { index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: args } }
        : { index: 0, id: '', type: 'function', function: { name: '', arguments: args } };
      deltas.push(`{"content":null,"role":null,"tool_calls":[${JSON.stringify(fragment)}]}`);
    });
  }

  if (fault === 'long-event') {
    await out.frame(chunk(deltas[0]!));
    await out.flush();
    await longContent(req.res, `${head}{"content":"`, '"},"finish_reason":null,"logprobs":null}],"usage":null,"system_fingerprint":null}\n\n', (Number(req.fault?.value) || 16) * 2 ** 20);
    return out.end();
  }
  for (const delta of deltas) {
    if (out.count >= strikeAt) {
      if (fault === 'cut') return out.cut();
      await out.flush();
      await write(req.res, `data: ${JSON.stringify({ error: { message: 'Output data may contain inappropriate content.', type: 'data_inspection_failed', param: null, code: 'data_inspection_failed' }, id: plan.id, request_id: req.requestId })}\n\n`);
      return out.end();
    }
    await out.frame(chunk(delta));
  }
  await out.frame(chunk(plan.thinking ? '{"content":"","reasoning_content":null}' : '{"content":""}', plan.finishReason));
  if (plan.includeUsage) {
    await out.frame(`data: ${JSON.stringify({ id: plan.id, object: 'chat.completion.chunk', created: plan.created, model: plan.model, choices: [], usage: plan.usage, system_fingerprint: null })}\n\n`);
  }
  await out.frame('data: [DONE]\n\n');
  await out.end();
}

/** One SSE event whose content is `size` bytes of `x` on a single line, written a megabyte at a time as the client reads. */
async function longContent(res: ServerResponse, head: string, tail: string, size: number): Promise<void> {
  await write(res, head);
  const piece = 'x'.repeat(2 ** 20);
  for (let left = size; left > 0 && !res.destroyed; left -= piece.length) await write(res, left >= piece.length ? piece : piece.slice(0, left));
  await write(res, tail);
}
