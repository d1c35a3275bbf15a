import { z } from 'zod';
import type { Fault } from '../faults';
import { compatError, cutConnection, nativeError, sendJson, startSse, write, type SimRequest } from '../http';
import { countTokens, replyFor, type Reply } from '../replies';

export const MODELS = [
  'qwen3-max', 'qwen-max', 'qwen-plus', 'qwen-flash', 'qwen-turbo', 'qwen3-coder-plus', 'qwen3-coder-flash', 'qwq-plus',
  'qwen3-32b', 'qwen3-14b', 'qwen3-8b', 'qwen3-235b-a22b', 'qwen-vl-max', 'qwen-vl-plus', 'qwen3-vl-plus', 'qwen3.5-omni-plus',
  'qwen-image', 'qwen-image-plus', 'qwen-image-max', 'qwen-image-edit', 'qwen-image-edit-plus', 'wan2.7-image', 'wan2.7-image-pro',
  'qwen3-tts-flash', 'qwen3-asr-flash', 'text-embedding-v4',
];

/** Open-source Qwen3 models refuse thinking on non-streaming calls. */
const OPEN_SOURCE_QWEN3 = /^qwen3-\d+(\.\d+)?b(-a\d+b)?$/;
const CHAT_MODEL = /^(qwen|qwq|deepseek|kimi|glm|moonshot)/;
const NON_ASCII = /[^\t\n\r\u0020-\u007e]/;

const messageSchema = z.looseObject({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string().optional(), text: z.string().optional() })), z.null()]).optional(),
});
const compatBody = z.looseObject({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  enable_thinking: z.boolean().optional(),
  tools: z.array(z.unknown()).optional(),
  max_tokens: z.number().int().min(1).max(131072).optional(),
});

export function lastUserText(messages: readonly z.output<typeof messageSchema>[]): string {
  const last = [...messages].reverse().find((message) => message.role === 'user');
  const content = last?.content;
  return typeof content === 'string' ? content : (content ?? []).map((part) => part.text ?? '').join(' ');
}

const promptTokens = (messages: readonly z.output<typeof messageSchema>[]) => countTokens(JSON.stringify(messages));

export function listModels(req: SimRequest): void {
  const created = 1776165294;
  sendJson(req, 200, {
    object: 'list',
    data: MODELS.map((id) => ({ id, object: 'model', created, owned_by: 'system' })),
    first_id: 'model-id-0',
    last_id: `model-id-${MODELS.length - 1}`,
    has_more: false,
  });
}

/** Writes a sequence of SSE frames fast: batched into large writes, honouring backpressure. */
class FrameWriter {
  private pending: string[] = [];
  private size = 0;

  constructor(private readonly req: SimRequest) {}

  async frame(text: string): Promise<void> {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= 16_384) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.size = 0;
    await write(this.req.res, text);
  }

  /** Writes a frame holding multi-byte text in two writes that split a character, as TCP may. */
  async splitFrame(text: string): Promise<void> {
    await this.flush();
    const bytes = Buffer.from(text, 'utf8');
    const lead = bytes.findIndex((byte) => byte >= 0xc0);
    if (lead === -1) return write(this.req.res, bytes);
    await write(this.req.res, bytes.subarray(0, lead + 1));
    await new Promise((resolve) => setImmediate(resolve));
    await write(this.req.res, bytes.subarray(lead + 1));
  }
}

export async function compatChat(req: SimRequest, body: unknown, fault: Fault | undefined): Promise<void> {
  const parsed = compatBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return compatError(req, 400, 'invalid_parameter_error', `<400> InternalError.Algo.InvalidParameter: ${issue?.path.join('.') || 'body'}: ${issue?.message}`);
  }
  const request = parsed.data;
  if (!CHAT_MODEL.test(request.model)) {
    return compatError(req, 404, 'model_not_found', `The model \`${request.model}\` does not exist or you do not have access to it.`);
  }
  const thinking = request.enable_thinking === true;
  if (thinking && !request.stream && OPEN_SOURCE_QWEN3.test(request.model)) {
    return compatError(req, 400, 'invalid_parameter_error', 'parameter.enable_thinking must be set to false for non-streaming calls');
  }
  if (fault?.name === 'data-inspection') return compatError(req, 400, 'data_inspection_failed', 'Input data may contain inappropriate content.', 'data_inspection_failed');
  if (fault?.name === 'invalid-parameter') return compatError(req, 400, 'invalid_parameter_error', '<400> InternalError.Algo.InvalidParameter: Range of input length should be [1, 129024]');

  const prompt = lastUserText(request.messages);
  const reply = replyFor(prompt, { model: request.model, thinking, tools: (request.tools?.length ?? 0) > 0 });
  const usage = { prompt_tokens: promptTokens(request.messages), completion_tokens: reply.content.length + reply.reasoning.length, total_tokens: 0 };
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  const id = `chatcmpl-${req.requestId}`;
  const created = Math.floor(Date.now() / 1000);

  if (!request.stream) {
    return sendJson(req, 200, {
      choices: [{
        finish_reason: reply.toolCall ? 'tool_calls' : 'stop',
        index: 0,
        message: {
          role: 'assistant',
          content: reply.content.join(''),
          ...(thinking ? { reasoning_content: reply.reasoning.join('') } : {}),
          ...(reply.toolCall ? { tool_calls: [{ index: 0, id: `call_${req.requestId.slice(0, 8)}`, type: 'function', function: reply.toolCall }] } : {}),
        },
        logprobs: null,
      }],
      created,
      id,
      model: request.model,
      object: 'chat.completion',
      usage: { ...usage, prompt_tokens_details: { cached_tokens: 0 }, ...(thinking ? { completion_tokens_details: { reasoning_tokens: reply.reasoning.length } } : {}) },
    });
  }
  await streamCompat(req, { id, created, model: request.model, reply, thinking, usage, includeUsage: request.stream_options?.include_usage === true, fault });
}

async function streamCompat(req: SimRequest, s: {
  id: string; created: number; model: string; reply: Reply; thinking: boolean;
  usage: Record<string, number>; includeUsage: boolean; fault: Fault | undefined;
}): Promise<void> {
  startSse(req, 'utf-8');
  const out = new FrameWriter(req);
  const frame = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: s.id, object: 'chat.completion.chunk', created: s.created, model: s.model, usage: null, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }], system_fingerprint: null })}\n\n`;
  await out.frame(frame(s.thinking ? { content: null, reasoning_content: '', role: 'assistant' } : { content: '', role: 'assistant' }));
  let sent = 0;
  const cutAfter = s.fault?.name === 'cut' ? 3 : s.fault?.name === 'stream-error' ? 2 : Infinity;
  const pieces: Record<string, unknown>[] = [
    ...s.reply.reasoning.map((text) => ({ content: null, reasoning_content: text, role: null })),
    ...s.reply.content.map((text) => (s.thinking ? { content: text, reasoning_content: null, role: null } : { content: text, role: null })),
  ];
  if (s.reply.toolCall) {
    const args = s.reply.toolCall.arguments;
    const half = Math.ceil(args.length / 2);
    pieces.push({ content: null, role: null, tool_calls: [{ index: 0, id: `call_${s.id.slice(9, 17)}`, type: 'function', function: { name: s.reply.toolCall.name, arguments: args.slice(0, half) } }] });
    pieces.push({ content: null, role: null, tool_calls: [{ index: 0, id: '', type: 'function', function: { arguments: args.slice(half) } }] });
  }
  for (const delta of pieces) {
    if (sent++ >= cutAfter) {
      await out.flush();
      if (s.fault?.name === 'stream-error') {
        await write(req.res, `data: ${JSON.stringify({ error: { message: 'Output data may contain inappropriate content.', type: 'data_inspection_failed', param: null, code: 'data_inspection_failed' }, id: s.id })}\n\n`);
        req.res.end();
      } else {
        await cutConnection(req.res);
      }
      return;
    }
    const text = frame(delta);
    if (NON_ASCII.test(text)) await out.splitFrame(text);
    else await out.frame(text);
  }
  await out.frame(frame(s.thinking ? { content: '', reasoning_content: null } : { content: '' }, s.reply.toolCall ? 'tool_calls' : 'stop'));
  if (s.includeUsage) {
    await out.frame(`data: ${JSON.stringify({ id: s.id, object: 'chat.completion.chunk', created: s.created, model: s.model, choices: [], usage: s.usage, system_fingerprint: null })}\n\n`);
  }
  await out.frame('data: [DONE]\n\n');
  await out.flush();
  req.res.end();
}

const nativeBody = z.looseObject({
  model: z.string().min(1),
  input: z.looseObject({
    messages: z.array(messageSchema.extend({ content: z.union([z.string(), z.array(z.looseObject({ text: z.string().optional(), image: z.string().optional() }))]) })).optional(),
    prompt: z.string().optional(),
  }),
  parameters: z.looseObject({
    result_format: z.enum(['text', 'message']).optional(),
    incremental_output: z.boolean().optional(),
    enable_thinking: z.boolean().optional(),
  }).optional(),
});

/** Native chat on text-generation and multimodal-generation: plain JSON, or native SSE with `X-DashScope-SSE: enable`. */
export async function nativeChat(req: SimRequest, body: unknown, fault: Fault | undefined, multimodal: boolean): Promise<void> {
  const parsed = nativeBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return nativeError(req, 400, 'InvalidParameter', `${issue?.path.join('.') || 'body'}: ${issue?.message}`);
  }
  const request = parsed.data;
  const messages = request.input.messages ?? (request.input.prompt ? [{ role: 'user' as const, content: request.input.prompt }] : []);
  const hasText = messages.some((m) => (typeof m.content === 'string' ? m.content.length > 0 : m.content.some((part) => part.text || part.image)));
  if (!hasText) return nativeError(req, 400, 'InvalidParameter', 'Role must be user or assistant and Content length must be greater than 0');
  const sse = req.headers['x-dashscope-sse'] === 'enable';
  const params = request.parameters ?? {};
  if (params.incremental_output && !sse) return nativeError(req, 400, 'InvalidParameter', 'parameter incremental_output only support stream call');
  if (fault?.name === 'data-inspection') return nativeError(req, 400, 'DataInspectionFailed', 'Input data may contain inappropriate content.');
  if (fault?.name === 'invalid-parameter') return nativeError(req, 400, 'InvalidParameter', 'Range of input length should be [1, 129024]');

  const thinking = params.enable_thinking === true;
  const prompt = lastUserText(messages.map((m) => ({ role: m.role, content: typeof m.content === 'string' ? m.content : m.content.map((p) => ({ text: p.text })) })));
  const reply = replyFor(prompt, { model: request.model, thinking, tools: false });
  const inputTokens = countTokens(JSON.stringify(messages));
  const asText = params.result_format === 'text' && !multimodal;
  const content = (text: string) => (multimodal ? [{ text }] : text);
  const output = (text: string, reasoning: string, finish: string) =>
    asText
      ? { text, finish_reason: finish }
      : { choices: [{ finish_reason: finish, message: { role: 'assistant', content: content(text), ...(thinking ? { reasoning_content: reasoning } : {}) } }] };
  const usage = (outputTokens: number) => ({ input_tokens: inputTokens, output_tokens: outputTokens, total_tokens: inputTokens + outputTokens });

  if (!sse) {
    return sendJson(req, 200, { output: output(reply.content.join(''), reply.reasoning.join(''), 'stop'), usage: usage(reply.content.length), request_id: req.requestId });
  }
  startSse(req, 'UTF-8');
  const out = new FrameWriter(req);
  const incremental = params.incremental_output === true;
  const pieces = [...reply.reasoning.map((t) => ({ reasoning: t, text: '' })), ...reply.content.map((t) => ({ reasoning: '', text: t }))];
  let id = 1;
  let text = '';
  let reasoning = '';
  const event = (payload: unknown, kind = 'result', status = 200) =>
    `id:${id++}\nevent:${kind}\n:HTTP_STATUS/${status}\ndata:${JSON.stringify(payload)}\n\n`;
  for (const [index, piece] of pieces.entries()) {
    if (fault?.name === 'cut' && index === 3) {
      await out.flush();
      await cutConnection(req.res);
      return;
    }
    if (fault?.name === 'stream-error' && index === 2) {
      await out.frame(event({ code: 'DataInspectionFailed', message: 'Output data may contain inappropriate content.', request_id: req.requestId }, 'error', 400));
      await out.flush();
      req.res.end();
      return;
    }
    text += piece.text;
    reasoning += piece.reasoning;
    const payload = { output: output(incremental ? piece.text : text, incremental ? piece.reasoning : reasoning, 'null'), usage: usage(index + 1), request_id: req.requestId };
    const frame = event(payload);
    if (NON_ASCII.test(frame)) await out.splitFrame(frame);
    else await out.frame(frame);
  }
  await out.frame(event({ output: output(incremental ? '' : text, incremental ? '' : reasoning, 'stop'), usage: usage(pieces.length), request_id: req.requestId }));
  await out.flush();
  req.res.end();
}
