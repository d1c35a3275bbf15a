import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextInterval, PollScheduler, type CheckOutcome, type PollOptions } from '../../src/extension/tasks/pollScheduler';
import { memoryTaskPersistence } from '../../src/extension/tasks/taskFiles';
import { TaskStore } from '../../src/extension/tasks/taskStore';
import type { TrackedTask } from '../../src/extension/tasks/trackedTask';
import { tasksToPoll } from '../../src/extension/tasks/taskUpdate';
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

  it('caps a Retry-After of 30 days at 10 minutes, and never arms a timer beyond what Node can hold', async () => {
    const delays: number[] = [];
    const { clock, checks, scheduler } = setup((id, count) => (count === 1 ? { kind: 'throttled', retryAfterMs: 30 * 24 * 3600_000 } : { kind: 'active' }));
    const setTimer = clock.setTimer;
    clock.setTimer = (callback, ms) => {
      delays.push(ms);
      return setTimer(callback, ms);
    };
    scheduler.track('a', 'm', clock.now(), clock.now());
    await clock.advance(100);
    assert.equal(checks.length, 1);
    await clock.advance(10 * 60_000);
    assert.equal(checks.length, 2, 'polling resumed within 10 minutes');
    assert.ok(delays.every((ms) => ms >= 0 && ms <= 2 ** 31 - 1), `timer delays ${delays.join(', ')}`);
    assert.ok(delays.length < 10, `${delays.length} timers armed`);
    scheduler.track('b', 'm', clock.now(), clock.now() + 40 * 24 * 3600_000);
    assert.ok(delays.every((ms) => ms <= 2 ** 31 - 1), 'a check planned 40 days ahead arms a timer Node can hold');
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

  it('brings checks planned at the unfocused pace forward when the window regains focus', async () => {
    const { clock, checks, scheduler } = setup(() => ({ kind: 'active' }));
    scheduler.setFocused(false);
    scheduler.track('a', 'm', clock.now());
    await clock.advance(6000);
    assert.equal(checks.length, 1, 'first check after 3 × 2 s while unfocused');
    await clock.advance(1000);
    scheduler.setFocused(true);
    await clock.advance(3000);
    assert.deepEqual(checks.map((c) => c.at - checks[0]!.at), [0, 4000], 'the next check 3 s after focus returns, not 9 s after the first');
  });
});

describe('resuming after a reload', () => {
  it('checks the persisted active tasks at once, then at a pace that fits their age, and never the finished ones', async () => {
    const persistence = memoryTaskPersistence();
    const clock = new FakeClock();
    const task = (taskId: string, status: TrackedTask['status'], ageMs: number): TrackedTask => ({
      taskId, region: 'cn', kind: 'video', model: 'wan2.6-t2v', prompt: taskId, status, createdAt: clock.now() - ageMs, submitTime: clock.now() - ageMs, resultUrls: [], localFiles: [],
    });
    const before = new TaskStore(persistence);
    before.upsert(task('young', 'PENDING', 5_000));
    before.upsert(task('old', 'RUNNING', 600_000));
    before.upsert(task('done', 'SUCCEEDED', 900_000));
    before.upsert(task('other-region', 'RUNNING', 5_000));
    before.update('other-region', { region: 'intl' });
    await before.flush();

    const after = new TaskStore(persistence);
    await after.load();
    const checks: { taskId: string; at: number }[] = [];
    const scheduler = new PollScheduler(clock, options(), async (taskId) => {
      checks.push({ taskId, at: clock.now() });
      return { kind: 'active' };
    });
    for (const resumed of tasksToPoll(after.all(), new Set(['cn']), { id: 'me', isLive: () => false })) scheduler.track(resumed.taskId, resumed.model, resumed.submitTime!, clock.now());
    await clock.advance(30_000);
    const times = (id: string) => checks.filter((c) => c.taskId === id).map((c) => c.at - checks[0]!.at);
    assert.deepEqual(times('young'), [0, 3000, 7500, 14_250, 24_375], 'a young task is looked at often');
    assert.deepEqual(times('old'), [0, 15_000, 30_000], 'a ten-minute-old task at the longest interval at once');
    assert.deepEqual([times('done'), times('other-region')], [[], []]);
  });
});

describe('UNKNOWN on a tracked task', () => {
  it('stops polling it: one request, then the scheduler sleeps', async () => {
    const { clock, checks, scheduler } = setup(() => ({ kind: 'done' }));
    scheduler.track('expired', 'm', clock.now() - 30 * 3600_000, clock.now());
    await clock.advance(600_000);
    assert.equal(checks.length, 1);
    assert.equal(clock.pendingTimers, 0);
  });
});
