const SERVICE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;
const UTC_PLUS_8_MS = 8 * 3600_000;

/**
 * Task times come as `YYYY-MM-DD HH:mm:ss.SSS` in UTC+8 (milliseconds sometimes absent), whatever
 * the region. ISO strings with an explicit zone are accepted too. Returns epoch milliseconds.
 */
export function parseServiceTime(value: string | undefined | null): number | undefined {
  if (!value) return undefined;
  const match = SERVICE_TIME.exec(value.trim());
  if (match) {
    const [, y, mo, d, h, mi, s, ms] = match;
    return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number((ms ?? '0').padEnd(3, '0'))) - UTC_PLUS_8_MS;
  }
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** Formats epoch ms as the service's UTC+8 `YYYY-MM-DD HH:mm:ss.SSS`. */
export function formatServiceTime(epochMs: number): string {
  const d = new Date(epochMs + UTC_PLUS_8_MS);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** The task list's `YYYYMMDDhhmmss` filter format, in UTC+8. */
export function formatListTime(epochMs: number): string {
  return formatServiceTime(epochMs).replace(/[-: ]/g, '').slice(0, 14);
}
