import * as l10n from '@vscode/l10n';
import { z } from 'zod';
import { isActive, type TrackedTask } from '../tasks/trackedTask';

/**
 * One generation made from a panel: what was asked (to reuse or regenerate it) and what came of it. A task's
 * entry keeps only the task id while the task runs (its status is the task store's); its outcome is written
 * here once the task has ended, so the result stays when the task leaves the Tasks view.
 */
const historyEntrySchema = z.object({
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
  /** `running`: a task whose status is read from the task store. */
  status: z.enum(['running', 'succeeded', 'failed']),
  taskId: z.string().optional(),
  files: z.array(z.string()).default([]),
  error: z.object({ code: z.string().optional(), message: z.string() }).optional(),
});
export type StoredEntry = z.output<typeof historyEntrySchema>;
/** An entry as the panels show it: a running task's status, files and failure come from the task store. */
export type HistoryEntry = StoredEntry & { readonly taskStatus?: string };
type Outcome = Pick<HistoryEntry, 'status' | 'taskStatus' | 'files' | 'error'>;

/** Where the history is kept (the extension's global state; a map in tests). */
export interface HistoryStorage {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

/** The task store, as the history reads it. */
export interface TaskLookup {
  get(taskId: string): TrackedTask | undefined;
  onDidChange(listener: () => void): { dispose(): void };
}

const STORAGE_KEY = 'dashscope.media.history';
/** Entries kept per kind; the files themselves stay on disk. */
export const HISTORY_LIMIT = 100;

/** What a task means for its entry: still running (with the task's own status), its saved files, or why it failed. */
function taskOutcome(task: TrackedTask | undefined): Outcome {
  if (!task) return { status: 'failed', files: [], error: { message: l10n.t('The task was removed from the Tasks view.') } };
  if (task.status === 'SUCCEEDED' && task.localFiles.length > 0) return { status: 'succeeded', taskStatus: task.status, files: task.localFiles };
  if (task.downloadError) return { status: 'failed', taskStatus: task.status, files: [], error: { message: task.downloadError } };
  if (!isActive(task) && task.status !== 'SUCCEEDED') return { status: 'failed', taskStatus: task.status, files: [], error: { ...(task.code ? { code: task.code } : {}), message: task.message ?? task.status } };
  return { status: 'running', taskStatus: task.status, files: [] };
}

/** Every generation made from the panels, newest first, persisted; entries that no longer parse are dropped one by one. */
export class MediaHistory {
  private entries: StoredEntry[];
  private readonly listeners = new Set<() => void>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly storage: HistoryStorage, private readonly tasks: TaskLookup) {
    const raw = storage.get(STORAGE_KEY);
    this.entries = (Array.isArray(raw) ? raw : []).flatMap((item) => {
      const parsed = historyEntrySchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
    this.subscription = tasks.onDidChange(() => {
      this.keepEndedTasks();
      this.notify();
    });
    this.keepEndedTasks();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  list(kind: HistoryEntry['kind']): readonly HistoryEntry[] {
    return this.entries.filter((entry) => entry.kind === kind).map((entry) => this.resolve(entry));
  }

  get(id: string): HistoryEntry | undefined {
    const entry = this.entries.find((item) => item.id === id);
    return entry && this.resolve(entry);
  }

  /** The entry whose file this is (to describe a file the preview opens). */
  byFile(file: string): HistoryEntry | undefined {
    return this.entries.map((entry) => this.resolve(entry)).find((entry) => entry.files.includes(file));
  }

  /** An earlier request with this key that succeeded (and whose files still exist) or is still running. */
  earlier(key: string, exists: (file: string) => boolean): HistoryEntry | undefined {
    return this.entries.filter((entry) => entry.key === key).map((entry) => this.resolve(entry))
      .find((entry) => entry.status === 'running' || (entry.status === 'succeeded' && entry.files.length > 0 && entry.files.every(exists)));
  }

  add(entry: StoredEntry): void {
    const kept = this.entries.filter((item) => item.kind === entry.kind).slice(0, HISTORY_LIMIT - 1);
    this.entries = [entry, ...kept, ...this.entries.filter((item) => item.kind !== entry.kind)];
    this.save();
  }

  remove(id: string): void {
    this.entries = this.entries.filter((entry) => entry.id !== id);
    this.save();
  }

  dispose(): void {
    this.subscription.dispose();
    this.listeners.clear();
  }

  private resolve(entry: StoredEntry): HistoryEntry {
    return entry.status === 'running' && entry.taskId ? { ...entry, ...taskOutcome(this.tasks.get(entry.taskId)) } : entry;
  }

  /** Writes down the outcome of tasks that have ended (the task store may forget them later). */
  private keepEndedTasks(): void {
    let changed = false;
    this.entries = this.entries.map((entry) => {
      const resolved = this.resolve(entry);
      if (resolved.status === 'running') return entry;
      changed ||= resolved.status !== entry.status;
      const { taskStatus: _taskStatus, ...outcome } = resolved;
      return outcome;
    });
    if (changed) void this.storage.update(STORAGE_KEY, this.entries);
  }

  private save(): void {
    void this.storage.update(STORAGE_KEY, this.entries);
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
