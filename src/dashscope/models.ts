import { IMAGE_MODELS as IMAGE_ENTRIES, imageEntry, imageRouteOf, VIDEO_MODELS as VIDEO_ENTRIES, videoEntry, videoModeOf, videoRouteOf, type ImageRoute, type VideoMode, type VideoRoute } from '../shared/models';

/**
 * Where a model's request goes, read from the model catalog (src/shared/models). Snapshot ids resolve to their
 * family; ids the catalog does not know are routed by the family patterns the official SDKs use.
 */
export type ImageFamily = ImageRoute;
export type { VideoMode };

export interface ImageModel {
  readonly id: string;
  readonly family: ImageFamily;
  /** Takes input images (edit / image-to-image). */
  readonly edit: boolean;
  readonly description: string;
}

export interface VideoModel {
  readonly id: string;
  readonly mode: VideoMode;
  /** Inputs go in `input.media[]` (wan2.7, HappyHorse edit and reference) instead of named URL fields. */
  readonly mediaInput: boolean;
  readonly description: string;
}

export const IMAGE_MODELS: readonly ImageModel[] = IMAGE_ENTRIES.map((entry) => ({ id: entry.id, family: entry.route, edit: entry.edit, description: entry.description.en }));
export const VIDEO_MODELS: readonly VideoModel[] = VIDEO_ENTRIES.map((entry) => ({ id: entry.id, mode: entry.mode, mediaInput: entry.mediaInput, description: entry.description.en }));

export function imageModel(id: string): ImageModel {
  const entry = imageEntry(id);
  if (entry) return { id, family: entry.route, edit: entry.edit, description: entry.description.en };
  const family = imageRouteOf(id);
  return { id, family, edit: family === 'image2image' || /edit/.test(id), description: id };
}

export const IMAGE_PATHS: Readonly<Record<ImageFamily, string>> = {
  multimodal: '/api/v1/services/aigc/multimodal-generation/generation',
  imageGeneration: '/api/v1/services/aigc/image-generation/generation',
  text2image: '/api/v1/services/aigc/text2image/image-synthesis',
  image2image: '/api/v1/services/aigc/image2image/image-synthesis',
};

export function videoModel(id: string): VideoModel {
  const entry = videoEntry(id);
  if (entry) return { id, mode: entry.mode, mediaInput: entry.mediaInput, description: entry.description.en };
  const mode = videoModeOf(id);
  return { id, mode, mediaInput: /^wan2\.7|^happyhorse/.test(id) && mode !== 't2v' && mode !== 'i2v', description: id };
}

const VIDEO_PATHS: Readonly<Record<VideoRoute, string>> = {
  image2video: '/api/v1/services/aigc/image2video/video-synthesis',
  videoGeneration: '/api/v1/services/aigc/video-generation/video-synthesis',
};

export function videoPath(id: string): string {
  return VIDEO_PATHS[videoEntry(id)?.route ?? videoRouteOf(id)];
}
