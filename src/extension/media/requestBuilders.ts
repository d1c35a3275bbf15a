import { videoModel, type ImageRequest, type VideoMedia, type VideoRequest } from '../../dashscope';
import type { ImageParameters, MediaSlot, VideoParameters } from '../../shared/protocol/mediaRules';

/** A picked file as the model will read it: a `data:` URL, or the `oss://` URL of an upload. */
export interface ResolvedInput {
  readonly url: string;
  readonly mimeType: string;
}
export type ResolvedInputs = Readonly<Partial<Record<MediaSlot, readonly ResolvedInput[]>>>;

const urls = (inputs: ResolvedInputs, slot: MediaSlot) => (inputs[slot] ?? []).map((input) => input.url);
const first = (inputs: ResolvedInputs, slot: MediaSlot) => inputs[slot]?.[0]?.url;

/** The client request for checked image parameters and their resolved input files. */
export function buildImageRequest(params: ImageParameters, inputs: ResolvedInputs): ImageRequest {
  const images = urls(inputs, 'images');
  return {
    model: params.model,
    prompt: params.prompt,
    ...(params.negativePrompt ? { negativePrompt: params.negativePrompt } : {}),
    ...(images.length > 0 ? { images } : {}),
    ...(params.size ? { size: params.size } : {}),
    ...(params.count !== undefined ? { n: params.count } : {}),
    ...(params.seed !== undefined ? { seed: params.seed } : {}),
    ...(params.promptExtend !== undefined ? { promptExtend: params.promptExtend } : {}),
    watermark: params.watermark,
    ...(params.thinkingMode !== undefined ? { parameters: { thinking_mode: params.thinkingMode } } : {}),
  };
}

/** `media[]` for models that take their inputs that way (wan2.7, HappyHorse): typed from each file's MIME type. */
function mediaOf(params: VideoParameters, inputs: ResolvedInputs): VideoMedia[] {
  const media: VideoMedia[] = [];
  const add = (type: VideoMedia['type'], url: string | undefined) => url && media.push({ type, url });
  add('first_frame', first(inputs, 'firstFrame'));
  add('last_frame', first(inputs, 'lastFrame'));
  add('video', first(inputs, 'video'));
  for (const url of urls(inputs, 'referenceImages')) add('reference_image', url);
  for (const input of inputs.references ?? []) add(input.mimeType.startsWith('video/') ? 'reference_video' : 'reference_image', input.url);
  add('driving_audio', params.mode === 'i2v' ? first(inputs, 'audio') : undefined);
  return media;
}

/** The client request for checked video parameters and their resolved input files. */
export function buildVideoRequest(params: VideoParameters, inputs: ResolvedInputs): VideoRequest {
  const usesMedia = videoModel(params.model).mediaInput;
  const frame = first(inputs, 'firstFrame');
  const references = urls(inputs, 'references');
  const files: Partial<VideoRequest> = usesMedia
    ? { media: mediaOf(params, inputs) }
    : {
      ...(frame && params.mode === 'i2v' ? { imageUrl: frame } : {}),
      ...(frame && params.mode === 'kf2v' ? { firstFrameUrl: frame } : {}),
      ...(first(inputs, 'lastFrame') ? { lastFrameUrl: first(inputs, 'lastFrame') } : {}),
      ...(references.length > 0 ? { referenceUrls: references } : {}),
      ...(first(inputs, 'video') ? { videoUrl: first(inputs, 'video') } : {}),
      ...(first(inputs, 'audio') ? { audioUrl: first(inputs, 'audio') } : {}),
      ...(params.vaceFunction ? { vaceFunction: params.vaceFunction, refImagesUrl: urls(inputs, 'refImages'), objOrBg: params.referenceRoles } : {}),
    };
  return {
    model: params.model,
    ...(params.prompt !== undefined ? { prompt: params.prompt } : {}),
    ...(params.negativePrompt ? { negativePrompt: params.negativePrompt } : {}),
    ...files,
    ...(params.size ? { size: params.size } : {}),
    ...(params.resolution ? { resolution: params.resolution } : {}),
    ...(params.ratio ? { ratio: params.ratio } : {}),
    ...(params.duration !== undefined ? { duration: params.duration } : {}),
    ...(params.seed !== undefined ? { seed: params.seed } : {}),
    promptExtend: params.promptExtend,
    watermark: params.watermark,
    ...(params.audio !== undefined ? { audio: params.audio } : {}),
    ...(params.shotType ? { shotType: params.shotType } : {}),
    ...(params.audioSetting ? { audioSetting: params.audioSetting } : {}),
  };
}
