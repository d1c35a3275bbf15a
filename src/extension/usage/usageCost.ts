import { asrEntry, SPEECH_PRICES, ttsEntry } from '../../shared/models';
import { PRICES, tierOf, type PriceTable } from '../../shared/protocol/mediaCost';
import type { UsageFigures } from './usageFigures';

/** An estimate from the catalog's prices, and the date of the table it came from. */
export interface CostEstimate {
  readonly amount: number;
  readonly currency: string;
  readonly priceDate: string;
}

/** The resolution tier a video response reports: `SR` (720) or `video_ratio` ("1280*720"). */
function tierOfUsage(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { SR: sr, video_ratio: ratio } = raw as Record<string, unknown>;
  if (sr === 480 || sr === 720 || sr === 1080) return `${sr}P`;
  return typeof ratio === 'string' ? tierOf(ratio) : undefined;
}

/**
 * The cost of one call from the catalog's dated prices; undefined when the catalog has no price for it
 * (it has per-second video prices only), so the view says "no price" rather than guessing.
 */
export function estimateCost(model: string, figures: UsageFigures, raw: unknown, table: PriceTable = PRICES): CostEstimate | undefined {
  const speech = speechCost(model, figures);
  if (speech) return speech;
  const tier = tierOfUsage(raw);
  const perSecond = tier ? table.video[model]?.perSecond[tier] : undefined;
  if (perSecond === undefined || figures.videoSeconds === undefined) return undefined;
  return { amount: Math.round(perSecond * figures.videoSeconds * 100) / 100, currency: table.currency, priceDate: table.date };
}

/** Speech priced by the catalog: characters synthesised (per 10,000) or seconds recognised; to a millionth, as one call costs cents or less. */
function speechCost(model: string, figures: UsageFigures): CostEstimate | undefined {
  const per10k = ttsEntry(model)?.per10kCharacters;
  const perSecond = asrEntry(model)?.perSecond;
  const amount = per10k !== undefined && figures.audioCharacters !== undefined ? (figures.audioCharacters / 10_000) * per10k
    : perSecond !== undefined && figures.audioSeconds !== undefined ? figures.audioSeconds * perSecond : undefined;
  return amount === undefined ? undefined : { amount: Math.round(amount * 1e6) / 1e6, currency: SPEECH_PRICES.currency, priceDate: SPEECH_PRICES.date };
}
