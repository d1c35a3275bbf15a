import * as vscode from 'vscode';
import { DashScopeError, type DashScopeClient, type TaskInfo } from '../../dashscope';
import { Disposable } from '../disposable';
import type { ConnectionHealth } from '../connectionState';
import { describeError } from '../errors';
import type { Services } from '../services';
import { REGION_SETTINGS, type RegionSetting } from '../settings';
import { PollScheduler, type CheckOutcome } from './pollScheduler';
import type { TaskStore } from './taskStore';
import { isActive, taskKeyName, taskTarget, type TrackedTask } from './trackedTask';
import { isMine, resultsToSave, tasksToPoll, type Windows } from './taskUpdate';

/** Requests per second the Tasks view allows itself; DashScope allows 20 task queries per second per account. */
const MAX_CHECKS_PER_SECOND = 5;
const MAX_THROTTLE_WAIT_MS = 120_000;

/**
 * How long polling waits after the n-th 429 in a row: the service's Retry-After, but at least doubling
 * from 2 s while throttling lasts (a short Retry-After in a long storm would otherwise keep polling at its cap).
 */
export function throttleDelay(retryAfterSeconds: number | undefined, inARow: number): number {
  const backoff = Math.min(MAX_THROTTLE_WAIT_MS, 2000 * 2 ** Math.max(0, inARow - 1));
  return Math.min(MAX_THROTTLE_WAIT_MS, Math.max((retryAfterSeconds ?? 0) * 1000, backoff));
}

export interface PollingHandlers {
  /** A status answer for a task: applies it and returns the task as it is now. */
  answered(task: TrackedTask, info: TaskInfo): TrackedTask;
  /** Succeeded tasks whose results this window must save. */
  saveResults(tasks: readonly TrackedTask[]): void;
  keyRefused(region: RegionSetting): void;
}

/**
 * Polls the active tasks this window owns (or takes over from a window that is gone) with one scheduler,
 * region by region with each region's own key.
 */
export class TaskPolling extends Disposable {
  private readonly scheduler: PollScheduler;
  /** The keys that are set, by `taskKeyName`: their tasks are polled, whichever plan and region are selected. */
  private keyed = new Set<string>();
  /** Every key name looked up so far; a task with another (a new workspace's) has its key looked up first. */
  private looked = new Set<string>();

  /** 429 answers in a row: each waits longer than the service's Retry-After alone would (see throttleDelay). */
  private throttledInARow = 0;

  constructor(private readonly services: Services, private readonly store: TaskStore, private readonly windows: Windows, private readonly health: ConnectionHealth, private readonly handlers: PollingHandlers) {
    super();
    const settings = () => services.connection.settings;
    this.scheduler = new PollScheduler(
      { now: Date.now, setTimer: (callback, ms) => setTimeout(callback, ms), clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout) },
      {
        get minIntervalMs() {
          return settings().pollMinSeconds * 1000;
        },
        get maxIntervalMs() {
          return settings().pollMaxSeconds * 1000;
        },
        maxPerSecond: MAX_CHECKS_PER_SECOND,
        typicalDuration: (model) => store.typicalDuration(model),
      },
      (taskId) => this.check(taskId),
    );
    this._register({ dispose: () => this.scheduler.dispose() });
    this.scheduler.setFocused(vscode.window.state.focused);
    this._register(vscode.window.onDidChangeWindowState((state) => this.scheduler.setFocused(state.focused)));
    this._register(services.connection.onDidChange(() => void this.refreshKeyedRegions()));
  }

  /** Re-reads which keys the tasks need are set: each region's, and each workspace's that submitted a task. */
  async refreshKeyedRegions(): Promise<void> {
    const targets = new Map<string, Pick<TrackedTask, 'region' | 'workspaceId'>>(REGION_SETTINGS.map((region) => [region, { region }]));
    for (const task of this.store.all()) if (task.workspaceId !== undefined) targets.set(taskKeyName(task), task);
    this.looked = new Set(targets.keys());
    const keyed = await Promise.all([...targets].map(async ([name, task]) => ((await this.services.keys.get(taskTarget(task))) === undefined ? undefined : name)));
    this.keyed = new Set(keyed.filter((name) => name !== undefined));
    this.sync();
  }

  /**
   * Polls the active tasks of every region that has a key that are this window's, taking over (as owner)
   * those whose window is gone, and saves the results nobody else is saving.
   */
  sync(): void {
    if (this.store.all().some((task) => isActive(task) && !this.looked.has(taskKeyName(task)))) {
      void this.refreshKeyedRegions();
      return;
    }
    const wanted = tasksToPoll(this.store.all(), this.keyed, this.windows);
    const saving = resultsToSave(this.store.all(), this.windows);
    for (const task of [...wanted, ...saving]) {
      if (task.owner !== this.windows.id) this.store.update(task.taskId, { owner: this.windows.id });
    }
    const ids = new Set(wanted.map((task) => task.taskId));
    for (const task of this.store.all()) {
      if (ids.has(task.taskId) && !this.scheduler.has(task.taskId)) this.scheduler.track(task.taskId, task.model, task.submitTime ?? task.createdAt, Date.now());
      else if (!ids.has(task.taskId) && this.scheduler.has(task.taskId)) this.scheduler.untrack(task.taskId);
    }
    if (saving.length > 0) this.handlers.saveResults(saving.map((task) => this.store.get(task.taskId) ?? task));
  }

  /** Checks the given tasks (or all) now; asked for here, they become this window's to poll. */
  refresh(taskIds?: readonly string[]): void {
    for (const task of this.store.all()) {
      if (isActive(task) && !isMine(task, this.windows) && (!taskIds || taskIds.includes(task.taskId))) this.store.update(task.taskId, { owner: this.windows.id });
    }
    this.sync();
    this.scheduler.refreshNow(taskIds);
  }

  untrack(taskId: string): void {
    this.scheduler.untrack(taskId);
  }

  /**
   * A client for the region (or workspace host) a task belongs to (its id means nothing elsewhere). It makes one
   * attempt per check: the scheduler paces and retries, so transport retries would only break its rate limit.
   */
  async clientForTask(task: TrackedTask): Promise<DashScopeClient | undefined> {
    const target = taskTarget(task);
    const key = await this.services.keys.get(target);
    return key === undefined ? undefined : this.services.connection.clientFor(key, target, { maxAttempts: 1 });
  }

  /** One status check, for the scheduler. */
  private async check(taskId: string): Promise<CheckOutcome> {
    const task = this.store.get(taskId);
    if (!task || !isActive(task) || !isMine(task, this.windows)) return { kind: 'done' };
    try {
      // Without a key for its region the task waits: `sync` tracks it again when a key is set.
      const client = await this.clientForTask(task);
      if (!client) return { kind: 'done' };
      const info = await client.tasks.get(taskId);
      this.health.succeeded();
      this.throttledInARow = 0;
      return isActive(this.handlers.answered(task, info)) ? { kind: 'active' } : { kind: 'done' };
    } catch (error) {
      this.health.failed(error);
      if (error instanceof DashScopeError && error.status === 429) return { kind: 'throttled', retryAfterMs: throttleDelay(error.retryAfterSeconds, ++this.throttledInARow) };
      if (error instanceof DashScopeError && error.status === 401) return this.pauseRefusedKey(task);
      this.services.log.warn(`Task ${taskId}: status check failed: ${describeError(error)}`);
      return { kind: 'failed' };
    }
  }

  /**
   * A refused key fails every check of its tasks alike: stop polling with that key (one warning, not one
   * per task) until it changes, which `refreshKeyedRegions` picks up.
   */
  private pauseRefusedKey(task: TrackedTask): CheckOutcome {
    const name = taskKeyName(task);
    if (!this.keyed.delete(name)) return { kind: 'done' };
    this.services.log.warn(`Tasks: the API key of ${name} was refused (401); polling its tasks is paused until the key changes.`);
    queueMicrotask(() => this.sync());
    this.handlers.keyRefused(task.region);
    return { kind: 'done' };
  }
}
