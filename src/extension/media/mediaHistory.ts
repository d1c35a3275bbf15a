import { z } from 'zod';

/** One generation made from a panel: what was asked (to reuse or regenerate it) and what came of it. */
export const historyEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(['image', 'video']),
  /** See requestKey: the same key means the same request. */
  key: z.string(),
  model: z.string(),
  prompt: z.string(),
  /** The form as submitted, to fill the panel again. */
  form: z.record(z.string(), z.unknown()),
  seed: z.number().optional(),
  createdAt: z.number(),
  status: z.enum(['running', 'succeeded', 'failed']),
  taskStatus: z.string().optional(),
  taskId: z.string().optional(),
  files: z.array(z.string()).default([]),
  error: z.object({ code: z.string().optional(), message: z.string() }).optional(),
});
export type HistoryEntry = z.output<typeof historyEntrySchema>;

/** Where the history is kept (the extension's global state; a map in tests). */
export interface HistoryStorage {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

const STORAGE_KEY = 'dashscope.media.history';
/** Entries kept per kind; the files themselves stay on disk. */
export const HISTORY_LIMIT = 100;

/** Every generation made from the panels, newest first, persisted; entries that no longer parse are dropped one by one. */
export class MediaHistory {
  private entries: HistoryEntry[];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: HistoryStorage) {
    const raw = storage.get(STORAGE_KEY);
    this.entries = (Array.isArray(raw) ? raw : []).flatMap((item) => {
      const parsed = historyEntrySchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  list(kind: HistoryEntry['kind']): readonly HistoryEntry[] {
    return this.entries.filter((entry) => entry.kind === kind);
  }

  get(id: string): HistoryEntry | undefined {
    return this.entries.find((entry) => entry.id === id);
  }

  /** The entry whose file this is (to describe a file the preview opens). */
  byFile(file: string): HistoryEntry | undefined {
    return this.entries.find((entry) => entry.files.includes(file));
  }

  /** An earlier request with this key that succeeded (and whose files still exist) or is still running. */
  earlier(key: string, exists: (file: string) => boolean): HistoryEntry | undefined {
    return this.entries.find((entry) => entry.key === key && (entry.status === 'running' || (entry.status === 'succeeded' && entry.files.length > 0 && entry.files.every(exists))));
  }

  add(entry: HistoryEntry): void {
    const kept = this.entries.filter((item) => item.kind === entry.kind).slice(0, HISTORY_LIMIT - 1);
    this.entries = [entry, ...kept, ...this.entries.filter((item) => item.kind !== entry.kind)];
    this.changed();
  }

  update(id: string, change: Partial<HistoryEntry>): HistoryEntry | undefined {
    const index = this.entries.findIndex((entry) => entry.id === id);
    if (index === -1) return undefined;
    const updated = { ...this.entries[index]!, ...change };
    this.entries[index] = updated;
    this.changed();
    return updated;
  }

  remove(id: string): void {
    this.entries = this.entries.filter((entry) => entry.id !== id);
    this.changed();
  }

  private changed(): void {
    void this.storage.update(STORAGE_KEY, this.entries);
    for (const listener of this.listeners) listener();
  }
}
