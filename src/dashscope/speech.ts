import { z } from 'zod';
import { ClientErrorCode, DashScopeError } from './errors';
import type { CallOptions, Transport } from './http';
import { decodeNative, finishReason } from './native';
import { sseEvents } from './sse';
import { submitTask, type TaskSubmission } from './tasks';

/** Qwen TTS and the synchronous ASR model both answer on multimodal-generation. */
const TTS_PATH = '/api/v1/services/aigc/multimodal-generation/generation';
const ASR_PATH = '/api/v1/services/audio/asr/transcription';

export interface SpeechRequest {
  /** `qwen3-tts-flash`, `qwen3-tts-instruct-flash`, `qwen-tts`. */
  readonly model: string;
  readonly text: string;
  /** `Cherry`, `Ethan`, `Serena`, `Chelsie`, … */
  readonly voice: string;
  readonly languageType?: string;
  /** Style instructions (instruct models). */
  readonly instructions?: string;
  /** Let the service rewrite the instructions for better results (instruct models). */
  readonly optimizeInstructions?: boolean;
}

const audioSchema = z.looseObject({
  request_id: z.string().optional(),
  output: z.looseObject({
    audio: z.looseObject({ url: z.string().nullish(), data: z.string().nullish(), expires_at: z.union([z.number(), z.string()]).nullish() }).nullish(),
    finish_reason: z.string().nullish(),
  }),
  usage: z.record(z.string(), z.unknown()).nullish(),
});

export interface SpeechResult {
  readonly audioUrl: string;
  readonly expiresAt: number | undefined;
  readonly usage: Readonly<Record<string, unknown>> | undefined;
  readonly requestId: string | undefined;
}

export type SpeechStreamEvent =
  /** 16-bit mono PCM at 24 kHz. */
  | { readonly type: 'audio'; readonly pcm: Uint8Array }
  | { readonly type: 'done'; readonly audioUrl: string | undefined; readonly usage: Readonly<Record<string, unknown>> | undefined };

export interface TranscriptionRequest {
  /** `paraformer-v2`, `fun-asr` (several files) or `qwen3-asr-flash-filetrans` (one file). */
  readonly model: string;
  readonly fileUrls: readonly string[];
  readonly languageHints?: readonly string[];
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/** A short clip for the synchronous ASR model (`qwen3-asr-flash`): a URL, a `data:` URL or an `oss://` upload. */
export interface RecognitionRequest {
  readonly model: string;
  readonly audioUrl: string;
  /** One language code; absent lets the model detect it. */
  readonly language?: string;
  /** Inverse text normalisation (numbers as digits), Chinese and English only. */
  readonly enableItn?: boolean;
}

export interface RecognitionResult {
  readonly text: string;
  /** The language the model heard, when it says. */
  readonly language: string | undefined;
  readonly usage: Readonly<Record<string, unknown>> | undefined;
  readonly requestId: string | undefined;
}

const recognitionSchema = z.looseObject({
  request_id: z.string().optional(),
  output: z.looseObject({
    choices: z.array(z.looseObject({
      message: z.looseObject({
        content: z.union([z.string(), z.array(z.looseObject({ text: z.string().nullish() }))]).nullish(),
        annotations: z.array(z.looseObject({ language: z.string().nullish() })).nullish(),
      }),
    })).min(1),
  }),
  usage: z.record(z.string(), z.unknown()).nullish(),
});

/** The body of a synchronous recognition: the audio as the user turn, options in `asr_options`. */
export function recognitionBody(request: RecognitionRequest) {
  return {
    model: request.model,
    input: { messages: [{ role: 'system', content: [{ text: '' }] }, { role: 'user', content: [{ audio: request.audioUrl }] }] },
    parameters: { asr_options: { ...(request.language ? { language: request.language } : {}), enable_itn: request.enableItn ?? false } },
  };
}

/** The body of a text-to-speech request, as sent (also what "Copy as…" shows). */
export function ttsBody(request: SpeechRequest) {
  return {
    model: request.model,
    input: {
      text: request.text,
      voice: request.voice,
      ...(request.languageType ? { language_type: request.languageType } : {}),
      ...(request.instructions ? { instructions: request.instructions } : {}),
      ...(request.instructions && request.optimizeInstructions !== undefined ? { optimize_instructions: request.optimizeInstructions } : {}),
    },
  };
}

const expiry = (value: number | string | null | undefined) =>
  typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) || undefined : undefined;

export class SpeechApi {
  constructor(private readonly transport: Transport) {}

  /** Text to speech; the result is a WAV file at a URL that expires. */
  async tts(request: SpeechRequest, options?: CallOptions): Promise<SpeechResult> {
    const response = await this.transport.json({ method: 'POST', path: TTS_PATH, body: ttsBody(request) }, audioSchema, options);
    const audio = response.output.audio;
    if (!audio?.url) {
      throw new DashScopeError({ code: ClientErrorCode.BadResponse, endpoint: `POST ${TTS_PATH}`, requestId: response.request_id, retryable: false, message: `POST ${TTS_PATH}: unexpected response, field "output.audio.url" is missing.` });
    }
    return { audioUrl: audio.url, expiresAt: expiry(audio.expires_at), usage: response.usage ?? undefined, requestId: response.request_id };
  }

  /** Streaming text to speech: PCM chunks as they are synthesised, then the URL of the whole file. */
  async *ttsStream(request: SpeechRequest, options?: CallOptions): AsyncGenerator<SpeechStreamEvent> {
    const response = await this.transport.send({
      method: 'POST', path: TTS_PATH, body: ttsBody(request), stream: true,
      headers: { 'x-dashscope-sse': 'enable', accept: 'text/event-stream' },
    }, options);
    const decode = decodeNative(`POST ${TTS_PATH}`, audioSchema, (value) => value);
    for await (const event of sseEvents(response.body, `POST ${TTS_PATH}`)) {
      const value = decode(event, response.requestId);
      if (value === 'done') return;
      const audio = value.output.audio;
      if (audio?.data) yield { type: 'audio', pcm: Buffer.from(audio.data, 'base64') };
      if (finishReason(value.output.finish_reason)) {
        yield { type: 'done', audioUrl: audio?.url ?? undefined, usage: value.usage ?? undefined };
        return;
      }
    }
  }

  /** Short-clip recognition, answered at once (no task). */
  async recognize(request: RecognitionRequest, options?: CallOptions): Promise<RecognitionResult> {
    const response = await this.transport.json({ method: 'POST', path: TTS_PATH, body: recognitionBody(request), billable: true }, recognitionSchema, options);
    const message = response.output.choices[0]!.message;
    const content = message.content;
    const text = typeof content === 'string' ? content : (content ?? []).map((part) => part.text ?? '').join('');
    return { text, language: message.annotations?.find((note) => note.language)?.language ?? undefined, usage: response.usage ?? undefined, requestId: response.request_id };
  }

  /** File transcription (async task); its result lists a transcription URL per file. */
  transcribe(request: TranscriptionRequest, options?: CallOptions): Promise<TaskSubmission> {
    const single = request.model.includes('filetrans');
    const input = single ? { file_url: request.fileUrls[0] } : { file_urls: request.fileUrls };
    const parameters = { ...(request.languageHints ? { language_hints: request.languageHints } : {}), ...request.parameters };
    return submitTask(this.transport, ASR_PATH, { model: request.model, input, parameters }, options);
  }
}
