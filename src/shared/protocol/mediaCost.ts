import * as z from 'zod/mini';
import { VIDEO_MODELS, VIDEO_PRICES } from '../models';
import type { VideoParameters } from './mediaRules';

/** The price table: the catalog's per-second video prices by resolution tier, with the date and source they were read from. */
export const priceTable = z.object({
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  source: z.string().check(z.minLength(1)),
  currency: z.string(),
  video: z.record(z.string(), z.object({ perSecond: z.record(z.string(), z.number().check(z.positive())) })),
});
export type PriceTable = z.infer<typeof priceTable>;

export const PRICES: PriceTable = priceTable.parse({
  ...VIDEO_PRICES,
  video: Object.fromEntries(VIDEO_MODELS.flatMap((entry) => (entry.perSecond ? [[entry.id, { perSecond: entry.perSecond }]] : []))),
});

export interface CostEstimate {
  readonly amount: number;
  readonly currency: string;
  readonly perSecond: number;
  readonly seconds: number;
  readonly date: string;
  readonly source: string;
}

/** The resolution tier of a `W*H` size: its short side. */
export function tierOf(size: string): string | undefined {
  const match = /^(\d+)\*(\d+)$/.exec(size);
  if (!match) return undefined;
  const short = Math.min(Number(match[1]), Number(match[2]));
  return short >= 1080 ? '1080P' : short >= 720 ? '720P' : '480P';
}

/** What a video request should cost, when the table knows the model and the tier; undefined otherwise (no guessing). */
export function estimateVideoCost(params: Pick<VideoParameters, 'model' | 'size' | 'resolution' | 'duration'>, table: PriceTable = PRICES): CostEstimate | undefined {
  const entry = table.video[params.model];
  const tier = params.resolution ?? (params.size ? tierOf(params.size) : undefined);
  const perSecond = tier ? entry?.perSecond[tier] : undefined;
  if (perSecond === undefined || params.duration === undefined) return undefined;
  return { amount: Math.round(perSecond * params.duration * 100) / 100, currency: table.currency, perSecond, seconds: params.duration, date: table.date, source: table.source };
}
