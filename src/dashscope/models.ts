/**
 * The one table that decides where a model's request goes. Exact ids from the service's documentation;
 * unknown ids are routed by the family patterns the official SDKs use.
 */
export type ImageFamily =
  /** Synchronous `multimodal-generation/generation` (qwen-image, edits with input images). */
  | 'multimodal'
  /** Asynchronous `image-generation/generation`, messages-style, results under `choices`. */
  | 'imageGeneration'
  /** Legacy asynchronous `text2image/image-synthesis`, results under `results[].url`. */
  | 'text2image'
  /** Legacy asynchronous `image2image/image-synthesis`. */
  | 'image2image';

export interface ImageModel {
  readonly id: string;
  readonly family: ImageFamily;
  /** Takes input images (edit / image-to-image). */
  readonly edit: boolean;
  readonly description: string;
}

export const IMAGE_MODELS: readonly ImageModel[] = [
  { id: 'qwen-image-plus', family: 'multimodal', edit: false, description: 'Qwen image, text rendering in Chinese and English' },
  { id: 'qwen-image', family: 'multimodal', edit: false, description: 'Qwen image, first release' },
  { id: 'qwen-image-max', family: 'multimodal', edit: false, description: 'Qwen image, highest quality' },
  { id: 'qwen-image-2.0-pro', family: 'multimodal', edit: false, description: 'Qwen image 2.0 Pro' },
  { id: 'qwen-image-edit', family: 'multimodal', edit: true, description: 'Edit one image with an instruction (one output)' },
  { id: 'qwen-image-edit-plus', family: 'multimodal', edit: true, description: 'Edit 1–3 images with an instruction (up to 6 outputs)' },
  { id: 'qwen-image-edit-max', family: 'multimodal', edit: true, description: 'Best-quality multi-image editing' },
  { id: 'wan2.7-image', family: 'imageGeneration', edit: false, description: 'Wan 2.7 image generation (async)' },
  { id: 'wan2.7-image-pro', family: 'imageGeneration', edit: false, description: 'Wan 2.7 image Pro, up to 2K (async)' },
  { id: 'wan2.6-t2i', family: 'imageGeneration', edit: false, description: 'Wan 2.6 text-to-image (async)' },
  { id: 'wan2.5-t2i-preview', family: 'text2image', edit: false, description: 'Wan 2.5 text-to-image preview (async)' },
  { id: 'wan2.2-t2i-plus', family: 'text2image', edit: false, description: 'Wan 2.2 text-to-image Plus (async)' },
  { id: 'wan2.2-t2i-flash', family: 'text2image', edit: false, description: 'Wan 2.2 text-to-image Flash (async)' },
  { id: 'wanx2.1-t2i-plus', family: 'text2image', edit: false, description: 'Wan 2.1 text-to-image Plus (async)' },
  { id: 'wanx2.1-t2i-turbo', family: 'text2image', edit: false, description: 'Wan 2.1 text-to-image Turbo (async)' },
  { id: 'wanx-v1', family: 'text2image', edit: false, description: 'Wanx v1 (async)' },
  { id: 'wan2.5-i2i-preview', family: 'image2image', edit: true, description: 'Wan 2.5 image-to-image editing (async)' },
  { id: 'wanx2.1-imageedit', family: 'image2image', edit: true, description: 'Wan 2.1 general image editing (async)' },
];

export function imageModel(id: string): ImageModel {
  const known = IMAGE_MODELS.find((model) => model.id === id);
  if (known) return known;
  if (/imageedit|i2i/.test(id)) return { id, family: 'image2image', edit: true, description: id };
  if (id.startsWith('qwen-image')) return { id, family: 'multimodal', edit: id.includes('edit'), description: id };
  if (/^wan2\.[67]-(image|t2i)/.test(id)) return { id, family: 'imageGeneration', edit: false, description: id };
  return { id, family: 'text2image', edit: false, description: id };
}

export const IMAGE_PATHS: Readonly<Record<ImageFamily, string>> = {
  multimodal: '/api/v1/services/aigc/multimodal-generation/generation',
  imageGeneration: '/api/v1/services/aigc/image-generation/generation',
  text2image: '/api/v1/services/aigc/text2image/image-synthesis',
  image2image: '/api/v1/services/aigc/image2image/image-synthesis',
};

export type VideoMode = 't2v' | 'i2v' | 'kf2v' | 'r2v' | 'edit';

export interface VideoModel {
  readonly id: string;
  readonly mode: VideoMode;
  /** Inputs go in `input.media[]` (wan2.7, HappyHorse edit and reference) instead of named URL fields. */
  readonly mediaInput: boolean;
  readonly description: string;
}

export const VIDEO_MODELS: readonly VideoModel[] = [
  { id: 'wan2.7-t2v', mode: 't2v', mediaInput: false, description: 'Wan 2.7 text-to-video, 720P/1080P, 2–15 s, with audio' },
  { id: 'happyhorse-1.0-t2v', mode: 't2v', mediaInput: false, description: 'HappyHorse 1.0 text-to-video' },
  { id: 'wan2.6-t2v', mode: 't2v', mediaInput: false, description: 'Wan 2.6 text-to-video, multi-shot, with audio' },
  { id: 'wan2.5-t2v-preview', mode: 't2v', mediaInput: false, description: 'Wan 2.5 text-to-video preview, with audio' },
  { id: 'wan2.2-t2v-plus', mode: 't2v', mediaInput: false, description: 'Wan 2.2 text-to-video Plus, 5 s' },
  { id: 'wanx2.1-t2v-turbo', mode: 't2v', mediaInput: false, description: 'Wan 2.1 text-to-video Turbo' },
  { id: 'wanx2.1-t2v-plus', mode: 't2v', mediaInput: false, description: 'Wan 2.1 text-to-video Plus' },
  { id: 'wan2.7-i2v', mode: 'i2v', mediaInput: true, description: 'Wan 2.7 image-to-video from a first frame' },
  { id: 'happyhorse-1.0-i2v', mode: 'i2v', mediaInput: false, description: 'HappyHorse 1.0 image-to-video' },
  { id: 'wan2.6-i2v', mode: 'i2v', mediaInput: false, description: 'Wan 2.6 image-to-video, with audio' },
  { id: 'wan2.6-i2v-flash', mode: 'i2v', mediaInput: false, description: 'Wan 2.6 image-to-video Flash' },
  { id: 'wan2.5-i2v-preview', mode: 'i2v', mediaInput: false, description: 'Wan 2.5 image-to-video preview' },
  { id: 'wan2.2-i2v-plus', mode: 'i2v', mediaInput: false, description: 'Wan 2.2 image-to-video Plus' },
  { id: 'wan2.2-i2v-flash', mode: 'i2v', mediaInput: false, description: 'Wan 2.2 image-to-video Flash' },
  { id: 'wanx2.1-i2v-turbo', mode: 'i2v', mediaInput: false, description: 'Wan 2.1 image-to-video Turbo' },
  { id: 'wanx2.1-i2v-plus', mode: 'i2v', mediaInput: false, description: 'Wan 2.1 image-to-video Plus' },
  { id: 'wan2.2-kf2v-flash', mode: 'kf2v', mediaInput: false, description: 'Wan 2.2 first-and-last-frame Flash' },
  { id: 'wanx2.1-kf2v-plus', mode: 'kf2v', mediaInput: false, description: 'Wan 2.1 first-and-last-frame Plus' },
  { id: 'happyhorse-1.0-r2v', mode: 'r2v', mediaInput: true, description: 'HappyHorse 1.0 reference-to-video, voices' },
  { id: 'wan2.7-r2v', mode: 'r2v', mediaInput: true, description: 'Wan 2.7 reference-to-video' },
  { id: 'wan2.6-r2v', mode: 'r2v', mediaInput: false, description: 'Wan 2.6 reference-to-video' },
  { id: 'wan2.6-r2v-flash', mode: 'r2v', mediaInput: false, description: 'Wan 2.6 reference-to-video Flash' },
  { id: 'wan2.7-videoedit', mode: 'edit', mediaInput: true, description: 'Wan 2.7 video edit' },
  { id: 'happyhorse-1.0-video-edit', mode: 'edit', mediaInput: true, description: 'HappyHorse 1.0 video edit' },
  { id: 'wanx2.1-vace-plus', mode: 'edit', mediaInput: false, description: 'Wan 2.1 VACE: a silent 720P video from 1–3 reference images (subjects, background)' },
];

export function videoModel(id: string): VideoModel {
  const known = VIDEO_MODELS.find((model) => model.id === id);
  if (known) return known;
  const mode: VideoMode = id.includes('kf2v') ? 'kf2v' : id.includes('r2v') ? 'r2v' : /edit|vace/.test(id) ? 'edit' : id.includes('i2v') ? 'i2v' : 't2v';
  return { id, mode, mediaInput: /^wan2\.7|^happyhorse/.test(id) && mode !== 't2v' && mode !== 'i2v', description: id };
}

/** Key-frame, speech-to-video, animate and lip-sync models use the image2video path; every other video model the video-generation one. */
export function videoPath(id: string): string {
  return /kf2v|s2v|animate|videoretalk/.test(id)
    ? '/api/v1/services/aigc/image2video/video-synthesis'
    : '/api/v1/services/aigc/video-generation/video-synthesis';
}
