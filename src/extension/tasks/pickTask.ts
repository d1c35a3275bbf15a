import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { label } from './taskLabel';
import type { TaskTracker } from './taskTracker';
import type { TrackedTask } from './trackedTask';

/** What a Tasks view command receives: the tree item's task, or nothing from the palette. */
export type TaskTarget = { task?: TrackedTask } | undefined;

/** The task a command acts on: the clicked one (fresh from the store), or one the user picks among those that fit. */
export async function pickTask(tracker: TaskTracker, target: TaskTarget, filter: (task: TrackedTask) => boolean = () => true): Promise<TrackedTask | undefined> {
  if (target?.task) return tracker.store.get(target.task.taskId) ?? target.task;
  const tasks = tracker.store.all().filter(filter);
  if (tasks.length === 0) {
    void vscode.window.showInformationMessage(l10n.t('No tracked task fits.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(tasks.map((task) => ({ label: label(task), description: `${task.status} · ${task.model}`, detail: task.taskId, task })), { title: l10n.t('Choose a task') });
  return picked?.task;
}
