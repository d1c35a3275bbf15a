import { z } from 'zod';
import type { SimContext } from '../context';
import { markers, stripMarkers } from '../faults';
import { invalidParameter, type SimRequest } from '../http';
import { fixture } from '../media';
import { onImageToVideoPath } from '../models';
import { LIMITS } from '../rateLimits';
import { RESULT_TTL_MS } from './results';
import { acceptTask, deferredFailure } from './tasks';

const SIZE = /^(\d{3,4})\*(\d{3,4})$/;
const mediaItem = z.looseObject({ type: z.string(), url: z.string().min(1) });
const videoInput = z.looseObject({
  prompt: z.string().max(2000).optional(),
  negative_prompt: z.string().max(500).optional(),
  img_url: z.string().optional(),
  first_frame_url: z.string().optional(),
  last_frame_url: z.string().optional(),
  reference_urls: z.array(z.string()).max(5).optional(),
  video_url: z.string().optional(),
  audio_url: z.string().optional(),
  media: z.array(mediaItem).optional(),
  function: z.enum(['image_reference', 'video_repainting', 'video_edit', 'video_extension', 'video_outpainting']).optional(),
  ref_images_url: z.array(z.string().min(1)).optional(),
});
const videoParams = z.looseObject({
  size: z.string().regex(SIZE, 'use width*height, e.g. 1280*720').optional(),
  resolution: z.enum(['480P', '720P', '1080P']).optional(),
  ratio: z.string().optional(),
  duration: z.number().int().optional(),
  seed: z.number().int().min(0).max(2147483647).optional(),
  prompt_extend: z.boolean().optional(),
  watermark: z.boolean().optional(),
  shot_type: z.enum(['single', 'multi']).optional(),
  audio_setting: z.enum(['auto', 'origin']).optional(),
  obj_or_bg: z.array(z.enum(['obj', 'bg'])).optional(),
}).optional();

/** wan2.7-videoedit (Model Studio's video-editing guide): five ratios (none keeps the source's), 0 = the source's length or 2–10 s. */
const VIDEOEDIT_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4'];

/** VACE (Model Studio's VACE guide): a function; `image_reference` takes 1–3 images, each with its role when roles are given; the others edit a video. */
function vaceProblem(input: z.output<typeof videoInput>, params: z.output<typeof videoParams>): string | undefined {
  if (!input.function) return 'Field required: input.function';
  if (input.function !== 'image_reference') return input.video_url ? undefined : 'Field required: input.video_url';
  const images = input.ref_images_url?.length ?? 0;
  if (images < 1 || images > 3) return 'input.ref_images_url: image_reference takes 1 to 3 images.';
  if (params?.obj_or_bg && params.obj_or_bg.length !== images) return 'parameters.obj_or_bg: give one value per image of input.ref_images_url.';
  return undefined;
}

function allowedDurations(model: string): { min: number; max: number; only?: number[] } {
  if (model === 'wan2.7-videoedit') return { min: 2, max: 10, only: [0, 2, 3, 4, 5, 6, 7, 8, 9, 10] };
  if (model.startsWith('wan2.2') || model.startsWith('wanx2.1')) return { min: 5, max: 5, only: [5] };
  if (model.startsWith('wan2.5')) return { min: 5, max: 10, only: [5, 10] };
  if (model.startsWith('happyhorse')) return { min: 3, max: 15 };
  return { min: 2, max: 15 };
}

/** The resolution tier (SR) of a request: from `resolution`, or the short side of `size`. */
function tier(params: z.output<typeof videoParams>): number {
  if (params?.resolution) return Number.parseInt(params.resolution, 10);
  const match = params?.size ? SIZE.exec(params.size) : null;
  return match ? Math.min(Number(match[1]), Number(match[2])) >= 1080 ? 1080 : Math.min(Number(match[1]), Number(match[2])) >= 720 ? 720 : 480 : 720;
}

/**
 * Video synthesis on both paths (§7), always asynchronous. kf2v/s2v/animate models live on image2video only;
 * the wrong path answers the service's "url error". Some validation is deferred to the task, as the service does.
 */
export function videoSynthesis(req: SimRequest, ctx: SimContext, imageToVideoPath: boolean): void {
  const request = req.json as { model: string; input?: unknown; parameters?: unknown };
  const model = request.model;
  if (onImageToVideoPath(model) !== imageToVideoPath) return invalidParameter(req, 'url error, please check url!');
  const input = videoInput.safeParse(request.input ?? {});
  const params = videoParams.safeParse(request.parameters);
  if (!input.success) return invalidParameter(req, `input.${input.error.issues[0]?.path.join('.')}: ${input.error.issues[0]?.message}`);
  if (!params.success) return invalidParameter(req, `parameters.${params.error.issues[0]?.path.join('.')}: ${params.error.issues[0]?.message}`);
  const i = input.data;
  const hasMedia = (type: string) => i.media?.some((item) => item.type === type) ?? false;
  if (/i2v/.test(model) && !i.img_url && !hasMedia('first_frame')) return invalidParameter(req, 'Field required: input.img_url');
  if (/kf2v/.test(model) && !i.first_frame_url) return invalidParameter(req, 'Field required: input.first_frame_url');
  if (/r2v/.test(model) && !i.reference_urls?.length && !i.media?.length) return invalidParameter(req, 'Field required: input.reference_urls');
  if (/videoedit|video-edit/.test(model) && !i.video_url && !hasMedia('video')) return invalidParameter(req, 'Field required: input.video_url');
  const vace = /vace/.test(model) ? vaceProblem(i, params.data) : undefined;
  if (vace) return invalidParameter(req, vace);
  if (params.data?.audio_setting && model !== 'wan2.7-videoedit') return invalidParameter(req, `parameters.audio_setting is not supported by ${model}.`);
  if (model === 'wan2.7-videoedit' && params.data?.ratio !== undefined && !VIDEOEDIT_RATIOS.includes(params.data.ratio)) {
    return invalidParameter(req, `parameters.ratio: use one of ${VIDEOEDIT_RATIOS.join(', ')}.`);
  }
  const duration = params.data?.duration;
  const allowed = allowedDurations(model);
  if (duration !== undefined && (allowed.only ? !allowed.only.includes(duration) : duration < allowed.min || duration > allowed.max)) {
    return invalidParameter(req, `The duration ${duration} is not supported by ${model}: ${allowed.only ? `use ${allowed.only.join(' or ')}` : `use ${allowed.min} to ${allowed.max}`} seconds.`);
  }
  if (ctx.limiter.refuse(req, `video:${model}`, LIMITS.videoSubmit)) return;

  // The service accepts a t2v submit without a prompt and fails the task later (§7.1).
  const fault = !i.prompt && /t2v/.test(model) ? { name: 'invalid-parameter' as const, value: undefined } : req.fault;
  const prompt = stripMarkers(i.prompt ?? '');
  const withAudio = markers(i.prompt ?? '').has('aac');
  // No duration, or 0 (a video edit keeping its source's length): the simulated source lasts 5 s.
  const seconds = duration || 5;
  const legacy = /^wan(x2\.1|2\.2)/.test(model);
  const extend = params.data?.prompt_extend !== false;
  const sr = tier(params.data);
  acceptTask(req, ctx, 'video', model, deferredFailure(fault) ?? {
    status: 'SUCCEEDED',
    result: (end) => {
      const videoUrl = ctx.results.put('mp4', () => ({ body: fixture(withAudio ? 'video-aac.mp4' : 'video.mp4'), contentType: 'video/mp4' }), end + RESULT_TTL_MS);
      if (legacy) {
        return {
          output: { video_url: videoUrl, orig_prompt: prompt, ...(extend ? { actual_prompt: `${prompt}, cinematic lighting, smooth camera motion` } : {}), task_metrics: { TOTAL: 1, SUCCEEDED: 1, FAILED: 0 } },
          usage: { video_count: 1, video_duration: seconds, video_ratio: params.data?.size ?? (sr === 1080 ? '1920*1080' : sr === 480 ? '832*480' : '1280*720') },
        };
      }
      const inputSeconds = /videoedit|video-edit|vace/.test(model) ? seconds : 0;
      return {
        output: { orig_prompt: prompt, video_url: videoUrl },
        usage: {
          duration: seconds + inputSeconds, input_video_duration: inputSeconds, output_video_duration: seconds, video_count: 1, SR: sr,
          ...(params.data?.ratio || /wan2\.7|happyhorse/.test(model) ? { ratio: params.data?.ratio ?? '16:9' } : {}),
        },
      };
    },
  });
}
