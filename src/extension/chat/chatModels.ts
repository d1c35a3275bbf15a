import type { ModelChoice } from '../../shared/protocol/chat';

const CHAT = /^(qwen|qwq|qvq|deepseek|kimi|glm|moonshot)/;
const NOT_CHAT = /image|tts|asr|embedding|paraformer|wan\d|^fun-|-mt-|realtime|livetranslate|rerank|ocr/;
const VISION = /vl|qvq|omni/;
const ALWAYS_THINKS = /^(qwq|qvq)|thinking|deepseek-r1/;
const NEVER_THINKS = /coder|instruct|-mt|^qwen-(max|long|vl)|^qwen2/;
const OPTIONAL_THINKING = /^qwen3|^qwen-(plus|flash|turbo)|^deepseek-v3\.[12]/;

/**
 * Context windows in tokens of known models, longest prefix first wins. Values are the smallest the
 * family's snapshots offer, so the meter warns early rather than late.
 */
const CONTEXT_WINDOWS: readonly (readonly [string, number])[] = [
  ['qwen3-max', 262_144],
  ['qwen3-coder', 262_144],
  ['qwen3-vl', 262_144],
  ['qwen3-omni', 65_536],
  ['qwen3-', 131_072],
  ['qwen-max', 32_768],
  ['qwen-plus', 131_072],
  ['qwen-flash', 1_000_000],
  ['qwen-turbo', 131_072],
  ['qwen-long', 10_000_000],
  ['qwen-vl', 131_072],
  ['qwq', 131_072],
  ['qvq', 131_072],
  ['deepseek', 65_536],
];
/** For models the table does not know. */
export const DEFAULT_CONTEXT_WINDOW = 32_768;

/** Offered when the account's model list cannot be fetched. */
export const FALLBACK_MODELS = ['qwen-plus', 'qwen-max', 'qwen-flash', 'qwen3-max', 'qwen3-coder-plus', 'qwen-vl-plus', 'qwq-plus'];

export function contextWindowOf(model: string): number {
  let best: readonly [string, number] | undefined;
  for (const entry of CONTEXT_WINDOWS) {
    if (model.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1] ?? DEFAULT_CONTEXT_WINDOW;
}

export const isChatModel = (model: string) => CHAT.test(model) && !NOT_CHAT.test(model);

export function describeModel(model: string): ModelChoice {
  const thinking = ALWAYS_THINKS.test(model) ? 'always' : NEVER_THINKS.test(model) ? 'never' : OPTIONAL_THINKING.test(model) ? 'optional' : 'never';
  return { id: model, vision: VISION.test(model), thinking, contextWindow: contextWindowOf(model) };
}

/** The chat models of an account's model list, the preferred ones first, then by name. */
export function chatModelChoices(ids: readonly string[], preferred: readonly string[]): ModelChoice[] {
  const rank = (id: string) => {
    const index = preferred.indexOf(id);
    return index < 0 ? preferred.length : index;
  };
  return [...new Set(ids)]
    .filter(isChatModel)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map(describeModel);
}
