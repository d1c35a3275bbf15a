import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { SnippetLanguage } from '../../snippets/model';
import { describeError } from '../errors';
import type { Services } from '../services';
import { label } from '../tasks/taskLabel';
import type { TaskTracker } from '../tasks/taskTracker';
import { isResubmittable, type TrackedTask } from '../tasks/trackedTask';
import { copyRequest } from './copyRequest';
import { registerInsertSnippet } from './insertSnippet';
import { taskRequest } from './taskRequest';

/** Insert API Snippet, and "Copy as curl / TypeScript" on the tasks submitted from VS Code. */
export function registerSnippetCommands(services: Services, tracker: TaskTracker): vscode.Disposable[] {
  const copyTask = (language: SnippetLanguage) => async (target?: { task?: TrackedTask }) => {
    try {
      const task = target?.task ? tracker.store.get(target.task.taskId) ?? target.task : await pickTask(tracker);
      if (!task) return;
      const call = taskRequest(task, label(task));
      if (!call) {
        void vscode.window.showInformationMessage(l10n.t('This task was not submitted from VS Code, so its request is unknown.'));
        return;
      }
      await copyRequest(call, language, services.connection, task.region);
    } catch (error) {
      services.log.error('Copying a task request failed', error);
      void vscode.window.showErrorMessage(describeError(error));
    }
  };
  return [
    registerInsertSnippet(services),
    vscode.commands.registerCommand('dashscope.tasks.copyAsCurl', copyTask('curl')),
    vscode.commands.registerCommand('dashscope.tasks.copyAsTypeScript', copyTask('typescript')),
  ];
}

async function pickTask(tracker: TaskTracker): Promise<TrackedTask | undefined> {
  const tasks = tracker.store.all().filter(isResubmittable);
  if (tasks.length === 0) {
    void vscode.window.showInformationMessage(l10n.t('No task submitted from VS Code is tracked.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(tasks.map((task) => ({ label: label(task), description: `${task.status} · ${task.model}`, detail: task.taskId, task })), { title: l10n.t('Choose a task') });
  return picked?.task;
}
