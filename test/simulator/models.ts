/** What the simulator knows about models: which exist, which think, which path serves them. */

/** `GET /compatible-mode/v1/models` (§4.5): LLM, omni, speech and image models; no video models. */
export const COMPAT_MODELS = [
  'qwen3-max', 'qwen3-max-preview', 'qwen-max', 'qwen-max-latest', 'qwen-plus', 'qwen-plus-latest', 'qwen-flash', 'qwen-turbo', 'qwen-long',
  'qwen3-coder-plus', 'qwen3-coder-flash', 'qwq-plus', 'qwen3-235b-a22b', 'qwen3-235b-a22b-thinking-2507', 'qwen3-235b-a22b-instruct-2507',
  'qwen3-32b', 'qwen3-30b-a3b', 'qwen3-14b', 'qwen3-8b', 'qwen3-4b', 'qwen-vl-max', 'qwen-vl-plus', 'qwen3-vl-plus', 'qwen3-vl-flash',
  'qwen3-omni-flash', 'qwen-image', 'qwen-image-plus', 'qwen-image-max', 'qwen-image-edit', 'qwen-image-edit-plus', 'wan2.7-image',
  'wan2.7-image-pro', 'qwen3-tts-flash', 'qwen-tts', 'qwen3-asr-flash', 'paraformer-v2', 'fun-asr', 'text-embedding-v4',
] as const;

/** Open-source Qwen3 (qwen3-32b, qwen3-235b-a22b …): thinking on by default, refused on non-streaming calls. */
const OPEN_SOURCE_QWEN3 = /^qwen3-\d+(\.\d+)?b(-a\d+(\.\d+)?b)?$/;
/** Models that always think (and refuse enable_thinking:false). */
const THINKING_ONLY = /^(qwq|qvq)|-thinking/;
const CHAT_MODEL = /^(qwen|qwq|qvq|deepseek|kimi|glm|moonshot)/;
const NOT_CHAT = /image|tts|asr|embedding|paraformer|wan|^fun-/;

export const isOpenSourceQwen3 = (model: string) => OPEN_SOURCE_QWEN3.test(model);
export const isThinkingOnly = (model: string) => THINKING_ONLY.test(model);
export const isChatModel = (model: string) => CHAT_MODEL.test(model) && !NOT_CHAT.test(model);

/** Whether a call thinks: thinking-only models always, open-source Qwen3 unless turned off, others only when asked. */
export function thinks(model: string, requested: boolean | undefined): boolean {
  if (isThinkingOnly(model)) return true;
  if (isOpenSourceQwen3(model)) return requested ?? true;
  return requested === true;
}

/** Models that multimodal-generation serves synchronously as image generation (§6.1). */
export const isSyncImageModel = (model: string) => /^(qwen-image|z-image|wan2\.[67]-(t2)?image)/.test(model);
export const isTtsModel = (model: string) => /tts/.test(model);
/** Synchronous short-clip recognition on multimodal-generation (qwen3-asr-flash, not its -filetrans task model). */
export const isSyncAsrModel = (model: string) => /asr-flash/.test(model) && !/filetrans|realtime/.test(model);
/** Models that live on `image2video/video-synthesis` rather than `video-generation` (§7.1). */
export const onImageToVideoPath = (model: string) => /kf2v|s2v|animate|videoretalk/.test(model);
/** Legacy image-synthesis models the SDK sends to image2image (§6.3). */
export const isImageToImageModel = (model: string) => /imageedit|i2i|sketch|style-repaint/.test(model);
