import { z } from 'zod';
import { DashScopeError } from './errors';
import type { CallOptions, Transport } from './http';
import { decodeNative, finishReason } from './native';
import { sseEvents } from './sse';

/** Application ids are 32 lowercase hex digits, as the console's application card shows them. */
export const APP_ID_PATTERN = /^[0-9a-f]{32}$/;
export const isAppId = (value: string): boolean => APP_ID_PATTERN.test(value);

/** At most this many references and thoughts are kept from one answer, each field cut to MAX_FIELD_CHARS. */
export const MAX_REFERENCES = 20;
export const MAX_THOUGHTS = 50;
export const MAX_FIELD_CHARS = 4000;

export interface AppRequest {
  readonly appId: string;
  readonly prompt: string;
  /** Continues the conversation the service keeps under this id (returned by the previous answer). */
  readonly sessionId?: string;
  /** Custom variables: workflow start-node parameters, or `user_prompt_params` of an agent's prompt. */
  readonly bizParams?: Readonly<Record<string, unknown>>;
  /** Ask for the agent's plugin calls and retrieval steps (`thoughts`). */
  readonly hasThoughts?: boolean;
}

/** A passage of a knowledge base the answer drew on. */
export interface AppReference {
  readonly title: string;
  readonly text: string;
  readonly docName?: string;
  readonly docId?: string;
  readonly indexId?: string;
  readonly url?: string;
}

/** One step an agent took (a plugin call, a retrieval) as the service reports it. */
export interface AppThought {
  readonly thought?: string;
  readonly action?: string;
  readonly actionType?: string;
  readonly observation?: string;
}

/** Tokens per model behind the application (`usage.models`). */
export interface AppModelUsage {
  readonly model: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export interface AppResult {
  readonly text: string;
  readonly sessionId: string | undefined;
  readonly finishReason: string | undefined;
  readonly references: readonly AppReference[];
  readonly thoughts: readonly AppThought[];
  readonly usage: readonly AppModelUsage[];
  readonly requestId: string | undefined;
}

export type AppStreamEvent =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'session'; readonly sessionId: string }
  | { readonly type: 'done'; readonly result: AppResult };

const text = z.string().nullish();
const referenceSchema = z.looseObject({ title: text, text, doc_name: text, doc_id: text, index_id: text, doc_url: text });
const thoughtSchema = z.looseObject({ thought: text, action_name: text, action: text, action_type: text, observation: text, response: text });
const appSchema = z.looseObject({
  request_id: z.string().optional(),
  output: z.looseObject({
    text: z.string().nullish(),
    finish_reason: z.string().nullish(),
    session_id: z.string().nullish(),
    doc_references: z.array(referenceSchema).nullish(),
    thoughts: z.array(thoughtSchema).nullish(),
  }),
  usage: z.looseObject({
    models: z.array(z.looseObject({ model_id: z.string(), input_tokens: z.number().nonnegative().optional(), output_tokens: z.number().nonnegative().optional() })).nullish(),
  }).nullish(),
});
type AppBody = z.output<typeof appSchema>;

const cut = (value: string | null | undefined): string | undefined => (value ? value.slice(0, MAX_FIELD_CHARS) : undefined);
const defined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;

function referencesOf(body: AppBody): AppReference[] | undefined {
  const list = body.output.doc_references;
  if (!list?.length) return undefined;
  return list.slice(0, MAX_REFERENCES).map((item) => defined({
    title: cut(item.title) ?? cut(item.doc_name) ?? '',
    text: cut(item.text) ?? '',
    docName: cut(item.doc_name),
    docId: cut(item.doc_id),
    indexId: cut(item.index_id),
    url: item.doc_url && /^https:\/\//i.test(item.doc_url) ? cut(item.doc_url) : undefined,
  }));
}

function thoughtsOf(body: AppBody): AppThought[] | undefined {
  const list = body.output.thoughts;
  if (!list?.length) return undefined;
  return list.slice(0, MAX_THOUGHTS).map((item) => defined({
    thought: cut(item.thought),
    action: cut(item.action_name ?? item.action),
    actionType: cut(item.action_type),
    observation: cut(item.observation ?? item.response),
  }));
}

function usageOf(body: AppBody): AppModelUsage[] | undefined {
  const models = body.usage?.models;
  if (!models?.length) return undefined;
  return models.slice(0, MAX_THOUGHTS).map((item) => ({ model: item.model_id.slice(0, 200), inputTokens: item.input_tokens ?? 0, outputTokens: item.output_tokens ?? 0 }));
}

const requestBody = (request: AppRequest, stream: boolean) => ({
  input: {
    prompt: request.prompt,
    ...(request.sessionId ? { session_id: request.sessionId } : {}),
    ...(request.bizParams && Object.keys(request.bizParams).length > 0 ? { biz_params: request.bizParams } : {}),
  },
  parameters: { ...(stream ? { incremental_output: true } : {}), ...(request.hasThoughts ? { has_thoughts: true } : {}) },
});

/** Bailian applications (agents and workflows): `POST /api/v1/apps/{app_id}/completion`. */
export class AppsApi {
  constructor(private readonly transport: Transport) {}

  /** One whole answer. */
  async complete(request: AppRequest, options?: CallOptions): Promise<AppResult> {
    const path = this.path(request.appId);
    const body = await this.transport.json({ method: 'POST', path, body: requestBody(request, false) }, appSchema, options);
    return {
      text: body.output.text ?? '',
      sessionId: body.output.session_id ?? undefined,
      finishReason: finishReason(body.output.finish_reason),
      references: referencesOf(body) ?? [],
      thoughts: thoughtsOf(body) ?? [],
      usage: usageOf(body) ?? [],
      requestId: body.request_id,
    };
  }

  /**
   * The answer as it is written (`incremental_output`), then everything it carried. References, thoughts and
   * usage may come on any event: the last non-empty one of each is kept. The session id is reported as soon
   * as it is known, so a stopped answer still continues its session.
   */
  async *stream(request: AppRequest, options?: CallOptions): AsyncGenerator<AppStreamEvent> {
    const path = this.path(request.appId);
    const response = await this.transport.send({
      method: 'POST', path, body: requestBody(request, true), stream: true,
      headers: { 'x-dashscope-sse': 'enable', accept: 'text/event-stream' },
    }, options);
    const decode = decodeNative(`POST ${path}`, appSchema, (value) => value);
    const parts: string[] = [];
    let sessionId: string | undefined;
    let finish: string | undefined;
    let references: AppReference[] = [];
    let thoughts: AppThought[] = [];
    let usage: AppModelUsage[] = [];
    let requestId = response.requestId;
    for await (const event of sseEvents(response.body, `POST ${path}`)) {
      const body = decode(event, response.requestId);
      if (body === 'done') break;
      requestId = body.request_id ?? requestId;
      if (body.output.session_id && body.output.session_id !== sessionId) {
        sessionId = body.output.session_id;
        yield { type: 'session', sessionId };
      }
      const delta = body.output.text ?? '';
      if (delta) {
        parts.push(delta);
        yield { type: 'text', text: delta };
      }
      references = referencesOf(body) ?? references;
      thoughts = thoughtsOf(body) ?? thoughts;
      usage = usageOf(body) ?? usage;
      finish = finishReason(body.output.finish_reason) ?? finish;
      if (finish) break;
    }
    yield { type: 'done', result: { text: parts.join(''), sessionId, finishReason: finish, references, thoughts, usage, requestId } };
  }

  private path(appId: string): string {
    if (!isAppId(appId)) {
      throw new DashScopeError({ code: 'InvalidAppId', endpoint: 'POST /api/v1/apps/{app_id}/completion', retryable: false, message: `"${appId.slice(0, 40)}" is not an application id: it is 32 hexadecimal digits, shown on the application's card in the Model Studio console.` });
    }
    return `/api/v1/apps/${appId}/completion`;
  }
}
