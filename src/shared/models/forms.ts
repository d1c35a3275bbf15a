/**
 * The shapes of the form rules the catalog gives image and video models (what a panel may send), and the
 * small builders the catalog's tables are written with. Facts from the API notes §6–7; [L] marks one source.
 */

const MB = 1024 * 1024;

/** Where a picked file goes in a request. */
export const MEDIA_SLOTS = ['images', 'firstFrame', 'lastFrame', 'references', 'referenceImages', 'refImages', 'video', 'audio'] as const;
export type MediaSlot = (typeof MEDIA_SLOTS)[number];

export interface SlotRule {
  readonly slot: MediaSlot;
  readonly min: number;
  readonly max: number;
  readonly types: readonly string[];
  readonly maxBytes: number;
}

/**
 * Sizes a model accepts: a fixed list, `W*H` with each side within bounds (and, where given, the pixels in all
 * within `minPixels`–`maxPixels`), or none (the output follows the input).
 */
export type SizeRule =
  | { readonly kind: 'list'; readonly values: readonly string[] }
  | { readonly kind: 'range'; readonly min: number; readonly max: number; readonly optional: boolean; readonly minPixels?: number; readonly maxPixels?: number }
  | { readonly kind: 'none' };

export type VideoMode = 't2v' | 'i2v' | 'kf2v' | 'r2v' | 'edit';
export const VIDEO_MODES: readonly VideoMode[] = ['t2v', 'i2v', 'kf2v', 'r2v', 'edit'];

/** VACE functions the panel offers (of the five the service has: the others need masks, clips or frames it does not take yet). */
export const VACE_FUNCTIONS = ['image_reference'] as const;
export type VaceFunction = (typeof VACE_FUNCTIONS)[number];

/**
 * The picture: `W*H` sizes (wan 2.6 and earlier t2v/r2v), or a resolution tier and optionally an aspect ratio;
 * `ratioOptional`: no ratio (an empty one) keeps the source video's.
 */
export type PictureRule =
  | { readonly kind: 'size'; readonly values: readonly string[]; readonly defaultValue: string }
  | { readonly kind: 'resolution'; readonly values: readonly string[]; readonly defaultValue: string; readonly ratios?: readonly string[]; readonly ratioOptional?: boolean };

/**
 * Durations in seconds: a range of integers, a set, or none (the output follows the source video). `keepSource`:
 * 0 or nothing also keeps the source video's length (wan2.7-videoedit; a number trims the source from its start).
 */
export type DurationRule =
  | { readonly min: number; readonly max: number; readonly defaultValue: number; readonly keepSource?: boolean }
  | { readonly only: readonly number[]; readonly defaultValue: number }
  | undefined;

const EDIT_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/bmp', 'image/webp', 'image/tiff', 'image/gif'];
const FRAME_TYPES = ['image/png', 'image/jpeg', 'image/bmp', 'image/webp'];
const VIDEO_TYPES = ['video/mp4', 'video/quicktime'];
const AUDIO_TYPES = ['audio/mpeg', 'audio/wav'];

const slot = (name: MediaSlot, min: number, max: number, types: readonly string[], maxBytes: number): SlotRule => ({ slot: name, min, max, types, maxBytes });
export const editImages = (max: number) => slot('images', 1, max, EDIT_IMAGE_TYPES, 10 * MB);
export const frame = (name: 'firstFrame' | 'lastFrame') => slot(name, 1, 1, FRAME_TYPES, 10 * MB);
/** Driving audio (`audio_url`) of wan2.5/2.6: optional [L 15 MB]. */
export const drivingAudio = slot('audio', 0, 1, AUDIO_TYPES, 15 * MB);
export const sourceVideo = slot('video', 1, 1, VIDEO_TYPES, 100 * MB);
export const references = (max: number) => slot('references', 1, max, [...FRAME_TYPES, ...VIDEO_TYPES], 100 * MB);
/**
 * Optional `reference_image` entries beside a video edit's source video: up to 4 for wan2.7-videoedit (Model Studio's
 * video-editing guide); one for HappyHorse, as in the API reference's example, which states no limit [L types, size].
 */
export const editReferences = (max: number) => slot('referenceImages', 0, max, FRAME_TYPES, 10 * MB);
/** VACE `image_reference`: 1–3 images (`ref_images_url`), each a subject or the background (Model Studio's VACE guide) [L types, size]. */
export const vaceReferences = slot('refImages', 1, 3, FRAME_TYPES, 10 * MB);

export const sizes = (values: readonly string[], defaultValue: string): PictureRule => ({ kind: 'size', values, defaultValue });
export const tiers = (values: readonly string[], defaultValue: string, ratios?: readonly string[], ratioOptional = false): PictureRule => ({ kind: 'resolution', values, defaultValue, ...(ratios ? { ratios } : {}), ...(ratioOptional ? { ratioOptional } : {}) });
export const range = (min: number, max: number, defaultValue = 5): DurationRule => ({ min, max, defaultValue });
export const only = (...values: number[]): DurationRule => ({ only: values, defaultValue: values[0]! });
