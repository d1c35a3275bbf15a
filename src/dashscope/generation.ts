import { z } from 'zod';
import { isNullish } from './chat';
import type { CallOptions, Transport } from './http';
import { decodeNative, finishReason, IncrementalText } from './native';
import { ChatStream, type ChatResult, type ReplyDelta } from './replyStream';

const TEXT_PATH = '/api/v1/services/aigc/text-generation/generation';
const MULTIMODAL_PATH = '/api/v1/services/aigc/multimodal-generation/generation';

/** Native chat request: `{model, input:{messages}, parameters}`. Multimodal models (Qwen-VL, omni, Qwen3.5+) use content-part arrays. */
export interface GenerationRequest {
  readonly model: string;
  readonly messages: readonly { readonly role: string; readonly content: string | readonly Readonly<Record<string, unknown>>[] }[];
  /** `parameters`, e.g. temperature, enable_thinking, incremental_output (set for streams), tools. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Use the multimodal-generation endpoint (vision, audio, newer Qwen models). */
  readonly multimodal?: boolean;
}

const contentSchema = z.union([z.string(), z.array(z.looseObject({ text: z.string().optional() }))]).nullish();
const toolCallSchema = z.looseObject({
  index: z.number().default(0),
  id: z.string().nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});
const responseSchema = z.looseObject({
  request_id: z.string().optional(),
  output: z.looseObject({
    text: z.string().nullish(),
    finish_reason: z.string().nullish(),
    choices: z.array(z.looseObject({
      finish_reason: z.string().nullish(),
      message: z.looseObject({
        role: z.string().nullish(),
        content: contentSchema,
        reasoning_content: z.string().nullish(),
        tool_calls: z.array(toolCallSchema).nullish(),
      }),
    })).nullish(),
  }),
  usage: z.record(z.string(), z.unknown()).nullish(),
});
type NativeResponse = z.output<typeof responseSchema>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isOptionalText = (value: unknown) => isNullish(value) || typeof value === 'string';

/**
 * The shape of almost every event of a long native reply: one choice whose message carries text only, and
 * the cumulative usage. Checked by hand (it accepts only what `responseSchema` accepts unchanged) to keep
 * schema validation off the hot path; every other event goes through the schema.
 */
function isPlainText(json: unknown): boolean {
  if (!isObject(json) || !isOptionalText(json.request_id) || !(isNullish(json.usage) || isObject(json.usage))) return false;
  const output = json.output;
  if (!isObject(output) || !isNullish(output.text) || !isOptionalText(output.finish_reason)) return false;
  const choices = output.choices;
  if (!Array.isArray(choices) || choices.length !== 1) return false;
  const choice: unknown = choices[0];
  if (!isObject(choice) || !isOptionalText(choice.finish_reason) || !isObject(choice.message)) return false;
  const message = choice.message;
  for (const key in message) {
    if ((key !== 'role' && key !== 'content' && key !== 'reasoning_content') || !isOptionalText(message[key])) return false;
  }
  return typeof message.content === 'string';
}

const textOf = (content: z.output<typeof contentSchema>) =>
  typeof content === 'string' ? content : (content ?? []).map((part) => part.text ?? '').join('');

function body(request: GenerationRequest, stream: boolean): Record<string, unknown> {
  return {
    model: request.model,
    input: { messages: request.messages },
    parameters: { result_format: 'message', ...request.parameters, ...(stream ? { incremental_output: request.parameters?.incremental_output ?? true } : {}) },
  };
}

/** Native text and multimodal generation, non-streaming and streaming (native SSE). */
export class GenerationApi {
  constructor(private readonly transport: Transport) {}

  async call(request: GenerationRequest, options?: CallOptions): Promise<ChatResult> {
    const path = request.multimodal ? MULTIMODAL_PATH : TEXT_PATH;
    const response = await this.transport.json({ method: 'POST', path, body: body(request, false) }, responseSchema, options);
    const choice = response.output.choices?.[0];
    return {
      id: response.request_id,
      model: request.model,
      content: choice ? textOf(choice.message.content) : response.output.text ?? '',
      reasoning: choice?.message.reasoning_content ?? '',
      toolCalls: (choice?.message.tool_calls ?? []).map((call) => ({ id: call.id ?? '', type: 'function', function: { name: call.function?.name ?? '', arguments: call.function?.arguments ?? '' } })),
      finishReason: finishReason(choice?.finish_reason ?? response.output.finish_reason),
      usage: response.usage ?? undefined,
      requestId: response.request_id,
    };
  }

  stream(request: GenerationRequest, options?: CallOptions): ChatStream {
    const path = request.multimodal ? MULTIMODAL_PATH : TEXT_PATH;
    const requestBody = body(request, true);
    const incremental = (requestBody.parameters as Record<string, unknown>).incremental_output === true;
    const content = new IncrementalText();
    const reasoning = new IncrementalText();
    const toDeltas = (value: NativeResponse): ReplyDelta[] => {
      const deltas: ReplyDelta[] = [{ type: 'meta', id: value.request_id, model: request.model }];
      const choice = value.output.choices?.[0];
      const text = content.next(choice ? textOf(choice.message.content) : value.output.text ?? '', incremental);
      const thought = reasoning.next(choice?.message.reasoning_content ?? '', incremental);
      if (thought) deltas.push({ type: 'reasoning', text: thought });
      if (text) deltas.push({ type: 'content', text });
      for (const call of choice?.message.tool_calls ?? []) {
        deltas.push({ type: 'toolCall', index: call.index, id: call.id, name: call.function?.name, argumentsDelta: call.function?.arguments ?? '' });
      }
      const finish = finishReason(choice?.finish_reason ?? value.output.finish_reason);
      if (value.usage) deltas.push({ type: 'usage', usage: value.usage });
      if (finish) deltas.push({ type: 'finish', reason: finish });
      return deltas;
    };
    return new ChatStream(async () => {
      const response = await this.transport.send({
        method: 'POST', path, body: requestBody, stream: true,
        headers: { 'x-dashscope-sse': 'enable', accept: 'text/event-stream' },
      }, options);
      return { endpoint: `POST ${path}`, body: response.body, requestId: response.requestId };
    }, decodeNative(`POST ${path}`, responseSchema, toDeltas, isPlainText));
  }
}
