import type { SchedulerClock } from '../../src/extension/tasks/pollScheduler';

/** A clock whose timers fire only when the test moves time. */
export class FakeClock implements SchedulerClock {
  private time = 1_700_000_000_000;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 1;

  now = () => this.time;

  setTimer = (callback: () => void, ms: number) => {
    const timer = { at: this.time + ms, callback, id: this.nextId++ };
    this.timers.push(timer);
    return timer.id;
  };

  clearTimer = (handle: unknown) => {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  };

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward, firing due timers in order and letting their promises settle. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.time = Math.max(this.time, next.at);
      next.callback();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    }
    this.time = end;
  }
}
