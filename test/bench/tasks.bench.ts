import { PollScheduler } from '../../src/extension/tasks/pollScheduler';
import { GROUP_OF, presentTask } from '../../src/extension/tasks/taskPresentation';
import type { TrackedTask } from '../../src/extension/tasks/trackedTask';
import { FakeClock } from '../unit/fakeClock';
import { median } from './measure';

const TASKS = 500;
const MINUTES = 10;
const NAIVE_INTERVAL_MS = 5000;

/** A small deterministic PRNG, so every run simulates the same tasks. */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

/** 500 tracked tasks of mixed age for 10 simulated minutes: task requests against naive fixed 5 s polling, and the tree refresh time. */
export async function run(): Promise<void> {
  const clock = new FakeClock();
  const start = clock.now();
  const next = random(42);
  const models = ['wan2.6-t2v', 'wan2.7-i2v', 'wan2.2-kf2v-flash', 'wan2.7-image-pro'];
  // What finished tasks taught the tracker: typical submit-to-end times for three of the four models.
  const learned: Record<string, number> = { 'wan2.6-t2v': 300_000, 'wan2.7-i2v': 60_000, 'wan2.7-image-pro': 20_000 };
  const tasks = Array.from({ length: TASKS }, (_, i) => {
    const model = models[i % models.length]!;
    const submittedAt = start - Math.floor(next() * 20 * 60_000);
    const typical = learned[model] ?? 180_000;
    return { id: `task-${i}`, model, submittedAt, doneAt: submittedAt + Math.floor(typical * (0.5 + next())) };
  });
  const active = tasks.filter((task) => task.doneAt > start);

  let requests = 0;
  const scheduler = new PollScheduler(clock, { minIntervalMs: 2000, maxIntervalMs: 15_000, maxPerSecond: 5, typicalDuration: (model) => learned[model] }, async (taskId) => {
    requests++;
    const task = tasks[Number(taskId.slice(5))]!;
    return clock.now() >= task.doneAt ? { kind: 'done' } : { kind: 'active' };
  });
  for (const task of active) scheduler.track(task.id, task.model, task.submittedAt, start);
  await clock.advance(MINUTES * 60_000);
  scheduler.dispose();

  const end = start + MINUTES * 60_000;
  const naive = active.reduce((sum, task) => sum + Math.floor((Math.min(task.doneAt, end) - start) / NAIVE_INTERVAL_MS) + 1, 0);
  console.log(`${TASKS} tracked tasks (${active.length} still running at the start), ${MINUTES} simulated minutes`);
  console.log(`task requests: ${requests} adaptive vs ${naive} with naive 5 s polling (${(requests / naive).toFixed(2)}x; target ≤ 0.33x), never more than 5 per second`);

  const tracked: TrackedTask[] = tasks.map((task, i) => ({
    taskId: `0385dc79-5ff8-4d82-bcb6-${String(i).padStart(12, '0')}`, region: 'cn', kind: 'video', model: task.model, prompt: `A cinematic shot number ${i} of a paper boat`,
    status: task.doneAt > end ? 'RUNNING' : i % 10 === 0 ? 'FAILED' : 'SUCCEEDED', createdAt: task.submittedAt, submitTime: task.submittedAt,
    endTime: task.doneAt > end ? undefined : task.doneAt, resultUrls: [], localFiles: [], usage: { duration: 5, video_count: 1 }, request: { model: task.model, duration: 5 },
  }));
  const samples: number[] = [];
  for (let i = 0; i < 30; i++) {
    const began = performance.now();
    const groups = new Map<string, unknown[]>();
    for (const task of [...tracked].sort((a, b) => b.createdAt - a.createdAt)) {
      const group = GROUP_OF[task.status];
      groups.set(group, [...(groups.get(group) ?? []), presentTask(task, end)]);
    }
    samples.push(performance.now() - began);
  }
  console.log(`tree refresh (${TASKS} items: sort, group, labels, descriptions, tooltips): median ${median(samples).toFixed(2)} ms (target < 50 ms)`);
}
