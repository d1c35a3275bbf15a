export * from './catalog';
export { CHAT_MODELS } from './chat';
export * from './forms';
export { IMAGE_MODELS, imageRouteOf } from './image';
export { SOURCES, type Source, type SourceId } from './sources';
export type * from './types';
export { VIDEO_MODELS, videoModeOf, videoRouteOf } from './video';
export { VIDEO_PRICES } from './prices';
