import { PollScheduler } from '../../src/extension/tasks/pollScheduler';
import { GROUP_OF, presentTask, type Group } from '../../src/extension/tasks/taskPresentation';
import { memoryTaskPersistence } from '../../src/extension/tasks/taskFiles';
import { TaskStore } from '../../src/extension/tasks/taskStore';
import { FakeClock } from '../unit/fakeClock';
import { median } from './measure';

const TASKS = 500;
const MINUTES = 10;
const NAIVE_INTERVAL_MS = 5000;
const MAX_PER_SECOND = 5;
const MODELS = ['wan2.6-t2v', 'wan2.7-i2v', 'wan2.2-kf2v-flash', 'wan2.7-image-pro'];
/** What finished tasks taught the tracker: typical submit-to-end times for three of the four models. */
const LEARNED: Readonly<Record<string, number>> = { 'wan2.6-t2v': 300_000, 'wan2.7-i2v': 60_000, 'wan2.7-image-pro': 20_000 };

interface SimulatedTask {
  readonly id: string;
  readonly model: string;
  readonly submittedAt: number;
  readonly doneAt: number;
}

/** A small deterministic PRNG, so every run simulates the same tasks. */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

/**
 * Polls the tasks still running at `start` with the scheduler for the simulated window; counts its task
 * requests, the busiest second, and what naive fixed-interval polling of the same tasks would have sent.
 */
async function simulate(clock: FakeClock, tasks: readonly SimulatedTask[]) {
  const start = clock.now();
  const end = start + MINUTES * 60_000;
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const perSecond = new Map<number, number>();
  let requests = 0;
  const scheduler = new PollScheduler(clock, { minIntervalMs: 2000, maxIntervalMs: 15_000, maxPerSecond: MAX_PER_SECOND, typicalDuration: (model) => LEARNED[model] }, async (taskId) => {
    requests++;
    const second = Math.floor(clock.now() / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    return clock.now() >= byId.get(taskId)!.doneAt ? { kind: 'done' } : { kind: 'active' };
  });
  const active = tasks.filter((task) => task.doneAt > start);
  for (const task of active) scheduler.track(task.id, task.model, task.submittedAt, start);
  await clock.advance(MINUTES * 60_000);
  scheduler.dispose();
  const naive = active.reduce((sum, task) => sum + Math.floor((Math.min(task.doneAt, end) - start) / NAIVE_INTERVAL_MS) + 1, 0);
  return { active: active.length, requests, naive, busiestSecond: Math.max(0, ...perSecond.values()) };
}

function report(title: string, result: Awaited<ReturnType<typeof simulate>>): void {
  console.log(`${title}: ${result.active} of ${TASKS} tasks still running at the start, ${MINUTES} simulated minutes`);
  console.log(`  task requests: ${result.requests} adaptive vs ${result.naive} with naive ${NAIVE_INTERVAL_MS / 1000} s polling (${(result.requests / result.naive).toFixed(2)}x; target ≤ 0.33x); busiest second ${result.busiestSecond} requests (cap ${MAX_PER_SECOND}, service limit 20), naive ${(result.naive / (MINUTES * 60)).toFixed(1)}/s on average`);
}

/** The work of one refresh of the Tasks view: the root, then each group's children with their labels, descriptions and tooltips. */
function refreshTree(store: TaskStore, now: number): number {
  let items = 0;
  const groups = (['running', 'succeeded', 'finished'] as const).filter((group) => store.all().some((task) => GROUP_OF[task.status] === group));
  for (const group of groups) {
    for (const task of store.all().filter((candidate) => GROUP_OF[candidate.status] === (group as Group))) {
      presentTask(task, now);
      items++;
    }
  }
  return items;
}

/** 500 tracked tasks of mixed age for 10 simulated minutes: task requests against naive fixed 5 s polling, and the tree refresh time. */
export async function run(): Promise<void> {
  const next = random(42);
  const clock = new FakeClock();
  const start = clock.now();
  const mixed = Array.from({ length: TASKS }, (_, i): SimulatedTask => {
    const model = MODELS[i % MODELS.length]!;
    const submittedAt = start - Math.floor(next() * 20 * 60_000);
    return { id: `task-${i}`, model, submittedAt, doneAt: submittedAt + Math.floor((LEARNED[model] ?? 180_000) * (0.5 + next())) };
  });
  report('Mixed ages (submitted over the last 20 minutes)', await simulate(clock, mixed));

  // Everything still running for the whole window: the rate cap, not the per-task pace, bounds the requests.
  const busyClock = new FakeClock();
  const busy = mixed.map((task) => ({ ...task, submittedAt: task.submittedAt - start + busyClock.now(), doneAt: busyClock.now() + MINUTES * 60_000 + 1 }));
  report('All running (a burst of submissions)', await simulate(busyClock, busy));

  const end = start + MINUTES * 60_000;
  const store = new TaskStore(memoryTaskPersistence());
  await store.load();
  mixed.forEach((task, i) => store.upsert({
    taskId: `0385dc79-5ff8-4d82-bcb6-${String(i).padStart(12, '0')}`, region: 'cn', kind: 'video', model: task.model, prompt: `A cinematic shot number ${i} of a paper boat`,
    status: task.doneAt > end ? 'RUNNING' : i % 10 === 0 ? 'FAILED' : 'SUCCEEDED', createdAt: task.submittedAt, submitTime: task.submittedAt,
    endTime: task.doneAt > end ? undefined : task.doneAt, resultUrls: [], localFiles: [], usage: { duration: 5, video_count: 1 }, request: { model: task.model, duration: 5 },
    ...(i % 10 === 0 ? { code: 'DataInspectionFailed', message: 'Input data may contain inappropriate content.' } : {}),
  }));
  const samples: number[] = [];
  for (let i = 0; i < 30; i++) {
    const began = performance.now();
    refreshTree(store, end);
    samples.push(performance.now() - began);
  }
  // The first refresh also pays for warming up (JIT, the date formatter): reported on its own.
  console.log(`tree refresh (${TASKS} items: sort, group, labels, descriptions, Markdown tooltips): first ${samples[0]!.toFixed(2)} ms, then median ${median(samples.slice(1)).toFixed(2)} ms, slowest ${Math.max(...samples.slice(1)).toFixed(2)} ms (target < 50 ms)`);
}
