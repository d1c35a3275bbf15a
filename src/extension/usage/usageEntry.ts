import * as z from 'zod/mini';
import { countOf, FIGURE_NAMES, type UsageFigures } from './usageFigures';

export const USAGE_KINDS = ['chat', 'languageModel', 'image', 'video', 'speech', 'transcription', 'other'] as const;
export type UsageKind = (typeof USAGE_KINDS)[number];

/** One call in the ledger: what was used, never what was asked. */
export interface UsageEntry {
  /** The request or task id, when known: a task saved twice (a retry, another window) counts once. */
  readonly id?: string;
  /** Milliseconds since the epoch. */
  readonly time: number;
  readonly model: string;
  readonly kind: UsageKind;
  readonly usage: UsageFigures;
  readonly cost?: { readonly amount: number; readonly currency: string; readonly priceDate: string };
}

const MAX_TEXT = 200;
const text = z.string().check(z.minLength(1), z.maxLength(MAX_TEXT));
const count = z.number().check(z.refine((value) => countOf(value) !== undefined));

const entrySchema = z.object({
  id: z.optional(text),
  time: z.number().check(z.int(), z.nonnegative()),
  model: text,
  kind: z.enum(USAGE_KINDS),
  usage: z.object(Object.fromEntries(FIGURE_NAMES.map((name) => [name, z.optional(count)])) as Record<keyof UsageFigures, z.ZodMiniOptional<typeof count>>),
  cost: z.optional(z.object({ amount: count, currency: text, priceDate: text })),
});

/** Longer lines are not ledger entries (an entry is a few hundred bytes). */
export const MAX_LINE = 4096;

/** The entry on one line of a ledger file, or undefined when the line is not one (corrupt, foreign, too long). */
export function parseEntry(line: string): UsageEntry | undefined {
  if (line.length > MAX_LINE) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = entrySchema.safeParse(json);
  return parsed.success ? (parsed.data as UsageEntry) : undefined;
}
