import type { DurationRule, PictureRule, SizeRule, SlotRule, VaceFunction, VideoMode } from './forms';
import type { SourceId } from './sources';

/** A one-line description in each language the product ships. */
export interface Description {
  readonly en: string;
  readonly 'zh-cn': string;
}

/** `optional`: a switch (`enable_thinking`); `always`: the model always thinks; `never`: no thinking. */
export type Thinking = 'never' | 'optional' | 'always';

export interface ChatEntry {
  readonly kind: 'chat';
  readonly id: string;
  /**
   * Also the family of every id that starts with `<id>-` and has no entry of its own (open-weight sizes such as
   * `qwen3.5-27b`); for those, `-thinking` ids always think and `-instruct` ids never do.
   */
  readonly prefix?: boolean;
  readonly vision: boolean;
  readonly audio: boolean;
  readonly thinking: Thinking;
  readonly tools: boolean;
  /** Tokens, the smallest the family's snapshots offer, so the context meter warns early rather than late. */
  readonly contextWindow: number;
  readonly maxOutput: number;
  readonly description: Description;
  readonly source: SourceId;
}

/** The endpoint family of an image model (API notes §6). */
export type ImageRoute =
  /** Synchronous `multimodal-generation/generation` (qwen-image, z-image, edits with input images). */
  | 'multimodal'
  /** Asynchronous `image-generation/generation`, messages-style, results under `choices`. */
  | 'imageGeneration'
  /** Legacy asynchronous `text2image/image-synthesis`, results under `results[].url`. */
  | 'text2image'
  /** Legacy asynchronous `image2image/image-synthesis`. */
  | 'image2image';

/** What the image panel may send to a model. */
export interface ImageRule {
  readonly id: string;
  readonly sync: boolean;
  readonly size: SizeRule;
  readonly defaultSize?: string;
  readonly maxCount: number;
  readonly promptExtend: boolean;
  readonly promptMax: number;
  /** Takes `thinking_mode` (wan2.7-image and -pro): the model plans the picture before drawing it. */
  readonly thinkingMode: boolean;
  readonly inputs: readonly SlotRule[];
}

export interface ImageEntry extends ImageRule {
  readonly kind: 'image';
  readonly route: ImageRoute;
  /** Takes input images (edit / image-to-image). */
  readonly edit: boolean;
  readonly description: Description;
  readonly source: SourceId;
}

/** The endpoint family of a video model (API notes §7.1). */
export type VideoRoute = 'videoGeneration' | 'image2video';

/** What the video panel may send to a model. */
export interface VideoRule {
  readonly id: string;
  readonly mode: VideoMode;
  readonly picture: PictureRule;
  readonly duration: DurationRule;
  /** Takes the `audio` switch (sound on or off). */
  readonly audioSwitch: boolean;
  /** Takes `shot_type` (wan2.6): one shot, or a multi-shot narrative, which needs prompt extension (§7.2). */
  readonly shotType: boolean;
  /** Takes `audio_setting` (wan2.7-videoedit). */
  readonly audioSetting: boolean;
  /** VACE: the functions offered (`input.function`); the inputs are those of `image_reference`, the only one. */
  readonly functions?: readonly VaceFunction[];
  readonly negativePrompt: boolean;
  readonly promptRequired: boolean;
  readonly inputs: readonly SlotRule[];
}

export interface VideoEntry extends VideoRule {
  readonly kind: 'video';
  readonly route: VideoRoute;
  /** Inputs go in `input.media[]` (wan2.7, HappyHorse edit and reference) instead of named URL fields. */
  readonly mediaInput: boolean;
  /** Per-second price by resolution tier, in the currency and as of the date of `VIDEO_PRICES`. */
  readonly perSecond?: Readonly<Record<string, number>>;
  readonly description: Description;
  readonly source: SourceId;
}

