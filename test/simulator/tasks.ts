import { randomUUID } from 'node:crypto';
import { serviceTime } from './clock';

export type SimTaskStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED';

export interface TaskOutcome {
  readonly status: 'SUCCEEDED' | 'FAILED';
  /** FAILED: the code and message the task ends with. */
  readonly code?: string;
  readonly message?: string;
  /** SUCCEEDED: result fields of `output` and the top-level `usage`, made once when first seen (URLs expire from end_time). */
  readonly result?: (endTimeMs: number) => { output: Record<string, unknown>; usage?: Record<string, unknown> };
}

interface SimTask {
  readonly id: string;
  readonly account: string;
  readonly model: string;
  readonly requestId: string;
  readonly submittedAt: number;
  readonly pendingMs: number;
  readonly runningMs: number;
  readonly outcome: TaskOutcome;
  canceledAt?: number;
  made?: { output: Record<string, unknown>; usage?: Record<string, unknown> };
}

/** Task ids are kept this long; afterwards (or for unknown ids) the service answers UNKNOWN. */
export const TASK_RETENTION_MS = 24 * 3600_000;

/** Async tasks on the simulator clock: PENDING → RUNNING → SUCCEEDED/FAILED, fields appearing by state. */
export class TaskStore {
  private readonly tasks = new Map<string, SimTask>();

  constructor(private readonly now: () => number) {}

  create(account: string, model: string, requestId: string, timings: { pendingMs: number; runningMs: number }, outcome: TaskOutcome): string {
    const id = randomUUID();
    this.tasks.set(id, { id, account, model, requestId, submittedAt: this.now(), ...timings, outcome });
    return id;
  }

  private find(account: string, id: string): SimTask | undefined {
    const task = this.tasks.get(id);
    if (!task || task.account !== account) return undefined;
    const end = this.endTime(task);
    if (end !== undefined && this.now() - end > TASK_RETENTION_MS) return undefined;
    if (this.now() - task.submittedAt > TASK_RETENTION_MS * 2) return undefined;
    return task;
  }

  status(task: SimTask): SimTaskStatus {
    if (task.canceledAt !== undefined) return 'CANCELED';
    const elapsed = this.now() - task.submittedAt;
    if (elapsed < task.pendingMs) return 'PENDING';
    if (elapsed < task.pendingMs + task.runningMs) return 'RUNNING';
    return task.outcome.status;
  }

  private endTime(task: SimTask): number | undefined {
    if (task.canceledAt !== undefined) return task.canceledAt;
    const end = task.submittedAt + task.pendingMs + task.runningMs;
    return this.now() >= end ? end : undefined;
  }

  /** The `output` object of GET /tasks/{id}, with the top-level usage when succeeded. */
  view(account: string, id: string): { output: Record<string, unknown>; usage?: Record<string, unknown>; requestId?: string } {
    const task = this.find(account, id);
    if (!task) return { output: { task_id: id, task_status: 'UNKNOWN' } };
    const status = this.status(task);
    const output: Record<string, unknown> = { task_id: task.id, task_status: status, submit_time: serviceTime(task.submittedAt) };
    if (status === 'PENDING') return { output };
    if (status !== 'CANCELED') output.scheduled_time = serviceTime(task.submittedAt + task.pendingMs);
    if (status === 'RUNNING') return { output };
    const end = this.endTime(task)!;
    output.end_time = serviceTime(end);
    if (status === 'FAILED') {
      output.code = task.outcome.code;
      output.message = task.outcome.message;
      return { output };
    }
    if (status === 'CANCELED') return { output };
    task.made ??= task.outcome.result?.(end) ?? { output: {} };
    return { output: { ...output, ...task.made.output }, ...(task.made.usage ? { usage: task.made.usage } : {}) };
  }

  /** Cancels a PENDING task; false for any other state (the service answers UnsupportedOperation). */
  cancel(account: string, id: string): boolean {
    const task = this.find(account, id);
    if (!task || this.status(task) !== 'PENDING') return false;
    task.canceledAt = this.now();
    return true;
  }

  /** Tasks of an account, newest first, for GET /tasks. */
  list(account: string, filter: { start?: number; end?: number; model?: string; status?: string }): Record<string, unknown>[] {
    return [...this.tasks.values()]
      .filter((task) => task.account === account && this.find(account, task.id))
      .filter((task) => (filter.start === undefined || task.submittedAt >= filter.start) && (filter.end === undefined || task.submittedAt <= filter.end))
      .filter((task) => filter.model === undefined || task.model === filter.model)
      .filter((task) => filter.status === undefined || this.status(task) === filter.status)
      .sort((a, b) => b.submittedAt - a.submittedAt)
      .map((task) => {
        const status = this.status(task);
        const end = this.endTime(task);
        return {
          task_id: task.id,
          status,
          model_name: task.model,
          region: account,
          api_key_id: '42677',
          caller_parent_id: '1000000000000000',
          caller_uid: '1000000000000000',
          request_id: task.requestId,
          gmt_create: task.submittedAt,
          start_time: status === 'PENDING' ? null : task.submittedAt + task.pendingMs,
          end_time: end ?? null,
          user_api_unique_key: `apikey:v1:aigc:${task.model}`,
        };
      });
  }

  get size(): number {
    return this.tasks.size;
  }
}

export const newTaskRequestId = () => randomUUID();
