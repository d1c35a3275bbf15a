import { SOURCES } from './sources';

/** The currency and date of the catalog's per-second video prices (`VideoEntry.perSecond`). */
export const VIDEO_PRICES = {
  currency: 'CNY',
  date: SOURCES.videoPrices.checked,
  source: `${SOURCES.videoPrices.url} (${SOURCES.videoPrices.confirmed})`,
} as const;
