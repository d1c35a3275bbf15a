import type { TrackedTask } from './trackedTask';

/** A task's name in lists and messages: its prompt, shortened, or its id. */
export function label(task: Pick<TrackedTask, 'prompt' | 'taskId'>): string {
  const text = task.prompt.replace(/\s+/g, ' ').trim();
  return text ? (text.length > 48 ? `${text.slice(0, 47)}…` : text) : task.taskId;
}
