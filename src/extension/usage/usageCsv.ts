import type { UsageEntry } from './usageEntry';
import { FIGURE_NAMES } from './usageFigures';

/**
 * One CSV cell: quoted when it holds a separator, quote or line break; a text that a spreadsheet would run
 * as a formula (starting with = + - @, tab or carriage return) gets a leading apostrophe.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const HEADER = ['time', 'model', 'kind', 'request', ...FIGURE_NAMES, 'estimatedCost', 'currency', 'priceDate'];

/** The ledger entries as CSV (RFC 4180, CRLF line ends), one row per call. */
export function usageCsv(entries: readonly UsageEntry[]): string {
  const rows = entries.map((entry) => [
    new Date(entry.time).toISOString(),
    entry.model,
    entry.kind,
    entry.id,
    ...FIGURE_NAMES.map((name) => entry.usage[name]),
    entry.cost?.amount,
    entry.cost?.currency,
    entry.cost?.priceDate,
  ]);
  return [HEADER, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
