import type { RegionId } from '../../dashscope/regions';
import type { RegionSetting } from '../settings';

/** What a key check found: accepted, accepted by another region only, rejected everywhere, or not checkable now. */
export type KeyCheck =
  | { readonly kind: 'valid'; readonly modelCount: number }
  | { readonly kind: 'otherRegion'; readonly region: RegionId; readonly modelCount: number }
  | { readonly kind: 'rejected' }
  | { readonly kind: 'unreachable'; readonly error: unknown };

/** Lists models with `key` in `region`; resolves to the model count, or rejects with the client's error. */
export type ModelLister = (key: string, region: RegionSetting, signal: AbortSignal) => Promise<number>;

const isUnauthorized = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 401;

/**
 * Validates a key by listing models. Keys are region-bound, so a 401 is retried against the other
 * official regions: users most often paste a key from another region's console.
 */
export async function checkKey(
  key: string,
  region: RegionSetting,
  candidates: readonly RegionId[],
  listModels: ModelLister,
  signal: AbortSignal,
): Promise<KeyCheck> {
  try {
    return { kind: 'valid', modelCount: await listModels(key, region, signal) };
  } catch (error) {
    if (!isUnauthorized(error)) return { kind: 'unreachable', error };
  }
  const probes = candidates.map(async (other) => ({ region: other, modelCount: await listModels(key, other, signal) }));
  try {
    const accepted = await Promise.any(probes);
    return { kind: 'otherRegion', ...accepted };
  } catch {
    return { kind: 'rejected' };
  }
}
