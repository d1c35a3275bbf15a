import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextInterval, PollScheduler, type CheckOutcome, type PollOptions } from '../../src/extension/tasks/pollScheduler';
import { FakeClock } from './fakeClock';

const options = (overrides: Partial<PollOptions> = {}): PollOptions => ({ minIntervalMs: 2000, maxIntervalMs: 15_000, maxPerSecond: 5, typicalDuration: () => undefined, ...overrides });

/** A scheduler whose checks answer from `outcome` and are recorded with their times. */
function setup(outcome: (taskId: string, count: number) => CheckOutcome, opts = options()) {
  const clock = new FakeClock();
  const checks: { taskId: string; at: number }[] = [];
  const scheduler = new PollScheduler(clock, opts, async (taskId) => {
    checks.push({ taskId, at: clock.now() });
    return outcome(taskId, checks.filter((c) => c.taskId === taskId).length);
  });
  return { clock, checks, scheduler };
}

describe('nextInterval', () => {
  it('starts at the minimum and grows toward the maximum', () => {
    const intervals = [0, 1, 2, 3, 4, 5, 6, 7].map((polls) => nextInterval({ submittedAt: 0, polls }, 'm', 0, options(), true));
    assert.deepEqual(intervals, [2000, 3000, 4500, 6750, 10125, 15000, 15000, 15000]);
  });

  it('waits for the usual duration of the model, then looks at a tenth of it', () => {
    const typical = options({ typicalDuration: () => 60_000 });
    assert.equal(nextInterval({ submittedAt: 0, polls: 0 }, 'm', 1000, typical, true), 47_200);
    assert.equal(nextInterval({ submittedAt: 0, polls: 0 }, 'm', 1000, options({ typicalDuration: () => 600_000 }), true), 60_000);
    assert.equal(nextInterval({ submittedAt: 0, polls: 9 }, 'm', 59_000, typical, true), 6000);
    assert.equal(nextInterval({ submittedAt: 0, polls: 9 }, 'm', 59_000, options({ typicalDuration: () => 10_000 }), true), 2000);
  });

  it('slows down while the window is not focused', () => {
    assert.equal(nextInterval({ submittedAt: 0, polls: 0 }, 'm', 0, options(), false), 6000);
    assert.equal(nextInterval({ submittedAt: 0, polls: 20 }, 'm', 0, options(), false), 45_000);
  });
});

describe('PollScheduler', () => {
  it('polls a task until it is done, with growing intervals, then sleeps', async () => {
    const { clock, checks, scheduler } = setup((_id, count) => (count < 5 ? { kind: 'active' } : { kind: 'done' }));
    scheduler.track('a', 'm', clock.now());
    await clock.advance(120_000);
    const gaps = checks.slice(1).map((c, i) => c.at - checks[i]!.at);
    assert.deepEqual(gaps, [3000, 4500, 6750, 10125]);
    assert.equal(scheduler.size, 0);
    assert.equal(clock.pendingTimers, 0, 'no timer while nothing is pending');
  });

  it('keeps a single timer whatever the number of tasks, and never exceeds the per-second cap', async () => {
    const { clock, checks, scheduler } = setup(() => ({ kind: 'active' }));
    for (let i = 0; i < 500; i++) scheduler.track(`t${i}`, 'm', clock.now(), clock.now());
    assert.equal(clock.pendingTimers, 1);
    await clock.advance(300_000);
    const perSecond = new Map<number, number>();
    for (const check of checks) perSecond.set(Math.floor(check.at / 1000), (perSecond.get(Math.floor(check.at / 1000)) ?? 0) + 1);
    assert.ok(Math.max(...perSecond.values()) <= 5, `at most 5 checks per second, saw ${Math.max(...perSecond.values())}`);
    assert.ok(checks.length > 500, 'every task was checked');
    assert.equal(clock.pendingTimers, 1);
  });

  it('pauses everything after a 429 for Retry-After, and backs off a failing task', async () => {
    const { clock, checks, scheduler } = setup((id, count) => (id === 'throttled' && count === 1 ? { kind: 'throttled', retryAfterMs: 30_000 } : id === 'broken' ? { kind: 'failed' } : { kind: 'active' }));
    scheduler.track('throttled', 'm', clock.now(), clock.now());
    await clock.advance(100);
    const start = clock.now();
    scheduler.track('other', 'm', clock.now(), clock.now());
    await clock.advance(29_000);
    assert.ok(!checks.some((c) => c.taskId === 'other'), 'nothing is checked during the pause');
    await clock.advance(2_000);
    assert.ok(checks.some((c) => c.taskId === 'other' && c.at >= start + 29_000));

    scheduler.untrack('throttled');
    scheduler.untrack('other');
    const before = checks.length;
    scheduler.track('broken', 'm', clock.now(), clock.now());
    await clock.advance(60_000);
    const broken = checks.slice(before).map((c) => c.at);
    const gaps = broken.slice(1).map((at, i) => at - broken[i]!);
    assert.deepEqual(gaps, [4000, 8000, 16000, 32000].slice(0, gaps.length));
  });

  it('refreshes on demand', async () => {
    const { clock, checks, scheduler } = setup(() => ({ kind: 'active' }));
    scheduler.track('a', 'm', clock.now());
    await clock.advance(2000);
    assert.equal(checks.length, 1);
    scheduler.refreshNow(['a']);
    await clock.advance(1);
    assert.equal(checks.length, 2);
  });
});
