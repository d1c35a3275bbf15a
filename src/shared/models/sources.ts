/**
 * Where each family's facts come from, and when they were checked. Checked through stored copies of the
 * pages (no live web); `unconfirmed` names what no page confirmed, so a reader knows which values are guesses.
 */
export interface Source {
  readonly url: string;
  /** `YYYY-MM-DD`. */
  readonly checked: string;
  readonly confirmed: string;
  readonly unconfirmed?: string;
}

const CHECKED = '2026-12-03';
const API_NOTES = 'the project\'s API notes (/work/shared/dashscope-api.md)';

export const SOURCES = {
  qwen35: {
    url: 'https://help.aliyun.com/zh/model-studio/model',
    checked: CHECKED,
    confirmed: 'qwen3.5-plus reads images, 1,000,000-token context, 65,536 output tokens (the model list as quoted by a 2026-04 audit; vercel.com/ai-gateway/models/qwen3.5-plus agrees: 1M, vision, tools, reasoning); qwen3.5-flash shares the 1M window and image input (vercel.com FAQ)',
    unconfirmed: 'qwen3.5-flash output limit (taken as qwen3.5-plus\'s); open-weight qwen3.5 sizes: 262,144 tokens from inference.readthedocs.io, not a Model Studio page',
  },
  qwen36: {
    url: 'https://vercel.com/ai-gateway/models/qwen3.6-plus',
    checked: CHECKED,
    confirmed: 'qwen3.6-plus reads images, 1M-token context, tools, reasoning (a gateway page; no Model Studio page on it was found)',
    unconfirmed: 'every qwen3.6 value on an Alibaba Cloud page; qwen3.6-flash entirely (taken as qwen3.6-plus\'s); output limits',
  },
  qwen3: {
    url: 'https://www.alibabacloud.com/help/en/model-studio/models',
    checked: CHECKED,
    confirmed: 'qwen3-max, open-weight qwen3 windows as the project had them',
    unconfirmed: 'not re-read on 2026-12-03: the page was not in the stored copies',
  },
  qwen3vl: {
    url: 'https://www.alibabacloud.com/help/en/model-studio/vision',
    checked: CHECKED,
    confirmed: 'qwen3-vl-plus and -flash: text, image and video in, thinking switch, tools, 256K context, 32K output (a copy of Model Studio\'s model card, "Maas-Model-platform" parsed_json)',
  },
  omni: {
    url: 'https://www.alibabacloud.com/help/en/model-studio/qwen-omni',
    checked: CHECKED,
    confirmed: 'qwen3.5-omni-plus and qwen3-omni-flash take text with images, audio or video and answer only as a stream (page last updated 2026-09-18)',
    unconfirmed: 'qwen3.5-omni context window and output limit (kept at qwen3-omni\'s 65,536); whether qwen3.5-omni thinks',
  },
  coder: {
    url: 'https://www.alibabacloud.com/help/en/model-studio/qwen-coder',
    checked: CHECKED,
    confirmed: 'qwen3-coder-next and qwen3-coder-plus exist and call tools (page last updated 2026-03-31); the open model has 256K native context',
    unconfirmed: 'the hosted models\' 1M window (kept at 262,144 so the meter warns early)',
  },
  qwenLegacy: {
    url: 'https://www.alibabacloud.com/help/en/model-studio/models',
    checked: CHECKED,
    confirmed: 'qwen-flash: 1M context, 32K output (a copy of the model card); the other commercial and QwQ/QVQ/VL windows as the project had them',
    unconfirmed: 'qwen-max, qwen-plus, qwen-turbo, qwen-long, qwen-vl, qwq, qvq not re-read on 2026-12-03',
  },
  thirdParty: {
    url: 'https://www.alibabacloud.com/help/en/model-studio/text-generation',
    checked: CHECKED,
    confirmed: 'DeepSeek, Kimi, GLM and MiniMax models are served through the same chat endpoint',
    unconfirmed: 'their context windows and thinking (conservative values)',
  },
  qwenImage: {
    url: 'https://www.alibabacloud.com/help/en/model-studio/qwen-image-edit',
    checked: CHECKED,
    confirmed: 'qwen-image-2.0 and -pro generate and edit, 1–6 images, total pixels 512*512 to 2048*2048; qwen-image-edit-max: 1–6 images, each side 512–2048 (page last updated 2026-03-03); qwen-image/-plus/-max five sizes (API notes §6.1)',
  },
  qwenImage3: {
    url: 'https://help.aliyun.com/en/model-studio/token-plan-image-generation',
    checked: CHECKED,
    confirmed: 'qwen-image-3.0-pro generates from text and from images on the synchronous multimodal-generation endpoint; 1024*1024 is the size the page\'s example uses',
    unconfirmed: 'its size range and image count (taken as qwen-image-2.0-pro\'s: 512*512 to 2048*2048 pixels, up to 6); whether pay-as-you-go hosts serve it',
  },
  zImage: {
    url: 'https://www.alibabacloud.com/help/en/model-studio/z-image-api-reference',
    checked: CHECKED,
    confirmed: 'z-image-turbo: synchronous multimodal-generation, total pixels 512*512 to 2048*2048, one image per request (page last updated 2026-03-15)',
  },
  wanImage: {
    url: 'https://www.alibabacloud.com/help/en/model-studio/wan-image-generation-and-editing-api-reference',
    checked: CHECKED,
    confirmed: 'wan2.7-image and wan2.7-image-pro; -pro makes 4K text-to-image (page last updated 2026-11-20); `thinking_mode` (bool) seen in a real wan2.7-image-pro call (API notes §6.2)',
    unconfirmed: 'which sizes wan2.7-image takes beyond 1K and 2K',
  },
  wanLegacyImage: {
    url: 'https://www.alibabacloud.com/help/en/document_detail/2862677.html',
    checked: CHECKED,
    confirmed: 'Wan 2.x text-to-image and image editing as in the API notes §6.3',
    unconfirmed: 'not re-read on 2026-12-03',
  },
  wanVideo: {
    url: 'https://www.alibabacloud.com/help/doc-detail/2865250.html',
    checked: CHECKED,
    confirmed: `wan2.7 t2v/i2v/r2v/videoedit: 720P/1080P, ratios, 2–15 s, inputs in media[] (${API_NOTES} §7)`,
    unconfirmed: 'not re-read on 2026-12-03; older wan sizes disagree between sources (§7.3)',
  },
  happyHorse: {
    url: 'https://docs.comfy.org/zh/built-in-nodes/HappyHorseTextToVideoApi',
    checked: CHECKED,
    confirmed: `happyhorse-1.0-t2v: 720P/1080P, 3–15 s (a partner's page; ${API_NOTES} §7.3 quotes the Model Studio reference the same way)`,
    unconfirmed: 'no Model Studio page for HappyHorse was in the stored copies',
  },
  qwenTts: {
    url: 'https://www.alibabacloud.com/help/en/model-studio/qwen-tts',
    checked: CHECKED,
    confirmed: 'qwen3-tts-flash: 49 voices, 600 characters per request, CJK characters bill double, USD 0.10 per 10,000 characters (International; Beijing USD 0.114682), WAV at a URL valid 24 h or streamed base64 PCM with the URL last (page last updated 2026-01-06; docs.qwencloud.com TTS guide); qwen3-tts-instruct-flash takes `instructions` and `optimize_instructions` (qwen-tts-api page, 2026-03-15); voice ids from the Qwen3-TTS demo and partners\' copies of the request schema',
    unconfirmed: 'the voices\' one-line descriptions (paraphrased from the voice list as partners quote it); qwen3-tts-instruct-flash price and its full voice list; any format but WAV/PCM over HTTP',
  },
  cosyVoice: {
    url: 'https://www.alibabacloud.com/help/en/model-studio/cosyvoice-websocket-api',
    checked: CHECKED,
    confirmed: 'CosyVoice answers only over WebSocket ("does not support HTTP REST APIs"); cosyvoice-v3-plus USD 0.286706 and cosyvoice-v3-flash USD 0.14335 per 10,000 characters; 20,000 characters per continue-task; PCM, WAV, MP3, Opus output (real-time speech synthesis guide, 2026-05-12)',
    unconfirmed: 'the voice ids listed (kept to three well-known ones, the panel cannot call CosyVoice)',
  },
  fileAsr: {
    url: 'https://www.alibabacloud.com/help/en/model-studio/recording-file-recognition',
    checked: CHECKED,
    confirmed: 'fun-asr, fun-asr-mtl, paraformer-v2 (Beijing): files up to 12 h and 2 GB, up to 100 file_urls, language_hints, speaker diarization, sentence and word timestamps (page last updated 2026-02-09; the API reference\'s request body in /work/shared/seeds)',
    unconfirmed: 'their per-second prices (none shown in the stored copies, so no estimate); which language_hints fun-asr takes beyond zh, en, ja',
  },
  qwenAsr: {
    url: 'https://www.alibabacloud.com/help/en/model-studio/qwen-speech-recognition',
    checked: CHECKED,
    confirmed: 'qwen3-asr-flash: synchronous on multimodal-generation, clips up to 5 minutes, audio as a URL or a data: URL up to 10 MB, `asr_options.language` (one language) and `enable_itn`, text only; USD 0.000035 per second (openrouter.ai quoting the International price)',
    unconfirmed: 'the price on a Model Studio page; qwen3-asr-flash-filetrans\'s task result shape (left out of the panel)',
  },
  videoPrices: {
    url: 'https://docs.crazyrouter.com/video/wan',
    checked: '2026-12-01',
    confirmed: 'a reseller\'s page quoting Model Studio\'s official per-second prices, Beijing region, in CNY; models without a published price are left out',
  },
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;
