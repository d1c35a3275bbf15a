import { z } from 'zod';
import type { SimContext } from '../context';
import { markers, stripMarkers } from '../faults';
import { invalidParameter, requestError, sendJson, type SimRequest } from '../http';
import { makePng } from '../media';
import { LIMITS } from '../rateLimits';
import { RESULT_TTL_MS } from './results';
import { acceptTask, deferredFailure } from './tasks';

const QWEN_IMAGE_SIZES = new Set(['1664*928', '1472*1104', '1328*1328', '1104*1472', '928*1664']);
const SIZE = /^(\d{2,4})\*(\d{2,4})$/;
const MAX_PNG_SIDE = 2048;

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

function seedOf(text: string, seed: number | undefined): number {
  if (seed !== undefined) return seed;
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash;
}

/** Width and height of a `W*H` size (or `1K`/`2K`), falling back to a default. */
function dimensions(size: string | undefined, fallback: [number, number]): [number, number] {
  const match = size ? SIZE.exec(size) : null;
  if (match) return [Number(match[1]), Number(match[2])];
  if (size === '1K') return [1024, 1024];
  if (size === '2K') return [2048, 2048];
  return fallback;
}

/** Stores `count` PNG results (made on download) and returns their signed URLs. */
function pngResults(ctx: SimContext, count: number, seed: number, [width, height]: [number, number], expiresAt: number): string[] {
  const scale = Math.min(1, MAX_PNG_SIDE / Math.max(width, height));
  return Array.from({ length: count }, (_, i) => ctx.results.put('png', () => ({
    body: makePng(seed + i, Math.round(width * scale), Math.round(height * scale)), contentType: 'image/png',
  }), expiresAt));
}

function messagesPrompt(input: z.output<typeof messagesInput>): { prompt: string; images: string[] } {
  const content = input.messages.flatMap((m) => m.content);
  return { prompt: content.map((part) => part.text ?? '').join(' ').trim(), images: content.flatMap((part) => (part.image ? [part.image] : [])) };
}

const issueText = (error: z.ZodError, prefix: string) => `${prefix}${error.issues[0]?.path.join('.')}: ${error.issues[0]?.message}`;

/** qwen-image family (and wan2.6+/z-image sync), synchronous on multimodal-generation (§6.1). */
export function syncImage(req: SimRequest, ctx: SimContext): void {
  const request = req.json as { model: string; input?: unknown; parameters?: unknown };
  const input = messagesInput.safeParse(request.input);
  const params = imageParams.safeParse(request.parameters);
  if (!input.success) return invalidParameter(req, issueText(input.error, 'input.messages.'));
  if (!params.success) return invalidParameter(req, issueText(params.error, 'parameters.'));
  if (ctx.limiter.refuse(req, `image:${request.model}`, LIMITS.imageSync)) return;
  const model = request.model;
  const { prompt, images } = messagesPrompt(input.data);
  if (!stripMarkers(prompt)) return invalidParameter(req, 'The text content of the message is empty.');
  const edit = model.includes('edit');
  if (edit && (images.length < 1 || images.length > 3)) return invalidParameter(req, 'Image edit models take 1 to 3 input images.');
  const size = params.data?.size;
  if (size !== undefined && !SIZE.test(size)) return invalidParameter(req, `The size "${size}" is invalid; use width*height, e.g. 1328*1328.`);
  if (size !== undefined && (model === 'qwen-image' || model === 'qwen-image-plus') && !QWEN_IMAGE_SIZES.has(size)) {
    return invalidParameter(req, `The size "${size}" is not supported by ${model}. Supported: ${[...QWEN_IMAGE_SIZES].join(', ')}.`);
  }
  if (req.fault?.name === 'data-inspection') return requestError(req, 400, { code: 'DataInspectionFailed', message: 'Input data may contain inappropriate content.' });
  if (req.fault?.name === 'invalid-parameter') return invalidParameter(req, 'The size is not match the allowed size list.');
  const n = model === 'qwen-image-edit' ? 1 : params.data?.n ?? 1;
  const dims = dimensions(size, edit ? [1216, 864] : [1664, 928]);
  const urls = pngResults(ctx, n, seedOf(prompt, params.data?.seed), dims, ctx.now() + RESULT_TTL_MS);
  sendJson(req, 200, {
    output: {
      choices: urls.map((url) => ({ finish_reason: 'stop', message: { role: 'assistant', content: [{ image: url }] } })),
      task_metric: { TOTAL: n, SUCCEEDED: n, FAILED: 0 },
    },
    usage: { width: dims[0], height: dims[1], image_count: n },
    request_id: req.requestId,
  });
}

/** wan2.6/2.7 image, asynchronous, messages-style; results under `choices` (§6.2). */
export function imageGeneration(req: SimRequest, ctx: SimContext): void {
  const request = req.json as { model: string; input?: unknown; parameters?: unknown };
  const input = messagesInput.safeParse(request.input);
  const params = imageParams.safeParse(request.parameters);
  if (!input.success) return invalidParameter(req, issueText(input.error, 'input.messages.'));
  if (!params.success) return invalidParameter(req, issueText(params.error, 'parameters.'));
  if (ctx.limiter.refuse(req, `image:${request.model}`, LIMITS.imageSubmit)) return;
  const { prompt } = messagesPrompt(input.data);
  const n = params.data?.n ?? 1;
  const dims = dimensions(params.data?.size, [2048, 2048]);
  acceptTask(req, ctx, 'image', request.model, deferredFailure(req.fault) ?? {
    status: 'SUCCEEDED',
    result: (end) => ({
      output: {
        finished: true,
        choices: pngResults(ctx, n, seedOf(prompt, params.data?.seed), dims, end + RESULT_TTL_MS)
          .map((url) => ({ finish_reason: 'stop', message: { role: 'assistant', content: [{ image: url, type: 'image' }] } })),
      },
      usage: { size: `${dims[0]}*${dims[1]}`, image_count: n, input_tokens: prompt.length, output_tokens: 2 * n, total_tokens: prompt.length + 2 * n },
    }),
  });
}

const legacyInput = z.looseObject({
  prompt: z.string().min(1, 'Field required: input.prompt').max(800),
  negative_prompt: z.string().max(500).optional(),
  images: z.array(z.string()).optional(),
  base_image_url: z.string().optional(),
  ref_img: z.string().optional(),
  sketch_image_url: z.string().optional(),
});

/**
 * Legacy text2image / image2image image-synthesis, asynchronous; results under `results[].url` (§6.3).
 * `[[sim:partial]]` in the prompt fails one result (task_metrics.FAILED > 0).
 */
export function imageSynthesis(req: SimRequest, ctx: SimContext, imageToImage: boolean): void {
  const request = req.json as { model: string; input?: unknown; parameters?: unknown };
  const input = legacyInput.safeParse(request.input ?? {});
  const params = imageParams.safeParse(request.parameters);
  if (!input.success) return invalidParameter(req, input.error.issues[0]?.code === 'invalid_type' ? 'Field required: input.prompt' : issueText(input.error, 'input.'));
  if (!params.success) return invalidParameter(req, issueText(params.error, 'parameters.'));
  const i = input.data;
  if (imageToImage && !i.images?.length && !i.base_image_url && !i.ref_img && !i.sketch_image_url) return invalidParameter(req, 'Field required: input.base_image_url');
  const size = params.data?.size;
  if (size !== undefined) {
    const [width, height] = dimensions(size, [0, 0]);
    if (!SIZE.test(size) || width < 512 || height < 512 || width > 1440 || height > 1440) {
      return invalidParameter(req, `The size "${size}" is invalid: width and height must be within [512, 1440].`);
    }
  }
  if (ctx.limiter.refuse(req, `image:${request.model}`, LIMITS.imageSubmit)) return;
  const n = Math.min(4, params.data?.n ?? 1);
  const partial = markers(i.prompt).has('partial');
  const prompt = stripMarkers(i.prompt);
  const extend = params.data?.prompt_extend !== false;
  const dims = dimensions(size, [1024, 1024]);
  acceptTask(req, ctx, 'image', request.model, deferredFailure(req.fault) ?? {
    status: 'SUCCEEDED',
    result: (end) => {
      const succeeded = partial ? Math.max(0, n - 1) : n;
      const results: Record<string, unknown>[] = pngResults(ctx, succeeded, seedOf(prompt, params.data?.seed), dims, end + RESULT_TTL_MS)
        .map((url) => ({ url, orig_prompt: prompt, ...(extend ? { actual_prompt: `${prompt}, highly detailed, soft light` } : {}) }));
      if (partial) results.push({ code: 'DataInspectionFailed', message: 'Output data may contain inappropriate content.' });
      return { output: { results, task_metrics: { TOTAL: n, SUCCEEDED: succeeded, FAILED: n - succeeded } }, usage: { image_count: succeeded } };
    },
  }, { task_metrics: { TOTAL: n, SUCCEEDED: 0, FAILED: 0 } });
}
