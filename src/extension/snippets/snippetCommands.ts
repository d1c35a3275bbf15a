import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { SnippetLanguage } from '../../snippets/model';
import { registerCommand } from '../command';
import { Commands } from '../ids';
import type { Services } from '../services';
import { pickTask, type TaskTarget } from '../tasks/pickTask';
import { label } from '../tasks/taskLabel';
import type { TaskTracker } from '../tasks/taskTracker';
import { isResubmittable } from '../tasks/trackedTask';
import { copyRequest } from './copyRequest';
import { registerInsertSnippet } from './insertSnippet';
import { taskRequest } from './taskRequest';

/** Insert API Snippet, and "Copy as curl / TypeScript" on the tasks submitted from VS Code. */
export function registerSnippetCommands(services: Services, tracker: TaskTracker): vscode.Disposable[] {
  const copyTask = (language: SnippetLanguage) => async (target?: TaskTarget) => {
    const task = await pickTask(tracker, target, isResubmittable);
    if (!task) return;
    const call = taskRequest(task, label(task));
    if (!call) {
      void vscode.window.showInformationMessage(l10n.t('This task was not submitted from VS Code, so its request is unknown.'));
      return;
    }
    await copyRequest(call, language, services.connection, task.region);
  };
  return [
    registerInsertSnippet(services),
    registerCommand(services.log, Commands.copyTaskAsCurl, copyTask('curl')),
    registerCommand(services.log, Commands.copyTaskAsTypeScript, copyTask('typescript')),
  ];
}
