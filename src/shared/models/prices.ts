import { SOURCES } from './sources';

/** The currency and date of the catalog's per-second video prices (`VideoEntry.perSecond`). */
export const VIDEO_PRICES = {
  currency: 'CNY',
  date: SOURCES.videoPrices.checked,
  source: `${SOURCES.videoPrices.url} (${SOURCES.videoPrices.confirmed})`,
} as const;

/** The currency and date of the catalog's speech prices (`TtsEntry.per10kCharacters`, `AsrEntry.perSecond`). */
export const SPEECH_PRICES = {
  currency: 'USD',
  date: SOURCES.qwenTts.checked,
  source: `${SOURCES.qwenTts.url} (${SOURCES.qwenTts.confirmed})`,
} as const;
