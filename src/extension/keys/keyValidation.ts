import { keyShapeOf, planRegions, plansOfShape, type PlanId } from '../../shared/models/plans';
import type { KeyTarget } from './keyStore';

/** What a key check found: accepted, accepted by another plan or region only, rejected everywhere, or not checkable now. */
export type KeyCheck =
  | { readonly kind: 'valid'; readonly modelCount: number | undefined }
  | { readonly kind: 'elsewhere'; readonly target: KeyTarget; readonly modelCount: number | undefined }
  | { readonly kind: 'rejected' }
  | { readonly kind: 'unreachable'; readonly error: unknown };

/**
 * Checks `key` against `target` in the cheapest way its plan allows; resolves to the model count (undefined when the
 * plan has no model list), or rejects with the client's error (status 401 for a key of another plan or region).
 */
export type KeyProbe = (key: string, target: KeyTarget, signal: AbortSignal) => Promise<number | undefined>;

export const isUnauthorized = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 401;

const sameTarget = (a: KeyTarget, b: KeyTarget) => a.plan === b.plan && a.region === b.region;

/**
 * Where else a key refused by `target` may belong, by its shape: the target plan's other regions first, then the other
 * plans of that shape. Workspace hosts are not probed (they need an id); a workspace's key also works on its region's
 * pay-as-you-go host, which is. A custom endpoint's key is a gateway's: nothing else is tried.
 */
export function keyCandidates(key: string, target: KeyTarget): KeyTarget[] {
  if (target.region === 'custom') return [];
  const shape = keyShapeOf(key);
  const plans: PlanId[] = shape === undefined ? [target.plan] : plansOfShape(shape);
  const first = plans.includes(target.plan) ? [target.plan] : [];
  const ordered = [...first, ...plans.filter((plan) => plan !== target.plan)].filter((plan) => plan !== 'workspace');
  return ordered
    .flatMap((plan) => planRegions(plan).map((region): KeyTarget => ({ plan, region })))
    .filter((candidate) => !sameTarget(candidate, target));
}

/**
 * Validates a key on `target`. Keys are bound to a plan and a region, so a 401 is retried against `candidates`:
 * users most often paste a key from another region's console or another plan's page.
 */
export async function checkKey(
  key: string,
  target: KeyTarget,
  candidates: readonly KeyTarget[],
  probe: KeyProbe,
  signal: AbortSignal,
): Promise<KeyCheck> {
  try {
    return { kind: 'valid', modelCount: await probe(key, target, signal) };
  } catch (error) {
    if (!isUnauthorized(error)) return { kind: 'unreachable', error };
  }
  const probes = candidates.map(async (other) => ({ target: other, modelCount: await probe(key, other, signal) }));
  try {
    const accepted = await Promise.any(probes);
    return { kind: 'elsewhere', ...accepted };
  } catch {
    return { kind: 'rejected' };
  }
}
