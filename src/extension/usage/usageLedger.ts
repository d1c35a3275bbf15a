import { appendFile, mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { parseEntry, type UsageEntry } from './usageEntry';

/** Entries older than this are dropped (whole day files), so the ledger stays bounded. */
export const RETENTION_DAYS = 400;
/** A day file stops growing at this size (tens of thousands of calls); more is a runaway loop, not usage. */
export const MAX_DAY_BYTES = 8 * 2 ** 20;
const DAY_MS = 24 * 60 * 60 * 1000;
const FILE_NAME = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;

/** The UTC day of a time, which names the file its entries go to. */
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);

export interface LedgerRead {
  readonly entries: readonly UsageEntry[];
  /** Lines that were not entries (corrupt, hand-edited, cut short by a crash, or from a newer version). */
  readonly skipped: number;
}

export interface LedgerOptions {
  readonly now?: () => number;
  /** A write that failed or was refused; recording never throws at the caller. */
  readonly onProblem: (message: string) => void;
}

/**
 * The usage ledger: one JSON-lines file per UTC day in a folder every window shares. Each entry is one
 * `O_APPEND` write of one line, so windows appending at once never interleave or overwrite each other,
 * and no window holds the ledger in memory.
 */
export class UsageLedger {
  private readonly now: () => number;
  private pending: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  private refusedDay: string | undefined;

  constructor(readonly folder: string, private readonly options: LedgerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Adds an entry (in call order); resolves once it is written or given up. */
  record(entry: UsageEntry): Promise<void> {
    this.pending = this.pending.then(() => this.append(entry));
    return this.pending;
  }

  /** Waits for the entries recorded so far. */
  flush(): Promise<void> {
    return this.pending;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Tells listeners the ledger changed (this window's write, or another window's seen by a watcher). */
  changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** The entries with `from <= time < to`, each id once, oldest first. */
  async read(from: number, to: number): Promise<LedgerRead> {
    // Local periods straddle UTC days: the day files on either side are read too, and entries filtered by time.
    const [first, last] = [dayOf(Math.max(0, from - DAY_MS)), dayOf(to + DAY_MS)];
    const days = (await this.days()).filter((day) => day >= first && day <= last);
    const entries: UsageEntry[] = [];
    const ids = new Set<string>();
    let skipped = 0;
    for (const day of days) {
      for (const line of (await this.readDay(day)).split('\n')) {
        if (line.trim() === '') continue;
        const entry = parseEntry(line);
        if (!entry) skipped++;
        else if (entry.time >= from && entry.time < to && !(entry.id !== undefined && ids.has(entry.id))) {
          if (entry.id !== undefined) ids.add(entry.id);
          entries.push(entry);
        }
      }
    }
    return { entries: entries.sort((a, b) => a.time - b.time), skipped };
  }

  /** Deletes the day files older than the retention period; returns how many. */
  async prune(): Promise<number> {
    const oldest = dayOf(this.now() - RETENTION_DAYS * DAY_MS);
    let removed = 0;
    for (const day of (await this.days()).filter((name) => name < oldest)) {
      await unlink(path.join(this.folder, `${day}.jsonl`)).then(() => removed++, () => undefined);
    }
    return removed;
  }

  /** The days that have a file, oldest first; other files in the folder are left alone. */
  private async days(): Promise<string[]> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    return names.flatMap((name) => FILE_NAME.exec(name)?.[1] ?? []).sort();
  }

  private async append(entry: UsageEntry): Promise<void> {
    const day = dayOf(entry.time);
    const file = path.join(this.folder, `${day}.jsonl`);
    try {
      await mkdir(this.folder, { recursive: true });
      const size = await stat(file).then((info) => info.size, () => 0);
      if (size >= MAX_DAY_BYTES) {
        if (this.refusedDay !== day) this.options.onProblem(`the usage file of ${day} reached ${MAX_DAY_BYTES} bytes; further calls of that day are not recorded`);
        this.refusedDay = day;
        return;
      }
      // A line cut short by a crash must not swallow this entry: start a new line after it.
      const torn = size > 0 && (await this.lastByte(file, size)) !== '\n';
      await appendFile(file, `${torn ? '\n' : ''}${JSON.stringify(entry)}\n`, { flag: 'a' });
    } catch (error) {
      this.options.onProblem(`a usage entry could not be written to ${file}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.changed();
  }

  private async lastByte(file: string, size: number): Promise<string> {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(1);
      await handle.read(buffer, 0, 1, size - 1);
      return buffer.toString('latin1');
    } finally {
      await handle.close();
    }
  }

  /** A day file's text, at most `MAX_DAY_BYTES` of it; empty when there is none. */
  private async readDay(day: string): Promise<string> {
    const handle = await open(path.join(this.folder, `${day}.jsonl`), 'r').catch(() => undefined);
    if (!handle) return '';
    try {
      const buffer = Buffer.alloc(Math.min((await handle.stat()).size, MAX_DAY_BYTES));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  }
}
