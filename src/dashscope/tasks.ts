import { z } from 'zod';
import { DashScopeError, redactSecrets } from './errors';
import type { CallOptions, Transport } from './http';
import { formatListTime, parseServiceTime } from './time';

export const TASK_STATUSES = ['PENDING', 'RUNNING', 'SUSPENDED', 'SUCCEEDED', 'FAILED', 'CANCELED', 'UNKNOWN'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TERMINAL_STATUSES: ReadonlySet<TaskStatus> = new Set(['SUCCEEDED', 'FAILED', 'CANCELED', 'UNKNOWN']);

const statusSchema = z.string().transform((value): TaskStatus => ((TASK_STATUSES as readonly string[]).includes(value) ? (value as TaskStatus) : 'UNKNOWN'));

/** Fields appear by state: success-only fields stay optional until SUCCEEDED. */
const taskOutputSchema = z.looseObject({
  task_id: z.string(),
  task_status: statusSchema,
  submit_time: z.string().nullish(),
  scheduled_time: z.string().nullish(),
  end_time: z.string().nullish(),
  code: z.string().nullish(),
  message: z.string().nullish(),
  video_url: z.string().nullish(),
  orig_prompt: z.string().nullish(),
  actual_prompt: z.string().nullish(),
  task_metrics: z.looseObject({ TOTAL: z.number(), SUCCEEDED: z.number(), FAILED: z.number() }).nullish(),
});

const taskResponseSchema = z.looseObject({
  request_id: z.string().optional(),
  output: taskOutputSchema,
  usage: z.record(z.string(), z.unknown()).nullish(),
});

export interface TaskInfo {
  readonly taskId: string;
  readonly status: TaskStatus;
  readonly submitTime: number | undefined;
  readonly scheduledTime: number | undefined;
  readonly endTime: number | undefined;
  /** On FAILED (e.g. `DataInspectionFailed`): a typed result, not an exception. */
  readonly code: string | undefined;
  readonly message: string | undefined;
  readonly videoUrl: string | undefined;
  readonly metrics: { readonly total: number; readonly succeeded: number; readonly failed: number } | undefined;
  readonly usage: Readonly<Record<string, string | number | boolean>> | undefined;
  /** The whole `output` object, for the endpoint-specific results (images, transcriptions, …). */
  readonly output: Readonly<Record<string, unknown>>;
  readonly requestId: string | undefined;
}

/** The usage fields DashScope reports for tasks (video, image, speech, tokens); others are dropped. */
const USAGE_FIELDS = new Set([
  'duration', 'input_video_duration', 'output_video_duration', 'video_count', 'video_duration', 'video_ratio', 'SR', 'ratio',
  'size', 'width', 'height', 'image_count', 'input_tokens', 'output_tokens', 'total_tokens', 'characters',
]);
const MAX_USAGE_TEXT = 100;

/**
 * The known scalar fields of a task's usage: it is stored with the task and shown, so nothing nested, no
 * unknown field and no long text comes through.
 */
function knownUsage(usage: Record<string, unknown> | null | undefined): Record<string, string | number | boolean> | undefined {
  if (!usage) return undefined;
  const kept: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(usage)) {
    if (!USAGE_FIELDS.has(name)) continue;
    if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean' || (typeof value === 'string' && value.length <= MAX_USAGE_TEXT)) kept[name] = value;
  }
  return kept;
}

export function taskInfoFrom(response: z.output<typeof taskResponseSchema>): TaskInfo {
  const output = response.output;
  return {
    taskId: output.task_id,
    status: output.task_status,
    submitTime: parseServiceTime(output.submit_time),
    scheduledTime: parseServiceTime(output.scheduled_time),
    endTime: parseServiceTime(output.end_time),
    // A failed task's code and message are shown in the Tasks view and saved with the task: never with a key in them.
    code: output.code == null ? undefined : redactSecrets(output.code),
    message: output.message == null ? undefined : redactSecrets(output.message),
    videoUrl: output.video_url ?? undefined,
    metrics: output.task_metrics ? { total: output.task_metrics.TOTAL, succeeded: output.task_metrics.SUCCEEDED, failed: output.task_metrics.FAILED } : undefined,
    usage: knownUsage(response.usage),
    output,
    requestId: response.request_id,
  };
}

const submitSchema = z.looseObject({
  request_id: z.string().optional(),
  output: z.looseObject({ task_id: z.string(), task_status: statusSchema }),
});

/** What an async submit returns. */
export interface TaskSubmission {
  readonly taskId: string;
  readonly status: TaskStatus;
  readonly requestId: string | undefined;
}

/** A submit or cancel answers an id and a status. */
const SMALL_BODY_BYTES = 64 * 1024;
/** A task carries its result URLs (a batch of images, a transcription's files) and usage. */
const TASK_BODY_BYTES = 2 * 2 ** 20;

/** Sends an async (billable) submit: `X-DashScope-Async: enable`, never re-sent once it may have arrived. */
export async function submitTask(transport: Transport, path: string, body: unknown, options?: CallOptions): Promise<TaskSubmission> {
  const response = await transport.json({ method: 'POST', path, body, headers: { 'x-dashscope-async': 'enable' }, billable: true, maxResponseBytes: SMALL_BODY_BYTES }, submitSchema, options);
  return { taskId: response.output.task_id, status: response.output.task_status, requestId: response.request_id };
}

const listSchema = z.looseObject({
  request_id: z.string().optional(),
  total: z.number().default(0),
  total_page: z.number().default(0),
  page_no: z.number().default(1),
  page_size: z.number().default(10),
  data: z.array(z.looseObject({
    task_id: z.string(),
    status: statusSchema,
    model_name: z.string().nullish(),
    region: z.string().nullish(),
    request_id: z.string().nullish(),
    gmt_create: z.number().nullish(),
    start_time: z.number().nullish(),
    end_time: z.number().nullish(),
  })).default([]),
});

export interface TaskSummary {
  readonly taskId: string;
  readonly status: TaskStatus;
  readonly model: string | undefined;
  readonly region: string | undefined;
  readonly createdAt: number | undefined;
  readonly startTime: number | undefined;
  readonly endTime: number | undefined;
}

export interface TaskListQuery {
  readonly startTime?: Date | number;
  readonly endTime?: Date | number;
  readonly modelName?: string;
  readonly status?: Exclude<TaskStatus, 'UNKNOWN' | 'SUSPENDED'>;
  readonly pageNo?: number;
  readonly pageSize?: number;
}

export interface TaskPage {
  readonly total: number;
  readonly totalPages: number;
  readonly pageNo: number;
  readonly pageSize: number;
  readonly tasks: readonly TaskSummary[];
}

export interface WaitOptions extends CallOptions {
  readonly onUpdate?: (task: TaskInfo) => void;
  /** First interval; default 2 s, at least 1 s. */
  readonly minIntervalMs?: number;
  /** Longest interval; default 15 s (the service's advice for video). */
  readonly maxIntervalMs?: number;
}

/** Task states change on the order of seconds, and task queries share a 20 QPS account limit: never poll faster. */
const MIN_POLL_INTERVAL_MS = 1000;

/**
 * The polling schedule: short first, growing by half each poll toward the cap, so a task of a few
 * seconds is seen quickly and a long video costs few requests.
 */
export function nextPollDelay(previousMs: number | undefined, minMs: number, maxMs: number): number {
  return previousMs === undefined ? minMs : Math.min(maxMs, Math.max(minMs, Math.round(previousMs * 1.5)));
}

const epoch = (value: Date | number | undefined) => (value === undefined ? undefined : formatListTime(typeof value === 'number' ? value : value.getTime()));

export class TasksApi {
  constructor(private readonly transport: Transport) {}

  /** Status and results of a task. `UNKNOWN` means expired (older than ~24 h) or never existed. */
  async get(taskId: string, options?: CallOptions): Promise<TaskInfo> {
    const response = await this.transport.json({ method: 'GET', path: `/api/v1/tasks/${encodeURIComponent(taskId)}`, maxResponseBytes: TASK_BODY_BYTES }, taskResponseSchema, options);
    return taskInfoFrom(response);
  }

  /** Cancels a PENDING task; any other state answers DashScopeError `UnsupportedOperation`. */
  async cancel(taskId: string, options?: CallOptions): Promise<void> {
    await this.transport.json({ method: 'POST', path: `/api/v1/tasks/${encodeURIComponent(taskId)}/cancel`, maxResponseBytes: SMALL_BODY_BYTES }, z.looseObject({}), options);
  }

  async list(query: TaskListQuery = {}, options?: CallOptions): Promise<TaskPage> {
    const page = await this.transport.json({
      method: 'GET',
      path: '/api/v1/tasks',
      query: {
        start_time: epoch(query.startTime),
        end_time: epoch(query.endTime),
        model_name: query.modelName,
        status: query.status,
        page_no: query.pageNo,
        page_size: query.pageSize,
      },
    }, listSchema, options);
    return {
      total: page.total,
      totalPages: page.total_page,
      pageNo: page.page_no,
      pageSize: page.page_size,
      tasks: page.data.map((task) => ({
        taskId: task.task_id,
        status: task.status,
        model: task.model_name ?? undefined,
        region: task.region ?? undefined,
        createdAt: task.gmt_create ?? undefined,
        startTime: task.start_time ?? undefined,
        endTime: task.end_time ?? undefined,
      })),
    };
  }

  /**
   * Polls until the task is terminal (SUCCEEDED, FAILED, CANCELED or UNKNOWN). Transient failures while
   * polling back off and go on; the same task is polled, never re-submitted.
   */
  async wait(taskId: string, options: WaitOptions = {}): Promise<TaskInfo> {
    const minMs = Math.max(MIN_POLL_INTERVAL_MS, options.minIntervalMs ?? 2000);
    const maxMs = Math.max(minMs, options.maxIntervalMs ?? 15_000);
    let delay: number | undefined;
    for (;;) {
      let task: TaskInfo | undefined;
      try {
        task = await this.get(taskId, options);
      } catch (error) {
        if (!(error instanceof DashScopeError) || !error.retryable) throw error;
        delay = Math.max(Math.min(maxMs * 2, (delay ?? minMs) * 2), (error.retryAfterSeconds ?? 0) * 1000);
      }
      if (task) {
        options.onUpdate?.(task);
        if (TERMINAL_STATUSES.has(task.status)) return task;
        delay = nextPollDelay(delay, minMs, maxMs);
      }
      await this.transport.sleep(delay ?? minMs, options.signal);
    }
  }
}
