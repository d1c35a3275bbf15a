import { MAX_RETRY_AFTER_SECONDS, timerDelay } from '../../dashscope/http';

/** What one status check found. */
export type CheckOutcome =
  | { readonly kind: 'active' }
  | { readonly kind: 'done' }
  /** 429: the whole scheduler waits (the limit is per account). */
  | { readonly kind: 'throttled'; readonly retryAfterMs?: number }
  /** 5xx, network: this task backs off. */
  | { readonly kind: 'failed' };

export interface SchedulerClock {
  now(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export interface PollOptions {
  readonly minIntervalMs: number;
  readonly maxIntervalMs: number;
  /** Checks started per second at most, whatever the number of tasks (the service allows 20 per account). */
  readonly maxPerSecond: number;
  /** How long a model usually takes, when known. */
  readonly typicalDuration: (model: string) => number | undefined;
}

interface Entry {
  readonly model: string;
  readonly submittedAt: number;
  nextAt: number;
  polls: number;
  failures: number;
  inFlight: boolean;
}

const UNFOCUSED_FACTOR = 3;
const EARLY_FACTOR = 4;
const MAX_BACKOFF_MS = 5 * 60_000;

/** How long a 429 pauses polling: what the server asked, within reason (a Retry-After of 30 days is not obeyed). */
function throttledWait(retryAfterMs: number | undefined): number {
  return retryAfterMs !== undefined && Number.isFinite(retryAfterMs) ? timerDelay(Math.min(retryAfterMs, MAX_RETRY_AFTER_SECONDS * 1000)) : 2000;
}

/**
 * When to look at a task next: soon after submit, then less and less often up to the maximum; when the
 * model's usual duration is known, not before the task can plausibly be done, then at a tenth of that duration.
 */
export function nextInterval(entry: { submittedAt: number; polls: number }, model: string, now: number, options: PollOptions, focused: boolean): number {
  const age = now - entry.submittedAt;
  // Grows with each poll and with the task's age, so a task resumed after a reload is not polled as if new.
  let interval = Math.min(options.maxIntervalMs, Math.max(options.minIntervalMs * 1.5 ** entry.polls, age * 0.2));
  const typical = options.typicalDuration(model);
  if (typical !== undefined) {
    const remaining = typical - age;
    // Long before the usual end there is nothing to see: wait up to four times the longest interval.
    // After it, look at a pace proportional to the usual duration.
    interval = remaining > options.minIntervalMs
      ? Math.min(options.maxIntervalMs * EARLY_FACTOR, Math.max(interval, remaining * 0.8))
      : Math.min(options.maxIntervalMs, Math.max(options.minIntervalMs, typical * 0.1));
  }
  return focused ? interval : Math.min(options.maxIntervalMs * UNFOCUSED_FACTOR, interval * UNFOCUSED_FACTOR);
}

/**
 * One timer for every tracked task. It checks the tasks that are due, never more than `maxPerSecond`
 * per second, backs off a task whose checks fail and everything after a 429, and sleeps when no task is active.
 */
export class PollScheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly started: number[] = [];
  private timer: unknown;
  private timerAt = Infinity;
  private pausedUntil = 0;
  private focused = true;
  private disposed = false;

  constructor(
    private readonly clock: SchedulerClock,
    private readonly options: PollOptions,
    private readonly check: (taskId: string) => Promise<CheckOutcome>,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  track(taskId: string, model: string, submittedAt: number, firstCheckAt?: number): void {
    const now = this.clock.now();
    const entry: Entry = { model, submittedAt, nextAt: 0, polls: 0, failures: 0, inFlight: false };
    entry.nextAt = firstCheckAt ?? now + nextInterval(entry, model, now, this.options, this.focused);
    this.entries.set(taskId, entry);
    this.arm();
  }

  untrack(taskId: string): void {
    this.entries.delete(taskId);
    this.arm();
  }

  has(taskId: string): boolean {
    return this.entries.has(taskId);
  }

  /** Checks the given tasks (or all) as soon as the rate cap allows. */
  refreshNow(taskIds?: readonly string[]): void {
    const now = this.clock.now();
    for (const [id, entry] of this.entries) if (!taskIds || taskIds.includes(id)) entry.nextAt = now;
    this.arm();
  }

  /** Unfocused windows poll three times slower; on focus, checks planned at the slow pace are brought forward. */
  setFocused(focused: boolean): void {
    const regained = focused && !this.focused;
    this.focused = focused;
    if (!regained) return;
    const now = this.clock.now();
    for (const entry of this.entries.values()) {
      if (entry.failures === 0) entry.nextAt = Math.min(entry.nextAt, now + nextInterval(entry, entry.model, now, this.options, true));
    }
    this.arm();
  }

  dispose(): void {
    this.disposed = true;
    this.entries.clear();
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
  }

  private arm(): void {
    if (this.disposed) return;
    let next = Infinity;
    for (const entry of this.entries.values()) if (!entry.inFlight) next = Math.min(next, entry.nextAt);
    if (next === Infinity) {
      if (this.timer !== undefined) this.clock.clearTimer(this.timer);
      this.timer = undefined;
      this.timerAt = Infinity;
      return;
    }
    const now = this.clock.now();
    const at = Math.max(next, this.pausedUntil, this.slotAt(now));
    if (this.timer !== undefined && this.timerAt <= at) return;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timerAt = at;
    this.timer = this.clock.setTimer(() => this.tick(), timerDelay(at - now));
  }

  /** The earliest time another check may start under the per-second cap. */
  private slotAt(now: number): number {
    while (this.started.length > 0 && now - this.started[0]! >= 1000) this.started.shift();
    return this.started.length < this.options.maxPerSecond ? now : this.started[0]! + 1000;
  }

  private tick(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.clock.now();
    if (now >= this.pausedUntil) {
      const due = [...this.entries.entries()].filter(([, entry]) => !entry.inFlight && entry.nextAt <= now).sort((a, b) => a[1].nextAt - b[1].nextAt);
      for (const [id, entry] of due) {
        if (this.slotAt(now) > now) break;
        this.started.push(now);
        void this.run(id, entry);
      }
    }
    this.arm();
  }

  private async run(taskId: string, entry: Entry): Promise<void> {
    entry.inFlight = true;
    let outcome: CheckOutcome;
    try {
      outcome = await this.check(taskId);
    } catch {
      outcome = { kind: 'failed' };
    }
    entry.inFlight = false;
    if (this.entries.get(taskId) !== entry) return;
    const now = this.clock.now();
    switch (outcome.kind) {
      case 'done':
        this.entries.delete(taskId);
        break;
      case 'active':
        entry.polls++;
        entry.failures = 0;
        entry.nextAt = now + nextInterval(entry, entry.model, now, this.options, this.focused);
        break;
      case 'throttled':
        this.pausedUntil = Math.max(this.pausedUntil, now + throttledWait(outcome.retryAfterMs));
        entry.nextAt = this.pausedUntil;
        break;
      case 'failed':
        entry.failures++;
        entry.nextAt = now + Math.min(MAX_BACKOFF_MS, this.options.minIntervalMs * 2 ** entry.failures);
        break;
    }
    this.arm();
  }
}
