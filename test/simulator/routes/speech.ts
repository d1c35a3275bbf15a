import { z } from 'zod';
import type { SimContext } from '../context';
import { invalidParameter, nativeEvent, requestError, sendJson, startSse, wantsNativeSse, type SimRequest } from '../http';
import { makePcm, makeWav } from '../media';
import { LIMITS } from '../rateLimits';
import { FrameWriter } from '../sse';
import { RESULT_TTL_MS } from './results';
import { acceptTask, deferredFailure } from './tasks';

const ttsBody = z.looseObject({
  model: z.string(),
  input: z.looseObject({
    text: z.string().min(1).max(600),
    voice: z.string().min(1),
    language_type: z.string().optional(),
    instructions: z.string().max(1600).optional(),
    optimize_instructions: z.boolean().optional(),
  }),
});

/** Qwen TTS on multimodal-generation (§10.1): a WAV URL, or with SSE base64 PCM chunks and the URL last. */
export async function speech(req: SimRequest, ctx: SimContext): Promise<void> {
  const parsed = ttsBody.safeParse(req.json);
  if (!parsed.success) return invalidParameter(req, `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  if (ctx.limiter.refuse(req, `tts:${parsed.data.model}`, LIMITS.tts)) return;
  if (req.fault?.name === 'data-inspection') return requestError(req, 400, { code: 'DataInspectionFailed', message: 'Input data may contain inappropriate content.' });
  if (req.fault?.name === 'invalid-parameter') return invalidParameter(req, `Voice '${parsed.data.input.voice}' is not supported.`);
  if (parsed.data.input.instructions !== undefined && !/instruct/.test(parsed.data.model)) return invalidParameter(req, `Model '${parsed.data.model}' does not take instructions.`);
  const text = parsed.data.input.text;
  const pcm = makePcm(Math.min(3, 0.3 + [...text].length * 0.05));
  const expiresAt = ctx.now() + RESULT_TTL_MS;
  const url = ctx.results.put('wav', () => ({ body: makeWav(pcm), contentType: 'audio/wav' }), expiresAt);
  const characters = [...text].reduce((sum, char) => sum + (/[\u3400-\u9fff]/.test(char) ? 2 : 1), 0);
  const usage = { characters, input_tokens: [...text].length, output_tokens: Math.ceil(pcm.length / 960), total_tokens: [...text].length + Math.ceil(pcm.length / 960) };
  const audio = { id: `audio_${req.requestId}`, expires_at: Math.floor(expiresAt / 1000) };
  if (!wantsNativeSse(req)) {
    return sendJson(req, 200, { output: { audio: { ...audio, url, data: '' }, finish_reason: 'stop' }, usage, request_id: req.requestId });
  }
  startSse(req);
  const out = new FrameWriter(req.res, ctx.sleep);
  const chunkBytes = 9600;
  let id = 1;
  for (let offset = 0; offset < pcm.length; offset += chunkBytes) {
    if (req.fault?.name === 'cut' && id === 3) return out.cut();
    const data = pcm.subarray(offset, offset + chunkBytes).toString('base64');
    await out.frame(nativeEvent(id++, { output: { audio: { ...audio, data, url: '' }, finish_reason: 'null' }, usage, request_id: req.requestId }));
  }
  await out.frame(nativeEvent(id, { output: { audio: { ...audio, data: '', url }, finish_reason: 'stop' }, usage, request_id: req.requestId }));
  await out.end();
}

const asrBody = z.looseObject({
  model: z.string().min(1),
  input: z.looseObject({ file_urls: z.array(z.string().min(1)).min(1).max(100).optional(), file_url: z.string().min(1).optional() }),
  parameters: z.looseObject({
    language_hints: z.array(z.string().min(1).max(10)).max(10).optional(),
    diarization_enabled: z.boolean().optional(),
    speaker_count: z.number().int().min(2).max(100).optional(),
  }).optional(),
});

const SIM_SENTENCES = ['Hello from the DashScope simulator.', 'This is the second sentence.'];

/** One file's transcription JSON: two sentences with times and words, and speakers when diarization is on. */
function transcriptOf(fileUrl: string, index: number, diarization: boolean) {
  const sentences = SIM_SENTENCES.map((sentence, s) => {
    const text = s === 0 ? sentence.replace('.', `, file ${index + 1}.`) : sentence;
    const begin = 100 + s * 2000;
    return {
      begin_time: begin, end_time: begin + 1800, text, sentence_id: s + 1,
      ...(diarization ? { speaker_id: s % 2 } : {}),
      words: text.split(' ').map((word, w) => ({ begin_time: begin + w * 250, end_time: begin + 230 + w * 250, text: word, punctuation: '' })),
    };
  });
  return {
    file_url: fileUrl,
    properties: { audio_format: 'wav', channels: [0], original_sampling_rate: 16000, original_duration_in_milliseconds: 4000 },
    transcripts: [{ channel_id: 0, content_duration_in_milliseconds: 3600, text: sentences.map((sentence) => sentence.text).join(' '), sentences }],
  };
}

/** File transcription (§10.2), asynchronous; each result's transcription_url is a JSON the simulator serves. */
export function transcription(req: SimRequest, ctx: SimContext): void {
  const parsed = asrBody.safeParse(req.json);
  if (!parsed.success) return invalidParameter(req, `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  const files = parsed.data.input.file_urls ?? (parsed.data.input.file_url ? [parsed.data.input.file_url] : []);
  if (files.length === 0) return invalidParameter(req, 'Field required: input.file_urls');
  if (ctx.limiter.refuse(req, `asr:${parsed.data.model}`, LIMITS.asrSubmit)) return;
  acceptTask(req, ctx, 'asr', parsed.data.model, deferredFailure(req.fault) ?? {
    status: 'SUCCEEDED',
    result: (end) => ({
      output: {
        results: files.map((fileUrl, index) => {
          const transcript = transcriptOf(fileUrl, index, parsed.data.parameters?.diarization_enabled === true);
          const url = ctx.results.put('json', () => ({ body: Buffer.from(JSON.stringify(transcript)), contentType: 'application/json' }), end + RESULT_TTL_MS);
          return { file_url: fileUrl, transcription_url: url, subtask_status: 'SUCCEEDED' };
        }),
        task_metrics: { TOTAL: files.length, SUCCEEDED: files.length, FAILED: 0 },
      },
      usage: { duration: 4 * files.length },
    }),
  });
}

const recognitionBody = z.looseObject({
  model: z.string().min(1),
  input: z.looseObject({
    messages: z.array(z.looseObject({ role: z.string(), content: z.array(z.looseObject({ text: z.string().optional(), audio: z.string().min(1).optional() })) })).min(1).max(2),
  }),
  parameters: z.looseObject({ asr_options: z.looseObject({ language: z.string().min(1).max(10).optional(), enable_itn: z.boolean().optional() }).optional() }).optional(),
});

/** Short-clip recognition (qwen3-asr-flash): the clip in the user turn, the text in the answer at once. */
export function recognition(req: SimRequest, ctx: SimContext): void {
  const parsed = recognitionBody.safeParse(req.json);
  if (!parsed.success) return invalidParameter(req, `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  const audio = parsed.data.input.messages.flatMap((message) => message.content).find((part) => part.audio)?.audio;
  if (!audio) return invalidParameter(req, 'The user message must contain an audio part.');
  if (!/^(https?:|data:audio\/|oss:)/.test(audio)) return invalidParameter(req, 'The audio must be a URL, a data:audio URL or an oss:// upload.');
  if (ctx.limiter.refuse(req, `asr:${parsed.data.model}`, LIMITS.tts)) return;
  const language = parsed.data.parameters?.asr_options?.language ?? 'en';
  sendJson(req, 200, {
    output: { choices: [{ finish_reason: 'stop', message: { role: 'assistant', annotations: [{ type: 'audio_info', language, emotion: 'neutral' }], content: [{ text: SIM_SENTENCES[0] }] } }] },
    usage: { input_tokens_details: { text_tokens: 0 }, output_tokens_details: { text_tokens: 7 }, seconds: 2 },
    request_id: req.requestId,
  });
}
