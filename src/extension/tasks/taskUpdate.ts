import type { TaskInfo } from '../../dashscope';
import { resultExpiry, resultUrls } from './taskResults';
import { isActive, taskKeyName, usageOf, type TrackedStatus, type TrackedTask } from './trackedTask';

/**
 * What a status answer changes in a tracked task. UNKNOWN on a task we tracked means the service no
 * longer keeps it (about 24 h): it becomes Expired, keeping what was saved locally, and is not polled again.
 */
export function taskChanges(task: TrackedTask, info: TaskInfo): Partial<TrackedTask> & { status: TrackedStatus } {
  const status: TrackedStatus = info.status === 'UNKNOWN' ? 'EXPIRED' : info.status;
  const urls = status === 'SUCCEEDED' ? resultUrls(info) : task.resultUrls;
  const originalPrompt = info.output.orig_prompt;
  return {
    status,
    prompt: task.prompt || (typeof originalPrompt === 'string' ? originalPrompt : ''),
    submitTime: info.submitTime ?? task.submitTime,
    scheduledTime: info.scheduledTime ?? task.scheduledTime,
    endTime: info.endTime ?? task.endTime,
    code: info.code ?? task.code,
    message: info.message ?? task.message,
    usage: info.usage ? usageOf(info.usage) : task.usage,
    resultUrls: urls,
    resultExpiresAt: status === 'SUCCEEDED' ? resultExpiry(urls, info.endTime) : task.resultExpiresAt,
  };
}

/** Which window this is, and which windows are alive (see WindowPresence). */
export interface Windows {
  readonly id: string;
  isLive(windowId: string | undefined): boolean;
}

/** Whether this window does a task's work: it owns it, or the window that did is gone (it then takes it over). */
export const isMine = (task: Pick<TrackedTask, 'owner'>, windows: Windows) => task.owner === windows.id || !windows.isLive(task.owner);

/**
 * The active tasks this window polls: its own and those no live window owns, whose key is set (`taskKeyName`: keys are
 * region-bound, so a task is polled with its own region's or workspace's key even after the user switched).
 */
export function tasksToPoll(tasks: readonly TrackedTask[], keyed: ReadonlySet<string>, windows: Windows): TrackedTask[] {
  return tasks.filter((task) => isActive(task) && keyed.has(taskKeyName(task)) && isMine(task, windows));
}

/** Succeeded tasks whose result is not saved yet and that this window must save (e.g. their window closed first). */
export function resultsToSave(tasks: readonly TrackedTask[], windows: Windows): TrackedTask[] {
  return tasks.filter((task) => task.status === 'SUCCEEDED' && task.localFiles.length === 0 && !task.downloadError && isMine(task, windows));
}
