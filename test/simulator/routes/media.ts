import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Fault } from '../faults';
import { markers, stripMarkers } from '../faults';
import { nativeError, sendJson, startSse, write, type SimRequest } from '../http';
import { fixture, makePcm, makePng, makeWav, type MediaStore } from '../media';
import type { TaskOutcome, TaskStore } from '../tasks';

/** How long results stay downloadable, like the service's signed OSS URLs. */
export const RESULT_TTL_MS = 24 * 3600_000;

export interface MediaContext {
  readonly tasks: TaskStore;
  readonly media: MediaStore;
  readonly now: () => number;
  readonly timings: (kind: 'image' | 'video' | 'asr') => { pendingMs: number; runningMs: number };
}

const QWEN_IMAGE_SIZES = new Set(['1664*928', '1472*1104', '1328*1328', '1104*1472', '928*1664']);
const SIZE = /^(\d{3,4})\*(\d{3,4})$/;

const invalid = (req: SimRequest, message: string) => nativeError(req, 400, 'InvalidParameter', message);

function seedOf(text: string, seed: unknown): number {
  if (typeof seed === 'number') return seed;
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash;
}

function pngUrls(ctx: MediaContext, count: number, seed: number, expiresAt: number): string[] {
  return Array.from({ length: count }, (_, i) => ctx.media.put(`${randomUUID()}.png`, { body: makePng(seed + i), contentType: 'image/png' }, expiresAt));
}

const messagesInput = z.looseObject({
  messages: z.array(z.looseObject({ role: z.string(), content: z.array(z.looseObject({ text: z.string().optional(), image: z.string().optional() })) })).min(1),
});
const imageParams = z.looseObject({
  size: z.string().optional(),
  n: z.number().int().min(1).max(6).optional(),
  seed: z.number().int().min(0).max(2147483647).optional(),
  prompt_extend: z.boolean().optional(),
  watermark: z.boolean().optional(),
  negative_prompt: z.string().max(500).optional(),
}).optional();

function messagesPrompt(input: z.output<typeof messagesInput>): { prompt: string; images: string[] } {
  const content = input.messages.flatMap((message) => message.content);
  return { prompt: content.map((part) => part.text ?? '').join(' ').trim(), images: content.flatMap((part) => (part.image ? [part.image] : [])) };
}

/** qwen-image family, synchronous, on multimodal-generation. */
export function syncImage(req: SimRequest, ctx: MediaContext, body: Record<string, unknown>, fault: Fault | undefined): void {
  const input = messagesInput.safeParse(body.input);
  const params = imageParams.safeParse(body.parameters);
  if (!input.success) return invalid(req, `input.messages: ${input.error.issues[0]?.message}`);
  if (!params.success) return invalid(req, `parameters.${params.error.issues[0]?.path.join('.')}: ${params.error.issues[0]?.message}`);
  const model = String(body.model);
  const { prompt, images } = messagesPrompt(input.data);
  if (!prompt) return invalid(req, 'The text content of the message is empty.');
  const edit = model.includes('edit');
  if (edit && (images.length < 1 || images.length > 3)) return invalid(req, 'Image edit models take 1 to 3 input images.');
  const size = params.data?.size;
  if (size !== undefined && !SIZE.test(size)) return invalid(req, `The size "${size}" is invalid; use width*height, e.g. 1328*1328.`);
  if (size !== undefined && (model === 'qwen-image' || model === 'qwen-image-plus') && !QWEN_IMAGE_SIZES.has(size)) {
    return invalid(req, `The size "${size}" is not supported by ${model}. Supported: ${[...QWEN_IMAGE_SIZES].join(', ')}.`);
  }
  if (fault?.name === 'data-inspection') return nativeError(req, 400, 'DataInspectionFailed', 'Input data may contain inappropriate content.');
  const n = model === 'qwen-image-edit' ? 1 : params.data?.n ?? 1;
  const [width, height] = (size ?? '1328*1328').split('*').map(Number);
  const urls = pngUrls(ctx, n, seedOf(prompt, params.data?.seed), ctx.now() + RESULT_TTL_MS);
  sendJson(req, 200, {
    output: {
      choices: urls.map((url) => ({ finish_reason: 'stop', message: { role: 'assistant', content: [{ image: url }] } })),
      task_metric: { TOTAL: n, SUCCEEDED: n, FAILED: 0 },
    },
    usage: { width, height, image_count: n },
    request_id: req.requestId,
  });
}

function failedOutcome(fault: Fault | undefined): TaskOutcome | undefined {
  if (fault?.name === 'data-inspection') return { status: 'FAILED', code: 'DataInspectionFailed', message: 'Input data may contain inappropriate content.' };
  if (fault?.name === 'invalid-parameter') return { status: 'FAILED', code: 'InvalidParameter', message: 'Field required: input.prompt' };
  return undefined;
}

function submitted(req: SimRequest, taskId: string): void {
  sendJson(req, 200, { request_id: req.requestId, output: { task_status: 'PENDING', task_id: taskId } });
}

/** wan2.6/2.7 image, asynchronous, messages-style; results under `choices`. */
export function asyncImageGeneration(req: SimRequest, ctx: MediaContext, body: Record<string, unknown>, fault: Fault | undefined): void {
  const input = messagesInput.safeParse(body.input);
  const params = imageParams.safeParse(body.parameters);
  if (!input.success) return invalid(req, `input.messages: ${input.error.issues[0]?.message}`);
  if (!params.success) return invalid(req, `parameters.${params.error.issues[0]?.path.join('.')}: ${params.error.issues[0]?.message}`);
  const { prompt } = messagesPrompt(input.data);
  const n = params.data?.n ?? 1;
  const outcome: TaskOutcome = failedOutcome(fault) ?? {
    status: 'SUCCEEDED',
    result: (end) => ({
      output: {
        finished: true,
        choices: pngUrls(ctx, n, seedOf(prompt, params.data?.seed), end + RESULT_TTL_MS).map((url) => ({ finish_reason: 'stop', message: { role: 'assistant', content: [{ image: url, type: 'image' }] } })),
      },
      usage: { size: params.data?.size ?? '2048*2048', image_count: n, input_tokens: 35, output_tokens: 2, total_tokens: 37 },
    }),
  };
  submitted(req, ctx.tasks.create(req.account, String(body.model), req.requestId, ctx.timings('image'), outcome));
}

const legacyInput = z.looseObject({
  prompt: z.string().min(1).max(800),
  negative_prompt: z.string().max(500).optional(),
  images: z.array(z.string()).optional(),
  base_image_url: z.string().optional(),
});

/** Legacy text2image / image2image, asynchronous; results under `results[].url`, failing per result on demand. */
export function legacyImage(req: SimRequest, ctx: MediaContext, body: Record<string, unknown>, fault: Fault | undefined, imageToImage: boolean): void {
  const input = legacyInput.safeParse(body.input);
  const params = imageParams.safeParse(body.parameters);
  if (!input.success) return invalid(req, `Field required or invalid: input.${input.error.issues[0]?.path.join('.') || 'prompt'}`);
  if (!params.success) return invalid(req, `parameters.${params.error.issues[0]?.path.join('.')}: ${params.error.issues[0]?.message}`);
  if (imageToImage && !input.data.images?.length && !input.data.base_image_url) return invalid(req, 'Field required: input.images');
  const size = params.data?.size;
  if (size !== undefined) {
    const match = SIZE.exec(size);
    if (!match || Number(match[1]) < 512 || Number(match[2]) < 512 || Number(match[1]) > 1440 || Number(match[2]) > 1440) {
      return invalid(req, `The size "${size}" is invalid: width and height must be within [512, 1440].`);
    }
  }
  const n = Math.min(4, params.data?.n ?? 1);
  const partial = markers(input.data.prompt).has('partial');
  const extend = params.data?.prompt_extend !== false;
  const prompt = stripMarkers(input.data.prompt);
  const outcome: TaskOutcome = failedOutcome(fault) ?? {
    status: 'SUCCEEDED',
    result: (end) => {
      const urls = pngUrls(ctx, partial ? n - 1 : n, seedOf(prompt, params.data?.seed), end + RESULT_TTL_MS);
      const results: Record<string, unknown>[] = urls.map((url) => ({ url, orig_prompt: prompt, ...(extend ? { actual_prompt: `${prompt}, highly detailed, soft light` } : {}) }));
      if (partial) results.push({ code: 'DataInspectionFailed', message: 'Output data may contain inappropriate content.' });
      return {
        output: { results, task_metrics: { TOTAL: n, SUCCEEDED: urls.length, FAILED: n - urls.length } },
        usage: { image_count: urls.length },
      };
    },
  };
  submitted(req, ctx.tasks.create(req.account, String(body.model), req.requestId, ctx.timings('image'), outcome));
}

const mediaItem = z.looseObject({ type: z.string(), url: z.string().min(1) });
const videoInput = z.looseObject({
  prompt: z.string().max(2000).optional(),
  negative_prompt: z.string().optional(),
  img_url: z.string().optional(),
  first_frame_url: z.string().optional(),
  last_frame_url: z.string().optional(),
  reference_urls: z.array(z.string()).optional(),
  video_url: z.string().optional(),
  media: z.array(mediaItem).optional(),
});
const videoParams = z.looseObject({
  size: z.string().regex(SIZE, 'use width*height, e.g. 1280*720').optional(),
  resolution: z.enum(['480P', '720P', '1080P']).optional(),
  duration: z.number().int().optional(),
  seed: z.number().int().min(0).max(2147483647).optional(),
}).optional();

function allowedDurations(model: string): { min: number; max: number; only?: number[] } {
  if (model.startsWith('wan2.2') || model.startsWith('wanx2.1')) return { min: 5, max: 5, only: [5] };
  if (model.startsWith('wan2.5')) return { min: 5, max: 10, only: [5, 10] };
  if (model.startsWith('happyhorse')) return { min: 3, max: 15 };
  return { min: 2, max: 15 };
}

const KEYFRAME_PATH_MODEL = /kf2v|s2v|animate|videoretalk/;

/** Video synthesis on both paths, always asynchronous; validation like the service (some of it deferred to the task). */
export function video(req: SimRequest, ctx: MediaContext, body: Record<string, unknown>, fault: Fault | undefined, image2videoPath: boolean): void {
  const model = String(body.model ?? '');
  if (KEYFRAME_PATH_MODEL.test(model) !== image2videoPath) return invalid(req, 'url error, please check url!');
  const input = videoInput.safeParse(body.input ?? {});
  const params = videoParams.safeParse(body.parameters);
  if (!input.success) return invalid(req, `input.${input.error.issues[0]?.path.join('.')}: ${input.error.issues[0]?.message}`);
  if (!params.success) return invalid(req, `parameters.${params.error.issues[0]?.path.join('.')}: ${params.error.issues[0]?.message}`);
  const i = input.data;
  const media = (type: string) => i.media?.some((item) => item.type === type) ?? false;
  if (/i2v/.test(model) && !i.img_url && !media('first_frame')) return invalid(req, 'Field required: input.img_url');
  if (/kf2v/.test(model) && !i.first_frame_url) return invalid(req, 'Field required: input.first_frame_url');
  if (/r2v/.test(model) && !i.reference_urls?.length && !i.media?.length) return invalid(req, 'Field required: input.reference_urls');
  if (/videoedit|video-edit|vace/.test(model) && !i.video_url && !media('video') && !i.media?.length) return invalid(req, 'Field required: input.video_url');
  const duration = params.data?.duration;
  const allowed = allowedDurations(model);
  if (duration !== undefined && (allowed.only ? !allowed.only.includes(duration) : duration < allowed.min || duration > allowed.max)) {
    return invalid(req, `The duration ${duration} is not supported by ${model}: ${allowed.only ? `use ${allowed.only.join(' or ')}` : `use ${allowed.min} to ${allowed.max}`} seconds.`);
  }
  // The service accepts a t2v submit without a prompt and fails the task later.
  const deferred = !i.prompt && /t2v/.test(model) ? { name: 'invalid-parameter', value: undefined } : fault;
  const prompt = stripMarkers(i.prompt ?? '');
  const aac = markers(i.prompt ?? '').has('aac');
  const seconds = duration ?? 5;
  const resolution = params.data?.resolution ?? (params.data?.size ? undefined : '720P');
  const outcome: TaskOutcome = failedOutcome(deferred) ?? {
    status: 'SUCCEEDED',
    result: (end) => ({
      output: {
        orig_prompt: prompt,
        ...(/^wan(x2\.1|2\.2)/.test(model) && body.parameters && (body.parameters as Record<string, unknown>).prompt_extend !== false ? { actual_prompt: `${prompt}, cinematic lighting` } : {}),
        video_url: ctx.media.put(`${randomUUID()}.mp4`, { body: fixture(aac ? 'video-aac.mp4' : 'video.mp4'), contentType: 'video/mp4' }, end + RESULT_TTL_MS),
      },
      usage: { duration: seconds, input_video_duration: 0, output_video_duration: seconds, video_count: 1, SR: resolution === '1080P' ? 1080 : resolution === '480P' ? 480 : 720, ...(body.parameters && (body.parameters as Record<string, unknown>).ratio ? { ratio: (body.parameters as Record<string, unknown>).ratio } : {}) },
    }),
  };
  submitted(req, ctx.tasks.create(req.account, model, req.requestId, ctx.timings('video'), outcome));
}

const asrBody = z.looseObject({
  model: z.string(),
  input: z.looseObject({ file_urls: z.array(z.string()).min(1).max(100).optional(), file_url: z.string().optional() }),
});

/** File transcription, asynchronous; each result points to a transcription JSON served by the simulator. */
export function transcription(req: SimRequest, ctx: MediaContext, body: unknown, fault: Fault | undefined): void {
  const parsed = asrBody.safeParse(body);
  if (!parsed.success) return invalid(req, `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  const files = parsed.data.input.file_urls ?? (parsed.data.input.file_url ? [parsed.data.input.file_url] : []);
  if (files.length === 0) return invalid(req, 'Field required: input.file_urls');
  const outcome: TaskOutcome = failedOutcome(fault) ?? {
    status: 'SUCCEEDED',
    result: (end) => ({
      output: {
        results: files.map((fileUrl) => {
          const transcript = {
            file_url: fileUrl,
            properties: { audio_format: 'wav', channels: [0], original_sampling_rate: 16000, original_duration_in_milliseconds: 2000 },
            transcripts: [{ channel_id: 0, content_duration_in_milliseconds: 1800, text: 'Hello from the DashScope simulator.', sentences: [{ begin_time: 100, end_time: 1900, text: 'Hello from the DashScope simulator.', sentence_id: 1 }] }],
          };
          const url = ctx.media.put(`${randomUUID()}.json`, { body: Buffer.from(JSON.stringify(transcript)), contentType: 'application/json' }, end + RESULT_TTL_MS);
          return { file_url: fileUrl, transcription_url: url, subtask_status: 'SUCCEEDED' };
        }),
        task_metrics: { TOTAL: files.length, SUCCEEDED: files.length, FAILED: 0 },
      },
      usage: { duration: 2 },
    }),
  };
  submitted(req, ctx.tasks.create(req.account, parsed.data.model, req.requestId, ctx.timings('asr'), outcome));
}

const ttsBody = z.looseObject({ model: z.string(), input: z.looseObject({ text: z.string().min(1).max(600), voice: z.string().min(1) }) });

/** Qwen TTS on multimodal-generation: a WAV URL, or with SSE base64 PCM chunks and the URL at the end. */
export async function tts(req: SimRequest, ctx: MediaContext, body: unknown, fault: Fault | undefined): Promise<void> {
  const parsed = ttsBody.safeParse(body);
  if (!parsed.success) return invalid(req, `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  if (fault?.name === 'data-inspection') return nativeError(req, 400, 'DataInspectionFailed', 'Input data may contain inappropriate content.');
  const text = parsed.data.input.text;
  const pcm = makePcm(Math.min(3, 0.3 + text.length * 0.05));
  const expiresAt = ctx.now() + RESULT_TTL_MS;
  const url = ctx.media.put(`${randomUUID()}.wav`, { body: makeWav(pcm), contentType: 'audio/wav' }, expiresAt);
  const usage = { characters: [...text].length, input_tokens: [...text].length, output_tokens: Math.ceil(pcm.length / 960), total_tokens: 0 };
  const audio = { id: `audio_${req.requestId}`, expires_at: Math.floor(expiresAt / 1000) };
  if (req.headers['x-dashscope-sse'] !== 'enable') {
    return sendJson(req, 200, { output: { audio: { ...audio, url, data: '' }, finish_reason: 'stop' }, usage, request_id: req.requestId });
  }
  startSse(req, 'UTF-8');
  const chunk = 9600;
  let id = 1;
  for (let offset = 0; offset < pcm.length; offset += chunk) {
    const data = pcm.subarray(offset, offset + chunk).toString('base64');
    await write(req.res, `id:${id++}\nevent:result\n:HTTP_STATUS/200\ndata:${JSON.stringify({ output: { audio: { ...audio, data, url: '' }, finish_reason: 'null' }, usage, request_id: req.requestId })}\n\n`);
  }
  await write(req.res, `id:${id}\nevent:result\n:HTTP_STATUS/200\ndata:${JSON.stringify({ output: { audio: { ...audio, data: '', url }, finish_reason: 'stop' }, usage, request_id: req.requestId })}\n\n`);
  req.res.end();
}
