import { z } from 'zod';
import { isModelId } from '../shared/modelId';
import { DeltaTemplate } from './deltaTemplate';
import { errorFromBody, parseJson } from './errors';
import { parseBody, parseValue, responseText, type CallOptions, type Transport } from './http';
import { ChatStream, type ChatResult, type ChatToolCall, type ReplyDecoder, type ReplyDelta } from './replyStream';

export type ChatRole = 'system' | 'user' | 'assistant' | 'tool';

export type ChatContentPart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image_url'; readonly image_url: { readonly url: string } }
  | { readonly type: 'input_audio'; readonly input_audio: { readonly data: string; readonly format: string } }
  | { readonly type: 'video'; readonly video: readonly string[] };

export interface ChatMessage {
  readonly role: ChatRole;
  readonly content: string | readonly ChatContentPart[] | null;
  readonly tool_calls?: readonly ChatToolCall[];
  readonly tool_call_id?: string;
  readonly name?: string;
}

/** OpenAI-compatible request with DashScope's extensions as top-level fields. */
export interface ChatRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly temperature?: number;
  readonly top_p?: number;
  readonly top_k?: number;
  readonly max_tokens?: number;
  readonly max_completion_tokens?: number;
  readonly seed?: number;
  readonly stop?: string | readonly string[];
  readonly presence_penalty?: number;
  readonly enable_thinking?: boolean;
  readonly thinking_budget?: number;
  readonly enable_search?: boolean;
  readonly tools?: readonly unknown[];
  readonly tool_choice?: unknown;
  readonly parallel_tool_calls?: boolean;
  readonly response_format?: unknown;
  readonly n?: number;
  readonly [extra: string]: unknown;
}

const usageSchema = z.looseObject({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number(),
  prompt_tokens_details: z.looseObject({ cached_tokens: z.number().optional() }).nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: z.number().optional() }).nullish(),
});

const toolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal('function').default('function'),
  function: z.looseObject({ name: z.string(), arguments: z.string().default('') }),
});

const completionSchema = z.looseObject({
  id: z.string(),
  model: z.string(),
  created: z.number().optional(),
  choices: z.array(z.looseObject({
    index: z.number().default(0),
    finish_reason: z.string().nullish(),
    message: z.looseObject({
      role: z.string(),
      content: z.string().nullish(),
      reasoning_content: z.string().nullish(),
      tool_calls: z.array(toolCallSchema).nullish(),
    }),
  })),
  usage: usageSchema.nullish(),
});
export type ChatCompletion = z.output<typeof completionSchema>;

const chunkSchema = z.looseObject({
  id: z.string().optional(),
  model: z.string().optional(),
  choices: z.array(z.looseObject({
    index: z.number().optional(),
    finish_reason: z.string().nullish(),
    delta: z.looseObject({
      role: z.string().nullish(),
      content: z.string().nullish(),
      reasoning_content: z.string().nullish(),
      tool_calls: z.array(z.looseObject({
        index: z.number().default(0),
        id: z.string().nullish(),
        type: z.string().nullish(),
        function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
      })).nullish(),
    }).nullish(),
  })),
  usage: usageSchema.nullish(),
});

const ENDPOINT = 'POST /compatible-mode/v1/chat/completions';

export const isNullish = (value: unknown): value is null | undefined => value === null || value === undefined;
const isText = (value: unknown) => value === null || value === undefined || typeof value === 'string';

/**
 * The shape of almost every chunk of a long reply: one choice whose delta carries text and nothing else.
 * Checking it by hand (a strict subset of `chunkSchema`) keeps validation off the profile of the hot path;
 * every other chunk goes through the schema.
 */
function plainTextDelta(json: unknown): { content?: string | null; reasoning_content?: string | null } | undefined {
  const chunk = json as { choices?: unknown; usage?: unknown };
  if (!Array.isArray(chunk.choices) || chunk.choices.length !== 1 || !isNullish(chunk.usage)) return undefined;
  const choice = chunk.choices[0] as { delta?: unknown; finish_reason?: unknown };
  if (!isNullish(choice.finish_reason) || typeof choice.delta !== 'object' || choice.delta === null) return undefined;
  const delta = choice.delta as Record<string, unknown>;
  for (const key in delta) {
    if ((key !== 'content' && key !== 'reasoning_content' && key !== 'role') || !isText(delta[key])) return undefined;
  }
  return isNullish(delta.role) ? (delta as { content?: string | null; reasoning_content?: string | null }) : undefined;
}

/**
 * Decodes compatible-mode chunks: `data: {json}` events, `data: [DONE]` at the end, errors as `{error:{…}}` frames.
 * Text-only chunks that repeat the shape of the previous validated one are answered by a template, not parsed.
 */
export function decodeCompatible(): ReplyDecoder {
  let identified = false;
  const contentTemplate = new DeltaTemplate('content');
  const reasoningTemplate = new DeltaTemplate('reasoning_content');
  return (event, requestId) => {
    if (event.data === '[DONE]') return 'done';
    if (event.event === undefined) {
      const text = contentTemplate.match(event.data);
      if (text !== undefined) return text ? [{ type: 'content', text }] : [];
      const thought = reasoningTemplate.match(event.data);
      if (thought !== undefined) return thought ? [{ type: 'reasoning', text: thought }] : [];
    }
    const json = parseJson(event.data, ENDPOINT, 200, requestId);
    if (event.event === 'error' || (typeof json === 'object' && json !== null && ('error' in json || ('code' in json && !('choices' in json))))) {
      throw errorFromBody(200, event.data, ENDPOINT, requestId);
    }
    const plain = identified ? plainTextDelta(json) : undefined;
    if (plain) {
      const { content, reasoning_content: reasoning } = plain;
      if (reasoning) {
        if (isNullish(content)) reasoningTemplate.learn(event.data, reasoning);
        return content ? [{ type: 'reasoning', text: reasoning }, { type: 'content', text: content }] : [{ type: 'reasoning', text: reasoning }];
      }
      if (content && isNullish(reasoning)) contentTemplate.learn(event.data, content);
      return content ? [{ type: 'content', text: content }] : [];
    }
    const chunk = parseValue(json, chunkSchema, ENDPOINT, requestId);
    identified = true;
    const deltas: ReplyDelta[] = [{ type: 'meta', id: chunk.id, model: chunk.model }];
    for (const choice of chunk.choices) {
      const delta = choice.delta;
      if (delta) {
        if (delta.role) deltas.push({ type: 'role', role: delta.role });
        if (delta.reasoning_content) deltas.push({ type: 'reasoning', text: delta.reasoning_content });
        if (delta.content) deltas.push({ type: 'content', text: delta.content });
        for (const call of delta.tool_calls ?? []) {
          deltas.push({ type: 'toolCall', index: call.index, id: call.id, name: call.function?.name, argumentsDelta: call.function?.arguments ?? '' });
        }
      }
      if (choice.finish_reason) deltas.push({ type: 'finish', reason: choice.finish_reason });
    }
    if (chunk.usage) deltas.push({ type: 'usage', usage: chunk.usage });
    return deltas;
  };
}

export class ChatApi {
  constructor(private readonly transport: Transport) {}

  /** Non-streaming completion. */
  async create(request: ChatRequest, options?: CallOptions): Promise<ChatCompletion & { request_id?: string }> {
    const response = await this.transport.send({ method: 'POST', path: '/compatible-mode/v1/chat/completions', body: { ...request, stream: false } }, options);
    const completion = parseBody(await responseText(response), completionSchema, ENDPOINT, response.status, response.requestId);
    return { ...completion, request_id: response.requestId };
  }

  /** Streaming completion (usage included). Nothing is sent until the stream is iterated. */
  stream(request: ChatRequest, options?: CallOptions): ChatStream {
    return new ChatStream(async () => {
      const response = await this.transport.send({
        method: 'POST',
        path: '/compatible-mode/v1/chat/completions',
        body: { ...request, stream: true, stream_options: { include_usage: true } },
        stream: true,
      }, options);
      return { endpoint: 'POST /compatible-mode/v1/chat/completions', body: response.body, requestId: response.requestId };
    }, decodeCompatible());
  }

  /**
   * One reply, whatever the request: with `enable_thinking` the service refuses non-streaming calls on
   * some models, so those are streamed and accumulated instead of failing.
   */
  async send(request: ChatRequest, options?: CallOptions): Promise<ChatResult> {
    if (request.enable_thinking) return this.stream(request, options).final();
    const completion = await this.create(request, options);
    const choice = completion.choices[0];
    return {
      id: completion.id,
      model: completion.model,
      content: choice?.message.content ?? '',
      reasoning: choice?.message.reasoning_content ?? '',
      toolCalls: (choice?.message.tool_calls ?? []) as ChatToolCall[],
      finishReason: choice?.finish_reason ?? undefined,
      usage: completion.usage ?? undefined,
      requestId: completion.request_id,
    };
  }
}

const modelListSchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string(), owned_by: z.string().optional(), created: z.number().optional() })),
});
export type ModelInfo = z.output<typeof modelListSchema>['data'][number];

export interface ModelListOptions extends CallOptions {
  /** Told how many entries were dropped because their id is not a valid model id (for the log). */
  readonly onInvalidIds?: (count: number) => void;
}

export class ModelsApi {
  constructor(private readonly transport: Transport) {}

  /** The server's models; ids that are not model ids (newlines, quotes, 129+ characters…) are dropped. */
  async list(options?: ModelListOptions): Promise<ModelInfo[]> {
    const list = await this.transport.json({ method: 'GET', path: '/compatible-mode/v1/models' }, modelListSchema, options);
    const models = list.data.filter((model) => isModelId(model.id));
    if (models.length < list.data.length) options?.onInvalidIds?.(list.data.length - models.length);
    return models;
  }
}
