/** What one call used, in the units DashScope bills by; a field is absent when the response did not report it. */
export interface UsageFigures {
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  /** Input tokens served from the context cache (part of `inputTokens`). */
  readonly cachedTokens?: number;
  /** Output tokens spent thinking (part of `outputTokens`). */
  readonly reasoningTokens?: number;
  readonly images?: number;
  readonly videoSeconds?: number;
  readonly audioCharacters?: number;
  readonly audioSeconds?: number;
}

export const FIGURE_NAMES = ['inputTokens', 'outputTokens', 'cachedTokens', 'reasoningTokens', 'images', 'videoSeconds', 'audioCharacters', 'audioSeconds'] as const satisfies readonly (keyof UsageFigures)[];

/** Larger than any real count: a value above it is a hostile or broken response, not usage. */
const MAX_FIGURE = 1e12;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A count when the value is one (a finite, non-negative number within reason), else undefined. */
export function countOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_FIGURE ? value : undefined;
}

function first(source: Record<string, unknown>, names: readonly string[]): number | undefined {
  for (const name of names) {
    const count = countOf(source[name]);
    if (count !== undefined) return count;
  }
  return undefined;
}

/**
 * The figures of a response's `usage`, in either shape the service sends: compatible mode (`prompt_tokens`,
 * `completion_tokens`, `*_details`) or native (`input_tokens`, `output_tokens`, `image_count`, `duration`, …).
 * Only the fields it reads are looked at, so the work is bounded whatever the object holds.
 */
export function usageFigures(raw: unknown): UsageFigures {
  if (!isObject(raw)) return {};
  const inputDetails = isObject(raw.prompt_tokens_details) ? raw.prompt_tokens_details : isObject(raw.input_tokens_details) ? raw.input_tokens_details : {};
  const outputDetails = isObject(raw.completion_tokens_details) ? raw.completion_tokens_details : isObject(raw.output_tokens_details) ? raw.output_tokens_details : {};
  const figures: Record<string, number | undefined> = {
    inputTokens: first(raw, ['prompt_tokens', 'input_tokens']),
    outputTokens: first(raw, ['completion_tokens', 'output_tokens']),
    cachedTokens: first(inputDetails, ['cached_tokens']) ?? first(raw, ['cached_tokens']),
    reasoningTokens: first(outputDetails, ['reasoning_tokens']) ?? first(raw, ['reasoning_tokens']),
    images: first(raw, ['image_count']),
    videoSeconds: first(raw, ['output_video_duration', 'video_duration']) ?? (first(raw, ['video_count']) !== undefined ? first(raw, ['duration']) : undefined),
    audioCharacters: first(raw, ['characters']),
    // File transcription reports the audio's length as `duration` (seconds) with no video fields.
    audioSeconds: first(raw, ['video_count', 'video_duration', 'output_video_duration']) === undefined ? first(raw, ['duration', 'audio_duration']) : undefined,
  };
  return Object.fromEntries(Object.entries(figures).filter(([, value]) => value !== undefined)) as UsageFigures;
}

/** The sum of two sets of figures; a field is present when either has it. */
export function addFigures(a: UsageFigures, b: UsageFigures): UsageFigures {
  const sum: Partial<Record<keyof UsageFigures, number>> = {};
  for (const name of FIGURE_NAMES) {
    if (a[name] !== undefined || b[name] !== undefined) sum[name] = (a[name] ?? 0) + (b[name] ?? 0);
  }
  return sum;
}
