import { parseListTime } from '../clock';
import type { SimContext } from '../context';
import type { Fault } from '../faults';
import { hostileKind, hostileResult, TRAVERSAL_REQUEST_ID, traversalTaskId } from '../hostileResults';
import { nativeError, sendJson, type SimRequest } from '../http';
import { promptOf } from '../replies';
import { LIMITS } from '../rateLimits';
import type { TaskKind, TaskOutcome } from '../tasks';

const TASK_JSON = 'application/json;charset=UTF-8';
const LIST_STATUSES = new Set(['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED']);

/** How a submit's fault shows up later: the task is accepted, then ends FAILED (validation deferred, §7.1). */
export function deferredFailure(fault: Fault | undefined): TaskOutcome | undefined {
  if (fault?.name === 'data-inspection') return { status: 'FAILED', code: 'DataInspectionFailed', message: 'Input data may contain inappropriate content.' };
  if (fault?.name === 'invalid-parameter') return { status: 'FAILED', code: 'InvalidParameter', message: 'Field required: input.prompt' };
  return undefined;
}

/**
 * Creates the task and answers the submit: `{request_id, output:{task_id, task_status:"PENDING"}}`. The `queue=MS`
 * fault keeps the task PENDING that long, as a busy service's queue does.
 */
export function acceptTask(req: SimRequest, ctx: SimContext, kind: TaskKind, model: string, outcome: TaskOutcome, runningOutput?: Record<string, unknown>): void {
  const asked = Number(req.fault?.value);
  const phase = req.fault?.name === 'queue' ? 'pendingMs' : req.fault?.name === 'run' ? 'runningMs' : undefined;
  const timings = phase && Number.isFinite(asked) && asked >= 0 ? { ...ctx.timings(kind), [phase]: asked } : ctx.timings(kind);
  const hostile = hostileKind(req.fault);
  const traversal = hostile === 'traversal';
  const requestId = traversal ? TRAVERSAL_REQUEST_ID : req.requestId;
  const made = hostile && outcome.status === 'SUCCEEDED' ? { ...outcome, result: (end: number) => hostileResult(hostile, outcome.result(end), ctx, end) } : outcome;
  const taskId = ctx.tasks.create({ id: traversal ? traversalTaskId() : undefined, region: req.region, key: req.key, model, prompt: promptOf(req.json), requestId, timings, outcome: made, runningOutput });
  sendJson(req, 200, { request_id: requestId, output: { task_id: taskId, task_status: 'PENDING' } });
}

/** GET /api/v1/tasks/{id} (§8.1): 200 always; UNKNOWN for unknown or expired ids. */
export function getTask(req: SimRequest, ctx: SimContext, id: string): void {
  if (ctx.limiter.refuse(req, 'tasks', LIMITS.taskQuery)) return;
  const view = ctx.tasks.view(req.region, id);
  if (view.usageJson !== undefined) {
    const text = `{"request_id":${JSON.stringify(req.requestId)},"output":${JSON.stringify(view.output)},"usage":${view.usageJson}}`;
    req.res.writeHead(200, { 'content-type': TASK_JSON, 'content-length': Buffer.byteLength(text), 'x-request-id': req.requestId });
    return void req.res.end(text);
  }
  sendJson(req, 200, { request_id: req.requestId, output: view.output, ...(view.usage ? { usage: view.usage } : {}) }, TASK_JSON);
}

/** POST /api/v1/tasks/{id}/cancel (§8.2): only while PENDING. */
export function cancelTask(req: SimRequest, ctx: SimContext, id: string): void {
  if (ctx.limiter.refuse(req, 'tasks', LIMITS.taskQuery)) return;
  if (!ctx.tasks.cancel(req.region, id)) {
    return nativeError(req, 400, 'UnsupportedOperation', 'Failed to cancel the task, please confirm if the task is in PENDING status.');
  }
  sendJson(req, 200, { request_id: req.requestId }, TASK_JSON);
}

/** GET /api/v1/tasks (§8.3): no output wrapper, `status`, epoch ms, page_no/page_size, filters. */
export function listTasks(req: SimRequest, ctx: SimContext): void {
  if (ctx.limiter.refuse(req, 'tasks', LIMITS.taskQuery)) return;
  const q = req.query;
  const times: Record<'start' | 'end', number | undefined> = { start: undefined, end: undefined };
  for (const name of ['start', 'end'] as const) {
    const value = q.get(`${name}_time`);
    if (value === null) continue;
    times[name] = parseListTime(value);
    if (times[name] === undefined) return nativeError(req, 400, 'InvalidParameter', `${name}_time must be in the format YYYYMMDDhhmmss, e.g. 20230420000000.`);
  }
  const status = q.get('status') ?? undefined;
  if (status !== undefined && !LIST_STATUSES.has(status)) return nativeError(req, 400, 'InvalidParameter', `status must be one of ${[...LIST_STATUSES].join(', ')}.`);
  const pageNo = Number(q.get('page_no') ?? 1);
  const pageSize = Number(q.get('page_size') ?? 10);
  if (!Number.isInteger(pageNo) || pageNo < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    return nativeError(req, 400, 'InvalidParameter', 'page_no must be >= 1 and page_size within [1, 100].');
  }
  // end_time names a whole second: tasks submitted during it are included.
  const end = times.end === undefined ? undefined : times.end + 999;
  const all = ctx.tasks.list(req.region, { start: times.start, end, model: q.get('model_name') ?? undefined, status, apiKeyId: q.get('api_key_id') ?? undefined });
  sendJson(req, 200, {
    request_id: req.requestId,
    total: all.length,
    total_page: Math.ceil(all.length / pageSize),
    page_no: pageNo,
    page_size: pageSize,
    data: all.slice((pageNo - 1) * pageSize, pageNo * pageSize),
  }, TASK_JSON);
}
