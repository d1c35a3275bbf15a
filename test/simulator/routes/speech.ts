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
  input: z.looseObject({ text: z.string().min(1).max(600), voice: z.string().min(1), language_type: z.string().optional() }),
});

/** Qwen TTS on multimodal-generation (§10.1): a WAV URL, or with SSE base64 PCM chunks and the URL last. */
export async function speech(req: SimRequest, ctx: SimContext): Promise<void> {
  const parsed = ttsBody.safeParse(req.json);
  if (!parsed.success) return invalidParameter(req, `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  if (ctx.limiter.refuse(req, `tts:${parsed.data.model}`, LIMITS.tts)) return;
  if (req.fault?.name === 'data-inspection') return requestError(req, 400, { code: 'DataInspectionFailed', message: 'Input data may contain inappropriate content.' });
  if (req.fault?.name === 'invalid-parameter') return invalidParameter(req, `Voice '${parsed.data.input.voice}' is not supported.`);
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
});

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
          const text = `Hello from the DashScope simulator, file ${index + 1}.`;
          const transcript = {
            file_url: fileUrl,
            properties: { audio_format: 'wav', channels: [0], original_sampling_rate: 16000, original_duration_in_milliseconds: 2000 },
            transcripts: [{
              channel_id: 0, content_duration_in_milliseconds: 1800, text,
              sentences: [{ begin_time: 100, end_time: 1900, text, sentence_id: 1, words: text.split(' ').map((word, w) => ({ begin_time: 100 + w * 250, end_time: 330 + w * 250, text: word, punctuation: '' })) }],
            }],
          };
          const url = ctx.results.put('json', () => ({ body: Buffer.from(JSON.stringify(transcript)), contentType: 'application/json' }), end + RESULT_TTL_MS);
          return { file_url: fileUrl, transcription_url: url, subtask_status: 'SUCCEEDED' };
        }),
        task_metrics: { TOTAL: files.length, SUCCEEDED: files.length, FAILED: 0 },
      },
      usage: { duration: 2 * files.length },
    }),
  });
}
