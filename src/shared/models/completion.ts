/**
 * DashScope's code completion facts, checked 2026-12-03 against Model Studio's documentation:
 * - "OpenAI compatible – Completions" (help.aliyun.com / alibabacloud.com model-studio/completions, updated
 *   2025-11-11): `POST /compatible-mode/v1/completions` fills in the middle from a prefix and a suffix with
 *   the prompt `<|fim_prefix|>{prefix}<|fim_suffix|>{suffix}<|fim_middle|>`; China (Beijing) region only;
 *   models qwen2.5-coder-{0.5b,1.5b,3b,7b,14b,32b}-instruct and qwen-coder-turbo(-latest, -0919) (the newest
 *   English page lists qwen-coder-turbo alone). Generating before a suffix alone is not supported.
 * - "Partial mode" (model-studio/partial-mode, updated 2026-03-15): elsewhere, a chat model continues a prefix
 *   given as a last assistant message with `"partial": true`; among the supported models are qwen3-coder-plus,
 *   qwen3-coder-flash, qwen3-max, qwen-plus, qwen-flash and qwen-turbo (non-thinking mode).
 */

/** Regions whose compatible-mode endpoint serves `/completions` (fill in the middle). */
export const FIM_REGIONS: readonly string[] = ['cn'];

/** Models the completions endpoint accepts. */
export const FIM_MODELS: readonly string[] = [
  'qwen-coder-turbo', 'qwen-coder-turbo-latest', 'qwen-coder-turbo-0919',
  'qwen2.5-coder-0.5b-instruct', 'qwen2.5-coder-1.5b-instruct', 'qwen2.5-coder-3b-instruct',
  'qwen2.5-coder-7b-instruct', 'qwen2.5-coder-14b-instruct', 'qwen2.5-coder-32b-instruct',
];

/** Model families that continue a partial assistant message (snapshots of these included). */
export const PARTIAL_MODE_FAMILIES: readonly string[] = [
  'qwen3-coder-plus', 'qwen3-coder-flash', 'qwen3-coder-480b-a35b-instruct', 'qwen3-coder-30b-a3b-instruct',
  'qwen3-max', 'qwen-max', 'qwen-plus', 'qwen-flash', 'qwen-turbo',
];

/** The defaults: the completions endpoint where it exists, a fast coder in partial mode elsewhere. */
export const DEFAULT_FIM_MODEL = 'qwen-coder-turbo';
export const DEFAULT_PARTIAL_MODEL = 'qwen3-coder-flash';

export type CompletionRoute = { readonly mode: 'fim'; readonly model: string } | { readonly mode: 'partial'; readonly model: string };

/**
 * How to complete code in a region with a chosen model (empty: the region's default), or undefined when
 * the model offers neither route there.
 */
export function completionRoute(region: string, chosen: string): CompletionRoute | undefined {
  const fim = FIM_REGIONS.includes(region);
  const model = chosen || (fim ? DEFAULT_FIM_MODEL : DEFAULT_PARTIAL_MODEL);
  if (fim && FIM_MODELS.includes(model)) return { mode: 'fim', model };
  if (PARTIAL_MODE_FAMILIES.some((family) => model === family || model.startsWith(`${family}-`))) return { mode: 'partial', model };
  return undefined;
}

/** The fill-in-the-middle prompt of Qwen coder models. */
export const fimPrompt = (prefix: string, suffix: string) => `<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`;
