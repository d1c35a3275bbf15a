import { drivingAudio, editReferences, frame, only, range, references, sizes, sourceVideo, tiers, VACE_FUNCTIONS, vaceReferences, type PictureRule, type VideoMode } from './forms';
import type { SourceId } from './sources';
import type { VideoEntry, VideoRoute } from './types';

const SIZES_480 = ['832*480', '480*832', '624*624'];
const SIZES_720 = ['1280*720', '720*1280', '960*960', '1088*832', '832*1088'];
const SIZES_1080 = ['1920*1080', '1080*1920', '1440*1440', '1632*1248', '1248*1632'];
const RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4'];
const HAPPYHORSE_RATIOS = [...RATIOS, '4:5', '5:4', '9:21', '21:9'];

interface Spec extends Partial<Omit<VideoEntry, 'kind' | 'id' | 'description' | 'route'>> {
  readonly mode: VideoMode;
  readonly picture: PictureRule;
}

const video = (id: string, spec: Spec, en: string, zh: string): VideoEntry => ({
  kind: 'video',
  id,
  route: videoRouteOf(id),
  mediaInput: false,
  duration: only(5),
  audioSwitch: false,
  shotType: false,
  audioSetting: false,
  negativePrompt: true,
  promptRequired: spec.mode === 't2v',
  inputs: spec.mode === 'i2v' ? [frame('firstFrame')] : [],
  source: 'wanVideo' satisfies SourceId,
  ...spec,
  description: { en, 'zh-cn': zh },
});

const HD = tiers(['720P', '1080P'], '1080P');
const wan27 = { duration: range(2, 15) } as const;
const horse = { source: 'happyHorse', duration: range(3, 15) } as const;
const keyFrames = [frame('firstFrame'), frame('lastFrame')];

/** The video models the video panel offers, by mode, in the order it lists them. */
export const VIDEO_MODELS: readonly VideoEntry[] = [
  video('wan2.7-t2v', { ...wan27, mode: 't2v', picture: tiers(['720P', '1080P'], '1080P', RATIOS) }, 'Wan 2.7 text-to-video, 720P/1080P, 2–15 s, with audio', '万相 2.7 文生视频，720P/1080P，2–15 秒，带音频'),
  video('happyhorse-1.0-t2v', { ...horse, mode: 't2v', picture: tiers(['720P', '1080P'], '1080P', HAPPYHORSE_RATIOS) }, 'HappyHorse 1.0 text-to-video, with audio', 'HappyHorse 1.0 文生视频，带音频'),
  // Docs say 5/10/15 or any integer 2–15: accept the range (§7.3).
  video('wan2.6-t2v', { mode: 't2v', picture: sizes([...SIZES_720, ...SIZES_1080], '1920*1080'), duration: range(2, 15), shotType: true, inputs: [drivingAudio] }, 'Wan 2.6 text-to-video, multi-shot, with audio', '万相 2.6 文生视频，多镜头，带音频'),
  video('wan2.5-t2v-preview', { mode: 't2v', picture: sizes([...SIZES_480, ...SIZES_720, ...SIZES_1080], '1920*1080'), duration: only(5, 10), inputs: [drivingAudio], perSecond: { '480P': 0.3, '720P': 0.6, '1080P': 1.0 } }, 'Wan 2.5 text-to-video preview, with audio', '万相 2.5 文生视频预览版，带音频'),
  video('wan2.2-t2v-plus', { mode: 't2v', picture: sizes(['832*480', '480*832', ...SIZES_1080], '1920*1080'), perSecond: { '480P': 0.14, '1080P': 0.7 } }, 'Wan 2.2 text-to-video Plus, 5 s', '万相 2.2 文生视频 Plus，5 秒'),
  video('wanx2.1-t2v-turbo', { mode: 't2v', picture: sizes([...SIZES_480, ...SIZES_720], '1280*720') }, 'Wan 2.1 text-to-video Turbo', '万相 2.1 文生视频 Turbo'),
  video('wanx2.1-t2v-plus', { mode: 't2v', picture: sizes(SIZES_720, '1280*720') }, 'Wan 2.1 text-to-video Plus', '万相 2.1 文生视频 Plus'),
  video('wan2.7-i2v', { ...wan27, mode: 'i2v', picture: HD, mediaInput: true }, 'Wan 2.7 image-to-video from a first frame', '万相 2.7 首帧图生视频'),
  video('happyhorse-1.0-i2v', { ...horse, mode: 'i2v', picture: HD }, 'HappyHorse 1.0 image-to-video', 'HappyHorse 1.0 图生视频'),
  video('wan2.6-i2v', { mode: 'i2v', picture: HD, duration: range(2, 15), shotType: true, inputs: [frame('firstFrame'), drivingAudio] }, 'Wan 2.6 image-to-video, with audio', '万相 2.6 图生视频，带音频'),
  video('wan2.6-i2v-flash', { mode: 'i2v', picture: HD, duration: range(2, 15), audioSwitch: true, shotType: true }, 'Wan 2.6 image-to-video Flash', '万相 2.6 图生视频 Flash'),
  video('wan2.5-i2v-preview', { mode: 'i2v', picture: tiers(['480P', '720P', '1080P'], '1080P'), duration: only(5, 10), inputs: [frame('firstFrame'), drivingAudio], perSecond: { '480P': 0.3, '720P': 0.6, '1080P': 1.0 } }, 'Wan 2.5 image-to-video preview', '万相 2.5 图生视频预览版'),
  video('wan2.2-i2v-plus', { mode: 'i2v', picture: tiers(['480P', '1080P'], '1080P'), perSecond: { '480P': 0.14, '1080P': 0.7 } }, 'Wan 2.2 image-to-video Plus', '万相 2.2 图生视频 Plus'),
  video('wan2.2-i2v-flash', { mode: 'i2v', picture: tiers(['480P', '720P', '1080P'], '720P'), perSecond: { '480P': 0.1, '720P': 0.2, '1080P': 0.48 } }, 'Wan 2.2 image-to-video Flash', '万相 2.2 图生视频 Flash'),
  video('wanx2.1-i2v-turbo', { mode: 'i2v', picture: tiers(['480P', '720P'], '720P') }, 'Wan 2.1 image-to-video Turbo', '万相 2.1 图生视频 Turbo'),
  video('wanx2.1-i2v-plus', { mode: 'i2v', picture: tiers(['720P'], '720P') }, 'Wan 2.1 image-to-video Plus', '万相 2.1 图生视频 Plus'),
  video('wan2.2-kf2v-flash', { mode: 'kf2v', picture: tiers(['480P', '720P', '1080P'], '720P'), inputs: keyFrames, perSecond: { '480P': 0.1, '720P': 0.2, '1080P': 0.48 } }, 'Wan 2.2 first-and-last-frame Flash', '万相 2.2 首尾帧生视频 Flash'),
  video('wanx2.1-kf2v-plus', { mode: 'kf2v', picture: tiers(['720P'], '720P'), inputs: keyFrames }, 'Wan 2.1 first-and-last-frame Plus', '万相 2.1 首尾帧生视频 Plus'),
  video('happyhorse-1.0-r2v', { ...horse, mode: 'r2v', picture: tiers(['720P', '1080P'], '1080P', HAPPYHORSE_RATIOS), mediaInput: true, inputs: [references(5)], promptRequired: true }, 'HappyHorse 1.0 reference-to-video, voices', 'HappyHorse 1.0 参考生视频，可带音色'),
  video('wan2.7-r2v', { ...wan27, mode: 'r2v', picture: tiers(['720P', '1080P'], '1080P', RATIOS), mediaInput: true, inputs: [references(5)], promptRequired: true }, 'Wan 2.7 reference-to-video', '万相 2.7 参考生视频'),
  video('wan2.6-r2v', { mode: 'r2v', picture: sizes([...SIZES_720, ...SIZES_1080], '1920*1080'), duration: range(2, 15), shotType: true, inputs: [references(5)], promptRequired: true }, 'Wan 2.6 reference-to-video', '万相 2.6 参考生视频'),
  video('wan2.6-r2v-flash', { mode: 'r2v', picture: sizes([...SIZES_720, ...SIZES_1080], '1280*720'), duration: range(2, 15), shotType: true, inputs: [references(5)], promptRequired: true }, 'Wan 2.6 reference-to-video Flash', '万相 2.6 参考生视频 Flash'),
  // Model Studio's video-editing guide: ratio optional (default: the source's), duration 0 (the source's) or 2–10, audio_setting, negative prompt.
  video('wan2.7-videoedit', { mode: 'edit', picture: tiers(['720P', '1080P'], '1080P', RATIOS, true), duration: { min: 2, max: 10, defaultValue: 0, keepSource: true }, audioSetting: true, mediaInput: true, promptRequired: true, inputs: [sourceVideo, editReferences(4)] }, 'Wan 2.7 video edit', '万相 2.7 视频编辑'),
  // Model Studio's VACE guide and API reference: 720P (the example's size), up to 5 s, no duration sent; no negative prompt documented.
  video('wanx2.1-vace-plus', { mode: 'edit', picture: sizes(['1280*720'], '1280*720'), duration: undefined, negativePrompt: false, promptRequired: true, functions: VACE_FUNCTIONS, inputs: [vaceReferences] }, 'Wan 2.1 VACE: a silent 720P video from 1–3 reference images (subjects, background)', '万相 2.1 VACE：由 1–3 张参考图（主体、背景）生成 720P 无声视频'),
  video('happyhorse-1.0-video-edit', { ...horse, mode: 'edit', picture: HD, duration: undefined, negativePrompt: false, mediaInput: true, promptRequired: true, inputs: [sourceVideo, editReferences(1)] }, 'HappyHorse 1.0 video edit', 'HappyHorse 1.0 视频编辑'),
];

/** Key-frame, speech-to-video, animate and lip-sync models use the image2video path; every other video model the video-generation one. */
export function videoRouteOf(id: string): VideoRoute {
  return /kf2v|s2v|animate|videoretalk/.test(id) ? 'image2video' : 'videoGeneration';
}

/** The mode of a video id the catalog does not know, by its name. */
export function videoModeOf(id: string): VideoMode {
  return id.includes('kf2v') ? 'kf2v' : id.includes('r2v') ? 'r2v' : /edit|vace/.test(id) ? 'edit' : id.includes('i2v') ? 'i2v' : 't2v';
}

/** Ids that name a video model by their family, known to the catalog or not. */
export const VIDEO_FAMILY = /^(wanx?[\d.]*-.*(t2v|i2v|kf2v|r2v|s2v|vace|videoedit|video|animate)|happyhorse|videoretalk)/;
