import type { SourceId } from './sources';
import type { Description } from './types';

/** A system voice: its id as the API takes it and a one-line description. */
export interface Voice {
  readonly id: string;
  readonly description: Description;
}

/**
 * How a TTS model is reached: `http` is `multimodal-generation/generation` (plain, or SSE with PCM chunks);
 * `websocket` models (CosyVoice) answer only on the WebSocket inference endpoint, which this extension does not speak.
 */
export type TtsRoute = 'http' | 'websocket';

export interface TtsEntry {
  readonly kind: 'tts';
  readonly id: string;
  readonly route: TtsRoute;
  /** Takes `instructions` (and `optimize_instructions`): a natural-language style direction. */
  readonly instruct: boolean;
  readonly voices: readonly Voice[];
  /** `language_type` values; `Auto` lets the model decide. */
  readonly languages: readonly string[];
  /** What the HTTP route returns: WAV at a URL, PCM (24 kHz, 16-bit mono) chunks when streamed. */
  readonly formats: readonly string[];
  /** Billable characters per request (a CJK character counts two). */
  readonly maxCharacters: number;
  /** Price per 10,000 billable characters, in `SPEECH_PRICES.currency`. */
  readonly per10kCharacters?: number;
  readonly description: Description;
  readonly source: SourceId;
}

/** `task`: file transcription (`audio/asr/transcription`, async); `sync`: a short clip on `multimodal-generation`. */
export type AsrMode = 'task' | 'sync';

export interface AsrEntry {
  readonly kind: 'asr';
  readonly id: string;
  readonly mode: AsrMode;
  /** Files per request (`file_urls`); 1 for the synchronous model. */
  readonly maxFiles: number;
  /** `language_hints` (task) or `asr_options.language` (sync) values; empty when the model takes none. */
  readonly languages: readonly string[];
  /** Takes `diarization_enabled` (and `speaker_count`). */
  readonly diarization: boolean;
  /** The result has sentence (and word) begin/end times, so subtitles can be made from it. */
  readonly timestamps: boolean;
  /** Longest clip in seconds (synchronous model), else undefined. */
  readonly maxSeconds?: number;
  /** Price per second of audio, in `SPEECH_PRICES.currency`. */
  readonly perSecond?: number;
  readonly description: Description;
  readonly source: SourceId;
}

const voice = (id: string, en: string, zh: string): Voice => ({ id, description: { en, 'zh-cn': zh } });

const QWEN_VOICES: readonly Voice[] = [
  voice('Cherry', 'Cherry: sunny, friendly young woman', 'Cherry 芊悦：阳光积极、亲切自然的小姐姐'),
  voice('Serena', 'Serena: gentle, soft-spoken woman', 'Serena 苏瑶：温柔小姐姐'),
  voice('Ethan', 'Ethan: warm, energetic young man with a northern accent', 'Ethan 晨煦：阳光温暖、带北方口音的男声'),
  voice('Chelsie', 'Chelsie: anime-style virtual girlfriend', 'Chelsie 千雪：二次元虚拟女友'),
  voice('Momo', 'Momo: playful and cute', 'Momo 茉兔：撒娇搞怪'),
  voice('Vivian', 'Vivian: cool, a little grumpy and cute', 'Vivian 十三：拽拽的、可爱的小暴躁'),
  voice('Moon', 'Moon: easy-going and dashing man', 'Moon 月白：率性帅气'),
  voice('Maia', 'Maia: intellectual and gentle woman', 'Maia 四月：知性与温柔'),
  voice('Kai', 'Kai: calm, soothing male voice', 'Kai 凯：舒缓的男声'),
  voice('Nofish', 'Nofish: designer who cannot roll his r\'s', 'Nofish 不吃鱼：不会翘舌音的设计师'),
  voice('Bella', 'Bella: little girl', 'Bella 萌宝：小萝莉'),
  voice('Jennifer', 'Jennifer: cinematic American English female voice', 'Jennifer 詹妮弗：电影质感的美式英语女声'),
  voice('Ryan', 'Ryan: rhythmic, dramatic male voice', 'Ryan 甜茶：节奏感强、戏感十足'),
  voice('Katerina', 'Katerina: mature woman with a lingering cadence', 'Katerina 卡捷琳娜：御姐音色，韵律十足'),
  voice('Elias', 'Elias: lecturer, rigorous and story-telling', 'Elias 墨讲师：严谨又会讲故事的讲师'),
  voice('Dylan', 'Dylan: Beijing dialect, a boy from the hutongs', 'Dylan 北京-晓东：胡同里长大的少年'),
  voice('Jada', 'Jada: Shanghainese, brisk big sister', 'Jada 上海-阿珍：风风火火的沪上阿姐'),
  voice('Sunny', 'Sunny: Sichuanese, sweet young woman', 'Sunny 四川-晴儿：甜到心里的川妹子'),
  voice('Eric', 'Eric: Sichuanese, lively Chengdu man', 'Eric 四川-程川：跳脱市井的成都男子'),
  voice('Marcus', 'Marcus: Shaanxi dialect, steady deep voice', 'Marcus 陕西-秦川：心实声沉'),
  voice('Roy', 'Roy: Minnan, witty and straightforward', 'Roy 闽南-阿杰：诙谐直爽'),
  voice('Peter', 'Peter: Tianjin dialect, crosstalk straight man', 'Peter 天津-李彼得：天津相声捧哏'),
  voice('Rocky', 'Rocky: Cantonese, humorous man', 'Rocky 粤语-阿强：幽默风趣'),
  voice('Kiki', 'Kiki: Cantonese, sweet best friend', 'Kiki 粤语-阿清：甜美的港妹闺蜜'),
];

/** The instruct model's system voices, as a partner's copy of its request schema lists them (those described above). */
const INSTRUCT_VOICE_IDS = new Set(['Cherry', 'Serena', 'Ethan', 'Chelsie', 'Momo', 'Vivian', 'Moon', 'Maia', 'Kai', 'Nofish', 'Bella', 'Elias']);

const QWEN_LANGUAGES = ['Auto', 'Chinese', 'English', 'German', 'Italian', 'Portuguese', 'Spanish', 'Japanese', 'Korean', 'French', 'Russian'];

const COSYVOICE_VOICES: readonly Voice[] = [
  voice('longxiaochun_v2', 'Longxiaochun: intellectual, positive woman', 'Longxiaochun 龙小淳：知性积极的女声'),
  voice('longxiaoxia_v2', 'Longxiaoxia: calm, authoritative woman', 'Longxiaoxia 龙小夏：沉稳权威的女声'),
  voice('longcheng_v2', 'Longcheng: smart young man', 'Longcheng 龙橙：智慧青年男声'),
];

const tts = (id: string, spec: Omit<TtsEntry, 'kind' | 'id' | 'description'>, en: string, zh: string): TtsEntry => ({ kind: 'tts', id, ...spec, description: { en, 'zh-cn': zh } });
const cosyvoice = (id: string, per10kCharacters: number, en: string, zh: string) => tts(id, {
  route: 'websocket', instruct: false, voices: COSYVOICE_VOICES, languages: ['Chinese', 'English'], formats: ['wav', 'mp3', 'pcm', 'opus'], maxCharacters: 20_000, per10kCharacters, source: 'cosyVoice',
}, en, zh);

/** The speech synthesis models, in the order the Speech panel lists them. */
export const TTS_MODELS: readonly TtsEntry[] = [
  tts('qwen3-tts-flash', { route: 'http', instruct: false, voices: QWEN_VOICES, languages: QWEN_LANGUAGES, formats: ['wav'], maxCharacters: 600, per10kCharacters: 0.1, source: 'qwenTts' },
    'Qwen3 TTS Flash: 49 voices, 10 languages and Chinese dialects, streamed', '千问3 TTS Flash：49 种音色，10 种语言及方言，可流式播放'),
  tts('qwen3-tts-instruct-flash', { route: 'http', instruct: true, voices: QWEN_VOICES.filter((entry) => INSTRUCT_VOICE_IDS.has(entry.id)), languages: QWEN_LANGUAGES, formats: ['wav'], maxCharacters: 600, source: 'qwenTts' },
    'Qwen3 TTS Instruct Flash: speed, emotion and character from an instruction', '千问3 TTS Instruct Flash：用指令控制语速、情感和角色'),
  cosyvoice('cosyvoice-v3-flash', 0.14335, 'CosyVoice v3 Flash: WebSocket only', 'CosyVoice v3 Flash：仅 WebSocket'),
  cosyvoice('cosyvoice-v3-plus', 0.286706, 'CosyVoice v3 Plus: WebSocket only', 'CosyVoice v3 Plus：仅 WebSocket'),
];

const FUN_ASR_LANGUAGES = ['zh', 'en', 'ja'];
const PARAFORMER_LANGUAGES = ['zh', 'en', 'ja', 'yue', 'ko', 'de', 'fr', 'ru'];
const QWEN_ASR_LANGUAGES = ['zh', 'yue', 'en', 'ja', 'de', 'ko', 'ru', 'fr', 'pt', 'ar', 'it', 'es'];

const asr = (id: string, spec: Omit<AsrEntry, 'kind' | 'id' | 'description'>, en: string, zh: string): AsrEntry => ({ kind: 'asr', id, ...spec, description: { en, 'zh-cn': zh } });
const fileTask = { mode: 'task', maxFiles: 100, diarization: true, timestamps: true, source: 'fileAsr' } as const;

/** The speech recognition models, file transcription first. */
export const ASR_MODELS: readonly AsrEntry[] = [
  asr('fun-asr', { ...fileTask, languages: FUN_ASR_LANGUAGES }, 'Fun-ASR: files up to 12 h, Chinese dialects, singing, speakers and timestamps', 'Fun-ASR：最长 12 小时的文件，方言、歌唱、说话人与时间戳'),
  asr('fun-asr-mtl', { ...fileTask, languages: [] }, 'Fun-ASR MTL: multilingual files, speakers and timestamps', 'Fun-ASR MTL：多语种文件，说话人与时间戳'),
  asr('paraformer-v2', { ...fileTask, languages: PARAFORMER_LANGUAGES }, 'Paraformer v2: multilingual files (Beijing region), speakers and timestamps', 'Paraformer v2：多语种文件（北京地域），说话人与时间戳'),
  asr('qwen3-asr-flash', { mode: 'sync', maxFiles: 1, languages: QWEN_ASR_LANGUAGES, diarization: false, timestamps: false, maxSeconds: 300, perSecond: 0.000035, source: 'qwenAsr' },
    'Qwen3 ASR Flash: a clip up to 5 minutes, answered at once (text, no timestamps)', '千问3 ASR Flash：5 分钟以内的片段，立即返回（纯文本，无时间戳）'),
];
