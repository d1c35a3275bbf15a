import type { TaskInfo } from '../../dashscope';
import { resultExpiry, resultUrls } from './taskResults';
import { isActive, type TrackedStatus, type TrackedTask } from './trackedTask';

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
    usage: info.usage ? { ...info.usage } : task.usage,
    resultUrls: urls,
    resultExpiresAt: status === 'SUCCEEDED' ? resultExpiry(urls, info.endTime) : task.resultExpiresAt,
  };
}

/**
 * The active tasks to poll: those of regions that have a key (keys are region-bound, so a task is
 * polled with its own region's key even after the user switched to another region).
 */
export function tasksToPoll(tasks: readonly TrackedTask[], keyedRegions: ReadonlySet<TrackedTask['region']>): TrackedTask[] {
  return tasks.filter((task) => isActive(task) && keyedRegions.has(task.region));
}
