export * from './catalog';
export { CHAT_MODELS } from './chat';
export * from './forms';
export { IMAGE_MODELS, imageRouteOf } from './image';
export { ASR_MODELS, TTS_MODELS, type AsrEntry, type AsrMode, type TtsEntry, type TtsRoute, type Voice } from './speech';
export { SOURCES, type Source, type SourceId } from './sources';
export type * from './types';
export { VIDEO_MODELS, videoModeOf, videoRouteOf } from './video';
export { SPEECH_PRICES, VIDEO_PRICES } from './prices';
