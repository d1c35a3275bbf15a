import type { CallOptions, Transport } from './http';
import { videoModel, videoPath, type VideoMode } from './models';
import { submitTask, type TaskSubmission } from './tasks';

export interface VideoMedia {
  readonly type: 'first_frame' | 'last_frame' | 'reference_image' | 'reference_video' | 'video' | 'first_clip' | 'driving_audio';
  readonly url: string;
  readonly reference_voice?: string;
}

/** Every video mode in one request; the model decides the path and whether inputs go in `media[]`. */
export interface VideoRequest {
  readonly model: string;
  readonly prompt?: string;
  readonly negativePrompt?: string;
  /** First frame for image-to-video. */
  readonly imageUrl?: string;
  /** First and last frames for key-frame models. */
  readonly firstFrameUrl?: string;
  readonly lastFrameUrl?: string;
  /** Reference images or videos for reference-to-video. */
  readonly referenceUrls?: readonly string[];
  /** Source video for video edit. */
  readonly videoUrl?: string;
  /** Explicit `media[]` (wan2.7, HappyHorse); built from the fields above when absent. */
  readonly media?: readonly VideoMedia[];
  readonly audioUrl?: string;
  /** `W*H` (wan 2.6 and earlier). */
  readonly size?: string;
  /** `480P` | `720P` | `1080P`. */
  readonly resolution?: string;
  /** `16:9`, `9:16`, … (wan2.7, HappyHorse). */
  readonly ratio?: string;
  readonly duration?: number;
  readonly promptExtend?: boolean;
  readonly seed?: number;
  readonly watermark?: boolean;
  /** Generate sound (models that can). */
  readonly audio?: boolean;
  readonly shotType?: 'single' | 'multi';
  /** wan2.7-videoedit: `auto` (the model decides) or `origin` (keep the source video's sound). */
  readonly audioSetting?: 'auto' | 'origin';
  /** VACE (`wanx2.1-vace-plus`): the function, and for `image_reference` its 1–3 images with each one's role. */
  readonly vaceFunction?: 'image_reference';
  readonly refImagesUrl?: readonly string[];
  readonly objOrBg?: readonly ('obj' | 'bg')[];
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly input?: Readonly<Record<string, unknown>>;
}

const VIDEO_FILE = /\.(mp4|mov|webm|mkv)(\?|$)/i;

function mediaFor(request: VideoRequest): VideoMedia[] {
  const media: VideoMedia[] = [];
  if (request.imageUrl) media.push({ type: 'first_frame', url: request.imageUrl });
  if (request.firstFrameUrl) media.push({ type: 'first_frame', url: request.firstFrameUrl });
  if (request.lastFrameUrl) media.push({ type: 'last_frame', url: request.lastFrameUrl });
  if (request.videoUrl) media.push({ type: 'video', url: request.videoUrl });
  for (const url of request.referenceUrls ?? []) {
    media.push({ type: VIDEO_FILE.test(url) ? 'reference_video' : 'reference_image', url });
  }
  return media;
}

/** Builds path and body for a video request. Exported for tests and for "copy as curl". */
export function videoRequestBody(request: VideoRequest): { mode: VideoMode; path: string; body: Record<string, unknown> } {
  const model = videoModel(request.model);
  const input: Record<string, unknown> = { ...request.input };
  if (request.prompt !== undefined) input.prompt = request.prompt;
  if (request.negativePrompt) input.negative_prompt = request.negativePrompt;
  if (request.audioUrl) input.audio_url = request.audioUrl;
  if (request.vaceFunction) input.function = request.vaceFunction;
  if (request.refImagesUrl?.length) input.ref_images_url = request.refImagesUrl;
  if (request.media || model.mediaInput) {
    const media = request.media ?? mediaFor(request);
    if (media.length > 0) input.media = media;
  } else {
    if (request.imageUrl) input.img_url = request.imageUrl;
    if (request.firstFrameUrl) input.first_frame_url = request.firstFrameUrl;
    if (request.lastFrameUrl) input.last_frame_url = request.lastFrameUrl;
    if (request.referenceUrls?.length) input.reference_urls = request.referenceUrls;
    if (request.videoUrl) input.video_url = request.videoUrl;
  }
  const parameters: Record<string, unknown> = { ...request.parameters };
  const set = (name: string, value: unknown) => {
    if (value !== undefined) parameters[name] = value;
  };
  set('size', request.size);
  set('resolution', request.resolution);
  set('ratio', request.ratio);
  set('duration', request.duration);
  set('prompt_extend', request.promptExtend);
  set('seed', request.seed);
  set('watermark', request.watermark);
  set('audio', request.audio);
  set('shot_type', request.shotType);
  set('audio_setting', request.audioSetting);
  set('obj_or_bg', request.objOrBg);
  return { mode: model.mode, path: videoPath(request.model), body: { model: request.model, input, parameters } };
}

export class VideoApi {
  constructor(private readonly transport: Transport) {}

  /** Submits a video task (always async). A timeout after sending is reported, never re-sent. */
  submit(request: VideoRequest, options?: CallOptions): Promise<TaskSubmission> {
    const { path, body } = videoRequestBody(request);
    return submitTask(this.transport, path, body, options);
  }
}
