import * as l10n from '@vscode/l10n';
import { ClientErrorCode, DashScopeError, type DashScopeClient, type TaskSummary } from '../../dashscope';

/** Clocks differ between here and the service; a task created this long before the submit still matches. */
const CLOCK_SLACK_MS = 60_000;
/** A task can take a moment to appear in the list. */
const ATTEMPTS = 3;
const ATTEMPT_GAP_MS = 2000;

/** Whether a submit failed after its body was sent: the task may exist (and be billed) without our knowing its id. */
export const isOutcomeUnknown = (error: unknown): error is DashScopeError => error instanceof DashScopeError && error.code === ClientErrorCode.SubmitOutcomeUnknown;

export interface ReconcileOptions {
  readonly model: string;
  /** When the submit was sent. */
  readonly sentAt: number;
  /** Ids already tracked (never a match). */
  readonly known: (taskId: string) => boolean;
  /** Picks one of several candidates (undefined: none of them). */
  readonly choose: (candidates: readonly TaskSummary[]) => Promise<TaskSummary | undefined>;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Finds the task a submit with an unknown outcome created: the service's tasks of that model created
 * since the submit that are not tracked yet. One is the task; several are offered; none after a few
 * looks means it was most likely not created. Throws (in plain words, never "refused") when it cannot tell.
 */
export async function reconcileSubmit(client: DashScopeClient, options: ReconcileOptions): Promise<TaskSummary> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    let candidates: TaskSummary[];
    try {
      const page = await client.tasks.list({ modelName: options.model, startTime: options.sentAt - CLOCK_SLACK_MS, endTime: now() + CLOCK_SLACK_MS, pageSize: 20 });
      candidates = page.tasks.filter((task) => !options.known(task.taskId) && (task.model === undefined || task.model === options.model));
    } catch {
      throw new Error(l10n.t('The connection to DashScope dropped after the request was sent, so whether {0} created a task is unknown, and the task list cannot be read now. Run "Import Recent Tasks" once DashScope is reachable before submitting again.', options.model));
    }
    if (candidates.length === 1) return candidates[0]!;
    if (candidates.length > 1) {
      const chosen = await options.choose(candidates);
      if (chosen) return chosen;
      throw new Error(l10n.t('None of the recent tasks of {0} was chosen; they are not tracked. Run "Import Recent Tasks" to track them later.', options.model));
    }
    if (attempt >= ATTEMPTS) break;
    await sleep(ATTEMPT_GAP_MS);
  }
  throw new Error(l10n.t('The connection to DashScope dropped after the request was sent, and no new task of {0} appeared: it was most likely not created. Submit again if you still want it.', options.model));
}
