import { CHAT_MODELS } from './chat';
import { ignoredReason } from './ignored';
import { IMAGE_FAMILY, IMAGE_MODELS } from './image';
import { ASR_MODELS, TTS_MODELS, type AsrEntry, type TtsEntry } from './speech';
import type { ChatEntry, ImageEntry, VideoEntry } from './types';
import { VIDEO_FAMILY, VIDEO_MODELS } from './video';

/** Dated or moving snapshots of a family: `-2026-02-15`, `-0919`, `-latest`, `-preview`. */
const SNAPSHOT = /-(\d{4}-\d{2}-\d{2}|\d{4}|\d{2}-\d{2}|latest|preview)$/;

/** The family id of a snapshot id (`qwen3.5-plus-2026-02-15` → `qwen3.5-plus`); other ids unchanged. */
export const familyOf = (id: string): string => id.replace(SNAPSHOT, '');

function exact<T extends { readonly id: string }>(table: readonly T[], id: string): T | undefined {
  const lower = id.toLowerCase();
  return table.find((entry) => entry.id === lower) ?? table.find((entry) => entry.id === familyOf(lower));
}

export const imageEntry = (id: string): ImageEntry | undefined => exact(IMAGE_MODELS, id);
export const videoEntry = (id: string): VideoEntry | undefined => exact(VIDEO_MODELS, id);
export const ttsEntry = (id: string): TtsEntry | undefined => exact(TTS_MODELS, id);
export const asrEntry = (id: string): AsrEntry | undefined => exact(ASR_MODELS, id);

/**
 * The chat family of an id: its own entry (or its snapshot's), else the longest prefix family it belongs to,
 * with `-thinking` / `-instruct` variants of a switchable family thinking always / never.
 */
export function chatEntry(id: string): ChatEntry | undefined {
  const own = exact(CHAT_MODELS, id);
  if (own) return own;
  const lower = id.toLowerCase();
  let family: ChatEntry | undefined;
  for (const entry of CHAT_MODELS) {
    if (entry.prefix && lower.startsWith(`${entry.id}-`) && entry.id.length > (family?.id.length ?? 0)) family = entry;
  }
  if (!family || family.thinking !== 'optional') return family;
  if (/-thinking(-|$)/.test(lower)) return { ...family, thinking: 'always' };
  if (/-instruct(-|$)/.test(lower)) return { ...family, thinking: 'never' };
  return family;
}

export type Classification =
  | { readonly kind: 'chat'; readonly entry: ChatEntry }
  | { readonly kind: 'image'; readonly entry: ImageEntry }
  | { readonly kind: 'video'; readonly entry: VideoEntry }
  | { readonly kind: 'ignored'; readonly reason: string }
  /** Not in the catalog: `family` says whether the name reads as an image or video model. */
  | { readonly kind: 'unknown'; readonly family?: 'image' | 'video' };

/** What the catalog makes of an id from the account's model list. */
export function classify(id: string): Classification {
  const reason = ignoredReason(id.toLowerCase());
  if (reason) return { kind: 'ignored', reason };
  const image = imageEntry(id);
  if (image) return { kind: 'image', entry: image };
  const video = videoEntry(id);
  if (video) return { kind: 'video', entry: video };
  const chat = chatEntry(id);
  if (chat) return { kind: 'chat', entry: chat };
  const lower = id.toLowerCase();
  if (VIDEO_FAMILY.test(lower)) return { kind: 'unknown', family: 'video' };
  if (IMAGE_FAMILY.test(lower)) return { kind: 'unknown', family: 'image' };
  return { kind: 'unknown' };
}
