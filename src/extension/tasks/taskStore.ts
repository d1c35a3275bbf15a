import { z } from 'zod';
import { isActive, trackedTaskSchema, type TrackedTask } from './trackedTask';

/** Where the store keeps its data (a JSON file in the extension's global storage; memory in tests). */
export interface Persistence {
  load(): Promise<unknown>;
  save(data: unknown): Promise<void>;
}

const fileSchema = z.object({
  version: z.literal(1),
  tasks: z.array(z.unknown()),
  /** Learned time from submit to end, per model, in ms. */
  durations: z.record(z.string(), z.number()).default({}),
});

/**
 * Every tracked task, persisted across reloads and restarts. Tasks that no longer parse are dropped
 * one by one instead of losing the whole file.
 */
export class TaskStore {
  private readonly tasks = new Map<string, TrackedTask>();
  private sorted: readonly TrackedTask[] | undefined;
  private durations: Record<string, number> = {};
  private readonly listeners = new Set<() => void>();
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly persistence: Persistence) {}

  async load(): Promise<void> {
    const parsed = fileSchema.safeParse(await this.persistence.load());
    if (!parsed.success) return;
    this.durations = parsed.data.durations;
    for (const raw of parsed.data.tasks) {
      const task = trackedTaskSchema.safeParse(raw);
      if (task.success) this.tasks.set(task.data.taskId, task.data);
    }
    this.changed(false);
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
    this.tasks.set(task.taskId, task);
    if (previous && isActive(previous) && task.status === 'SUCCEEDED' && task.submitTime && task.endTime) this.learn(task.model, task.endTime - task.submitTime);
    this.changed();
  }

  update(taskId: string, change: Partial<TrackedTask>): TrackedTask | undefined {
    const task = this.tasks.get(taskId);
    if (!task) return undefined;
    const updated = { ...task, ...change };
    this.upsert(updated);
    return updated;
  }

  remove(taskIds: readonly string[]): void {
    for (const id of taskIds) this.tasks.delete(id);
    this.changed();
  }

  /** Removes every task that is no longer running; returns how many. */
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
  }

  /** Resolves when everything changed so far is on disk. */
  flush(): Promise<void> {
    return this.saving;
  }

  private changed(persist = true): void {
    this.sorted = undefined;
    for (const listener of this.listeners) listener();
    if (!persist) return;
    const data = { version: 1 as const, tasks: [...this.tasks.values()], durations: this.durations };
    this.saving = this.saving.then(() => this.persistence.save(data)).catch(() => undefined);
  }
}
