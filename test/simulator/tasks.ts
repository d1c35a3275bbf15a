import { createHash, randomUUID } from 'node:crypto';
import { REGIONS } from '../../src/dashscope/regions';
import type { SimRegion } from './plans';

/** The task list's `region` field: Alibaba Cloud's id of the region. */
const CLOUD_REGIONS: Record<SimRegion, string> = { ...Object.fromEntries(Object.values(REGIONS).map((info) => [info.id, info.cloudRegion])) as Record<keyof typeof REGIONS, string>, jp: 'ap-northeast-1', eu: 'eu-central-1' };
import { serviceTime } from './clock';

export type TaskKind = 'image' | 'video' | 'asr';
export type SimTaskStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED';

export interface TaskResult {
  /** Result fields merged into `output` (video_url, results[], choices[] …). */
  readonly output: Record<string, unknown>;
  readonly usage?: Record<string, unknown>;
  /** `usage` as raw JSON text, for shapes JSON.stringify cannot make (the deep-usage fault). */
  readonly usageJson?: string;
}

export type TaskOutcome =
  | { readonly status: 'SUCCEEDED'; readonly result: (endTimeMs: number) => TaskResult }
  | { readonly status: 'FAILED'; readonly code: string; readonly message: string };

interface SimTask {
  readonly id: string;
  /** Tasks belong to the account: any key of the same region sees them. */
  readonly region: SimRegion;
  readonly apiKeyId: string;
  readonly model: string;
  readonly requestId: string;
  readonly submittedAt: number;
  /** The prompt it was submitted with (`startQueued` finds tasks by it). */
  readonly prompt: string;
  /** Shortened by `startQueued`. */
  pendingMs: number;
  readonly runningMs: number;
  readonly outcome: TaskOutcome;
  /** Extra `output` fields while RUNNING (e.g. task_metrics of multi-result jobs). */
  readonly runningOutput?: Record<string, unknown>;
  canceledAt?: number;
  made?: TaskResult;
}

/** Task ids are queryable this long after submission; afterwards (or for unknown ids) the service answers UNKNOWN. */
export const TASK_RETENTION_MS = 24 * 3600_000;

/** The numeric id the task list shows for the key that submitted a task. */
export const apiKeyId = (key: string) => String(Number.parseInt(createHash('sha1').update(key).digest('hex').slice(0, 8), 16) % 1_000_000);

export interface TaskListFilter {
  readonly start?: number;
  readonly end?: number;
  readonly model?: string;
  readonly status?: string;
  readonly apiKeyId?: string;
}

/** Async tasks on the simulator clock: PENDING → RUNNING → SUCCEEDED/FAILED (or CANCELED), fields appearing by state (§8.1). */
export class TaskStore {
  private readonly tasks = new Map<string, SimTask>();

  constructor(private readonly now: () => number) {}

  create(task: { id?: string; region: SimRegion; key: string; model: string; prompt?: string; requestId: string; timings: { pendingMs: number; runningMs: number }; outcome: TaskOutcome; runningOutput?: Record<string, unknown> }): string {
    const id = task.id ?? randomUUID();
    this.tasks.set(id, {
      id, region: task.region, apiKeyId: apiKeyId(task.key), model: task.model, prompt: task.prompt ?? '', requestId: task.requestId, submittedAt: this.now(),
      ...task.timings, outcome: task.outcome, runningOutput: task.runningOutput,
    });
    return id;
  }

  private find(region: SimRegion, id: string): SimTask | undefined {
    const task = this.tasks.get(id);
    if (!task || task.region !== region || this.now() - task.submittedAt > TASK_RETENTION_MS) return undefined;
    return task;
  }

  private status(task: SimTask): SimTaskStatus {
    if (task.canceledAt !== undefined) return 'CANCELED';
    const elapsed = this.now() - task.submittedAt;
    if (elapsed < task.pendingMs) return 'PENDING';
    if (elapsed < task.pendingMs + task.runningMs) return 'RUNNING';
    return task.outcome.status;
  }

  private scheduledAt = (task: SimTask) => task.submittedAt + task.pendingMs;

  private endedAt(task: SimTask): number | undefined {
    if (task.canceledAt !== undefined) return task.canceledAt;
    const end = this.scheduledAt(task) + task.runningMs;
    return this.now() >= end ? end : undefined;
  }

  /** GET /tasks/{id}: `output` with the fields of the current state, and `usage` once succeeded. */
  view(region: SimRegion, id: string): TaskResult {
    const task = this.find(region, id);
    if (!task) return { output: { task_id: id, task_status: 'UNKNOWN' } };
    const status = this.status(task);
    const output: Record<string, unknown> = { task_id: task.id, task_status: status, submit_time: serviceTime(task.submittedAt) };
    if (status === 'PENDING') return { output };
    if (status === 'CANCELED') return { output: { ...output, end_time: serviceTime(task.canceledAt!) } };
    output.scheduled_time = serviceTime(this.scheduledAt(task));
    if (status === 'RUNNING') return { output: { ...output, ...task.runningOutput } };
    const end = this.endedAt(task)!;
    output.end_time = serviceTime(end);
    if (task.outcome.status === 'FAILED') return { output: { ...output, code: task.outcome.code, message: task.outcome.message } };
    task.made ??= task.outcome.result(end);
    return { output: { ...output, ...task.made.output }, ...(task.made.usage ? { usage: task.made.usage } : {}), usageJson: task.made.usageJson };
  }

  /** Every PENDING task whose prompt contains `text` leaves its queue now and starts RUNNING; returns how many did. */
  startQueued(text: string): number {
    const queued = [...this.tasks.values()].filter((task) => task.prompt.includes(text) && this.status(task) === 'PENDING');
    for (const task of queued) task.pendingMs = this.now() - task.submittedAt;
    return queued.length;
  }

  /** Cancels a PENDING task; false for any other state or an unknown id (the service answers UnsupportedOperation). */
  cancel(region: SimRegion, id: string): boolean {
    const task = this.find(region, id);
    if (!task || this.status(task) !== 'PENDING') return false;
    task.canceledAt = this.now();
    return true;
  }

  /** GET /tasks: the account's tasks, newest first, in the list's own shape (§8.3: `status`, epoch ms). */
  list(region: SimRegion, filter: TaskListFilter): Record<string, unknown>[] {
    return [...this.tasks.values()]
      .filter((task) => this.find(region, task.id) !== undefined)
      .filter((task) => (filter.start === undefined || task.submittedAt >= filter.start) && (filter.end === undefined || task.submittedAt <= filter.end))
      .filter((task) => filter.model === undefined || task.model === filter.model)
      .filter((task) => filter.apiKeyId === undefined || task.apiKeyId === filter.apiKeyId)
      .filter((task) => filter.status === undefined || this.status(task) === filter.status)
      .sort((a, b) => b.submittedAt - a.submittedAt)
      .map((task) => {
        const status = this.status(task);
        return {
          task_id: task.id,
          status,
          model_name: task.model,
          region: CLOUD_REGIONS[region],
          api_key_id: task.apiKeyId,
          caller_parent_id: '1000000000000000',
          caller_uid: '1000000000000000',
          request_id: task.requestId,
          gmt_create: task.submittedAt,
          start_time: status === 'PENDING' || status === 'CANCELED' ? null : this.scheduledAt(task),
          end_time: this.endedAt(task) ?? null,
          user_api_unique_key: `apikey:v1:aigc:${task.model}`,
        };
      });
  }
}
