import { z } from 'zod';
import type { FolderChange } from '../folderWatcher';
import type { TaskPersistence } from './taskFiles';
import { isActive, trackedTaskSchema, type TrackedTask } from './trackedTask';

const durationsSchema = z.record(z.string(), z.number());

export interface TaskStoreOptions {
  /** A change could not be written (reported to the user by the caller); `undefined` once writing works again. */
  readonly onSaveProblem?: (error: unknown | undefined) => void;
}

/**
 * Every tracked task, persisted across reloads and shared by every window: each task is its own entry,
 * written only when it changes, and `reload` takes in what other windows wrote. A task that no longer
 * parses is dropped alone.
 */
export class TaskStore {
  private readonly tasks = new Map<string, TrackedTask>();
  private sorted: readonly TrackedTask[] | undefined;
  private durations: Record<string, number> = {};
  private readonly listeners = new Set<() => void>();
  private saving: Promise<void> = Promise.resolve();
  /** Counts local changes; `editedAt` says when each task last changed here, so a reload never undoes a newer local change. */
  private edits = 0;
  private readonly editedAt = new Map<string, number>();
  private failing = false;

  constructor(private readonly persistence: TaskPersistence, private readonly options: TaskStoreOptions = {}) {}

  async load(): Promise<void> {
    await this.reload('all');
    const durations = durationsSchema.safeParse(await this.persistence.loadDurations().catch(() => undefined));
    if (durations.success) this.durations = durations.data;
  }

  /** Takes in entries written by other windows (all of them, or the named ones). */
  async reload(change: FolderChange): Promise<void> {
    const startedAt = this.edits;
    await this.saving;
    const entries = change === 'all' ? await this.persistence.loadAll() : await this.persistence.loadSome(change);
    let changed = false;
    const keep = (taskId: string) => (this.editedAt.get(taskId) ?? -1) > startedAt;
    if (change === 'all') {
      const present = new Set([...entries.keys()]);
      for (const [taskId] of this.tasks) {
        if (!present.has(this.persistence.keyOf(taskId)) && !keep(taskId)) changed = this.tasks.delete(taskId) || changed;
      }
    }
    const byKey = new Map([...this.tasks.keys()].map((taskId) => [this.persistence.keyOf(taskId), taskId]));
    for (const [key, raw] of entries) {
      const parsed = raw === undefined ? undefined : trackedTaskSchema.safeParse(raw);
      const task = parsed?.success ? parsed.data : undefined;
      const taskId = task?.taskId ?? byKey.get(key);
      if (taskId === undefined || keep(taskId)) continue;
      if (!task) changed = this.tasks.delete(taskId) || changed;
      else if (!same(this.tasks.get(taskId), task)) {
        this.tasks.set(taskId, task);
        changed = true;
      }
    }
    if (changed) this.changed();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Newest first (sorted once per change: the view asks for it once per group on every refresh). */
  all(): readonly TrackedTask[] {
    return (this.sorted ??= [...this.tasks.values()].sort((a, b) => b.createdAt - a.createdAt));
  }

  get(taskId: string): TrackedTask | undefined {
    return this.tasks.get(taskId);
  }

  upsert(task: TrackedTask): void {
    const previous = this.tasks.get(task.taskId);
    if (same(previous, task)) return;
    this.tasks.set(task.taskId, task);
    this.edited(task.taskId);
    if (previous && isActive(previous) && task.status === 'SUCCEEDED' && task.submitTime && task.endTime) this.learn(task.model, task.endTime - task.submitTime);
    this.persist(() => this.persistence.save(task.taskId, task));
    this.changed();
  }

  update(taskId: string, change: Partial<TrackedTask>): TrackedTask | undefined {
    const task = this.tasks.get(taskId);
    if (!task) return undefined;
    const updated = { ...task, ...change };
    this.upsert(updated);
    return this.tasks.get(taskId);
  }

  remove(taskIds: readonly string[]): void {
    for (const id of taskIds) {
      this.tasks.delete(id);
      this.edited(id);
      this.persist(() => this.persistence.delete(id));
    }
    this.changed();
  }

  /**
   * Removes the tasks that are no longer running; returns how many. Only those: another window's task
   * that this window has not seen yet is in an entry of its own, untouched.
   */
  clearFinished(): number {
    const finished = [...this.tasks.values()].filter((task) => !isActive(task)).map((task) => task.taskId);
    this.remove(finished);
    return finished.length;
  }

  /** The usual submit-to-end time of a model, learned from finished tasks. */
  typicalDuration(model: string): number | undefined {
    return this.durations[model];
  }

  private learn(model: string, ms: number): void {
    const previous = this.durations[model];
    this.durations[model] = previous === undefined ? ms : Math.round(previous * 0.7 + ms * 0.3);
    const durations = { ...this.durations };
    this.persist(() => this.persistence.saveDurations(durations));
  }

  /** Resolves when everything changed so far is on disk (or failed to be written, which was reported). */
  flush(): Promise<void> {
    return this.saving;
  }

  private edited(taskId: string): void {
    this.editedAt.set(taskId, ++this.edits);
  }

  /** Writes run one at a time, in order; a failure is reported once until a write works again. */
  private persist(write: () => Promise<void>): void {
    this.saving = this.saving.then(write).then(
      () => {
        if (!this.failing) return;
        this.failing = false;
        this.options.onSaveProblem?.(undefined);
      },
      (error: unknown) => {
        if (this.failing) return;
        this.failing = true;
        this.options.onSaveProblem?.(error);
      },
    );
  }

  private changed(): void {
    this.sorted = undefined;
    for (const listener of this.listeners) listener();
  }
}

const same = (a: TrackedTask | undefined, b: TrackedTask) => a !== undefined && JSON.stringify(a) === JSON.stringify(b);
