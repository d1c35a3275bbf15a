/** The simulator's clock: real time, or manual time that moves only through `advance`. */
export class SimClock {
  private offset = 0;

  constructor(readonly mode: 'real' | 'manual', private readonly start = Date.now()) {}

  now(): number {
    return this.mode === 'real' ? Date.now() + this.offset : this.start + this.offset;
  }

  advance(ms: number): void {
    if (this.mode !== 'manual') throw new Error('advance() needs a manual clock: startSimulator({ clock: "manual" }).');
    if (!(ms >= 0)) throw new RangeError('The clock only moves forward.');
    this.offset += ms;
  }
}

const UTC_PLUS_8_MS = 8 * 3600_000;

/** Task times as the service writes them: `YYYY-MM-DD HH:mm:ss.SSS` in UTC+8. */
export function serviceTime(epochMs: number): string {
  return new Date(epochMs + UTC_PLUS_8_MS).toISOString().replace('T', ' ').replace('Z', '');
}

/** `YYYYMMDDhhmmss` (UTC+8), the task list's filter format, to epoch ms. */
export function parseListTime(value: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - UTC_PLUS_8_MS;
}
