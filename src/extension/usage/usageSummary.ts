import type { UsageEntry, UsageKind } from './usageEntry';
import { addFigures, type UsageFigures } from './usageFigures';

export type Period = 'today' | 'week' | 'month';
export const PERIODS: readonly Period[] = ['today', 'week', 'month'];

/** When a period starts in local time: midnight today, Monday of this week, the first of this month. */
export function periodStart(period: Period, now: number): number {
  const date = new Date(now);
  date.setHours(0, 0, 0, 0);
  if (period === 'week') date.setDate(date.getDate() - ((date.getDay() + 6) % 7));
  if (period === 'month') date.setDate(1);
  return date.getTime();
}

export interface UsageGroup {
  readonly model: string;
  readonly kind: UsageKind;
  readonly calls: number;
  readonly usage: UsageFigures;
  /** The estimated cost of the calls with a price, by currency. */
  readonly cost: Readonly<Record<string, number>>;
  /** Calls the catalog has no price for. */
  readonly unpriced: number;
}

export interface UsageSummary {
  readonly groups: readonly UsageGroup[];
  readonly calls: number;
  readonly cost: Readonly<Record<string, number>>;
  readonly unpriced: number;
}

const addCost = (cost: Readonly<Record<string, number>>, entry: UsageEntry): Record<string, number> =>
  entry.cost ? { ...cost, [entry.cost.currency]: Math.round(((cost[entry.cost.currency] ?? 0) + entry.cost.amount) * 100) / 100 } : { ...cost };

/** The entries grouped by model and kind, most calls first, with the totals. */
export function summarize(entries: readonly UsageEntry[]): UsageSummary {
  const groups = new Map<string, UsageGroup>();
  let total: UsageSummary = { groups: [], calls: 0, cost: {}, unpriced: 0 };
  for (const entry of entries) {
    const key = `${entry.kind}\u0000${entry.model}`;
    const group = groups.get(key) ?? { model: entry.model, kind: entry.kind, calls: 0, usage: {}, cost: {}, unpriced: 0 };
    groups.set(key, { ...group, calls: group.calls + 1, usage: addFigures(group.usage, entry.usage), cost: addCost(group.cost, entry), unpriced: group.unpriced + (entry.cost ? 0 : 1) });
    total = { ...total, calls: total.calls + 1, cost: addCost(total.cost, entry), unpriced: total.unpriced + (entry.cost ? 0 : 1) };
  }
  return { ...total, groups: [...groups.values()].sort((a, b) => b.calls - a.calls || a.model.localeCompare(b.model)) };
}
