import type { ChatEntry, Thinking } from './types';
import type { SourceId } from './sources';

interface Spec {
  readonly vision?: boolean;
  readonly audio?: boolean;
  readonly thinking: Thinking;
  readonly tools?: boolean;
  readonly prefix?: boolean;
  readonly context: number;
  readonly output: number;
  readonly source: SourceId;
}

const K = 1024;
const chat = (id: string, spec: Spec, en: string, zh: string): ChatEntry => ({
  kind: 'chat',
  id,
  ...(spec.prefix ? { prefix: true } : {}),
  vision: spec.vision ?? false,
  audio: spec.audio ?? false,
  thinking: spec.thinking,
  tools: spec.tools ?? true,
  contextWindow: spec.context,
  maxOutput: spec.output,
  description: { en, 'zh-cn': zh },
  source: spec.source,
});

const qwen35 = { vision: true, thinking: 'optional', context: 1_000_000, output: 64 * K, source: 'qwen35' } as const;
const qwen36 = { ...qwen35, source: 'qwen36' } as const;
const qwen3vl = { vision: true, thinking: 'optional', context: 256 * K, output: 32 * K, source: 'qwen3vl' } as const;
const omni = { vision: true, audio: true, context: 64 * K, output: 16 * K, source: 'omni' } as const;
const coder = { thinking: 'never', context: 256 * K, output: 64 * K, source: 'coder' } as const;
const legacy = { source: 'qwenLegacy' } as const;
const other = { source: 'thirdParty' } as const;

/** The chat models, newest families first (the order the picker falls back to). */
export const CHAT_MODELS: readonly ChatEntry[] = [
  chat('qwen3.6-plus', qwen36, 'Qwen3.6 Plus: reads images, 1M context, thinking switch', 'Qwen3.6 Plus：可读图片，100 万上下文，可开关思考'),
  chat('qwen3.6-flash', qwen36, 'Qwen3.6 Flash: fast, reads images, 1M context', 'Qwen3.6 Flash：速度快，可读图片，100 万上下文'),
  chat('qwen3.6', { ...qwen36, prefix: true, context: 256 * K, output: 32 * K }, 'Qwen3.6 open-weight model, reads images', 'Qwen3.6 开源模型，可读图片'),
  chat('qwen3.5-plus', qwen35, 'Qwen3.5 Plus: reads images, 1M context, thinking switch', 'Qwen3.5 Plus：可读图片，100 万上下文，可开关思考'),
  chat('qwen3.5-flash', qwen35, 'Qwen3.5 Flash: fast, reads images, 1M context', 'Qwen3.5 Flash：速度快，可读图片，100 万上下文'),
  chat('qwen3.5', { ...qwen35, prefix: true, context: 256 * K, output: 32 * K }, 'Qwen3.5 open-weight model, reads images', 'Qwen3.5 开源模型，可读图片'),
  chat('qwen3.5-omni-plus', { ...omni, thinking: 'never' }, 'Qwen3.5 Omni Plus: text, images, audio and video in', 'Qwen3.5 Omni Plus：可输入文本、图片、音频和视频'),
  chat('qwen3.5-omni-flash', { ...omni, thinking: 'never' }, 'Qwen3.5 Omni Flash: fast omni-modal model', 'Qwen3.5 Omni Flash：快速全模态模型'),
  chat('qwen3-omni-flash', { ...omni, thinking: 'optional' }, 'Qwen3 Omni Flash: text, images, audio and video in', 'Qwen3 Omni Flash：可输入文本、图片、音频和视频'),
  chat('qwen-omni-turbo', { ...omni, thinking: 'never', context: 32 * K, output: 2 * K }, 'Qwen Omni Turbo (earlier omni-modal model)', 'Qwen Omni Turbo（早期全模态模型）'),
  chat('qwen3-max', { thinking: 'optional', context: 256 * K, output: 64 * K, source: 'qwen3' }, 'Qwen3 Max: the most capable text model', 'Qwen3 Max：能力最强的文本模型'),
  chat('qwen3-vl-plus', qwen3vl, 'Qwen3 VL Plus: images and video, thinking switch', 'Qwen3 VL Plus：图片与视频理解，可开关思考'),
  chat('qwen3-vl-flash', qwen3vl, 'Qwen3 VL Flash: fast image and video understanding', 'Qwen3 VL Flash：快速图片与视频理解'),
  chat('qwen3-vl', { ...qwen3vl, prefix: true }, 'Qwen3 VL open-weight vision model', 'Qwen3 VL 开源视觉模型'),
  chat('qwen3-coder-plus', coder, 'Qwen3 Coder Plus: agentic coding and tool calls', 'Qwen3 Coder Plus：智能体编程与工具调用'),
  chat('qwen3-coder-flash', coder, 'Qwen3 Coder Flash: fast coding model', 'Qwen3 Coder Flash：快速编程模型'),
  chat('qwen3-coder-next', coder, 'Qwen3 Coder Next: the newest coding model', 'Qwen3 Coder Next：最新编程模型'),
  chat('qwen3-coder', { ...coder, prefix: true }, 'Qwen3 Coder open-weight model', 'Qwen3 Coder 开源模型'),
  chat('qwen3', { thinking: 'optional', prefix: true, context: 128 * K, output: 32 * K, source: 'qwen3' }, 'Qwen3 open-weight model', 'Qwen3 开源模型'),
  chat('qwen-max', { ...legacy, thinking: 'never', context: 32 * K, output: 8 * K }, 'Qwen Max (Qwen2.5 generation)', 'Qwen Max（Qwen2.5 代）'),
  chat('qwen-plus', { ...legacy, thinking: 'optional', context: 128 * K, output: 32 * K }, 'Qwen Plus: balanced cost and quality', 'Qwen Plus：成本与效果均衡'),
  chat('qwen-flash', { ...legacy, thinking: 'optional', context: 1_000_000, output: 32 * K }, 'Qwen Flash: fast and cheap, 1M context', 'Qwen Flash：快速低价，100 万上下文'),
  chat('qwen-turbo', { ...legacy, thinking: 'optional', context: 128 * K, output: 16 * K }, 'Qwen Turbo (succeeded by Qwen Flash)', 'Qwen Turbo（已由 Qwen Flash 接替）'),
  chat('qwen-long', { ...legacy, thinking: 'never', tools: false, context: 10_000_000, output: 32 * K }, 'Qwen Long: very long documents', 'Qwen Long：超长文档'),
  chat('qwen-plus-character', { ...legacy, thinking: 'never', tools: false, context: 32 * K, output: 4 * K }, 'Qwen Plus Character: role play', 'Qwen Plus Character：角色扮演'),
  chat('qwen-flash-character', { ...legacy, thinking: 'never', tools: false, context: 32 * K, output: 4 * K }, 'Qwen Flash Character: fast role play', 'Qwen Flash Character：快速角色扮演'),
  chat('qwen-math', { ...legacy, prefix: true, thinking: 'never', tools: false, context: 4 * K, output: 3 * K }, 'Qwen Math: mathematics', 'Qwen Math：数学'),
  chat('qwen-vl-max', { ...legacy, vision: true, thinking: 'never', tools: false, context: 128 * K, output: 8 * K }, 'Qwen VL Max (Qwen2.5 vision)', 'Qwen VL Max（Qwen2.5 视觉）'),
  chat('qwen-vl-plus', { ...legacy, vision: true, thinking: 'never', tools: false, context: 128 * K, output: 8 * K }, 'Qwen VL Plus (Qwen2.5 vision)', 'Qwen VL Plus（Qwen2.5 视觉）'),
  chat('qwq-plus', { ...legacy, thinking: 'always', context: 128 * K, output: 8 * K }, 'QwQ Plus: always reasons first', 'QwQ Plus：先推理再回答'),
  chat('qwq', { ...legacy, prefix: true, thinking: 'always', context: 128 * K, output: 8 * K }, 'QwQ open-weight reasoning model', 'QwQ 开源推理模型'),
  chat('qvq-max', { ...legacy, vision: true, thinking: 'always', tools: false, context: 128 * K, output: 8 * K }, 'QVQ Max: visual reasoning', 'QVQ Max：视觉推理'),
  chat('qvq-plus', { ...legacy, vision: true, thinking: 'always', tools: false, context: 128 * K, output: 8 * K }, 'QVQ Plus: visual reasoning', 'QVQ Plus：视觉推理'),
  chat('qwen2.5-vl', { ...legacy, prefix: true, vision: true, thinking: 'never', tools: false, context: 128 * K, output: 8 * K }, 'Qwen2.5 VL open-weight vision model', 'Qwen2.5 VL 开源视觉模型'),
  chat('qwen2.5', { ...legacy, prefix: true, thinking: 'never', context: 128 * K, output: 8 * K }, 'Qwen2.5 open-weight model', 'Qwen2.5 开源模型'),
  chat('deepseek-r1', { ...other, prefix: true, thinking: 'always', tools: false, context: 64 * K, output: 8 * K }, 'DeepSeek R1: always reasons first', 'DeepSeek R1：先推理再回答'),
  chat('deepseek-v3.2', { ...other, thinking: 'optional', context: 128 * K, output: 64 * K }, 'DeepSeek V3.2, thinking switch', 'DeepSeek V3.2，可开关思考'),
  chat('deepseek', { ...other, prefix: true, thinking: 'never', context: 64 * K, output: 8 * K }, 'DeepSeek model', 'DeepSeek 模型'),
  chat('kimi-k2-thinking', { ...other, thinking: 'always', context: 256 * K, output: 16 * K }, 'Kimi K2 Thinking: always reasons first', 'Kimi K2 Thinking：先推理再回答'),
  chat('kimi', { ...other, prefix: true, thinking: 'never', context: 128 * K, output: 8 * K }, 'Kimi model (Moonshot)', 'Kimi 模型（月之暗面）'),
  chat('moonshot', { ...other, prefix: true, thinking: 'never', context: 128 * K, output: 8 * K }, 'Kimi model (Moonshot)', 'Kimi 模型（月之暗面）'),
  chat('glm', { ...other, prefix: true, thinking: 'optional', context: 128 * K, output: 16 * K }, 'GLM model (Zhipu)', 'GLM 模型（智谱）'),
  chat('minimax', { ...other, prefix: true, thinking: 'always', context: 192 * K, output: 32 * K }, 'MiniMax model', 'MiniMax 模型'),
];
