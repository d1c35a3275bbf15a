import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { regionLabel } from '../endpoint';
import { describeError } from '../errors';
import { Commands } from '../ids';
import type { Log } from '../log';
import { reportSaveProblem } from '../saveProblem';
import type { RegionSetting } from '../settings';
import type { ResultNotices } from './resultSaver';
import { label } from './taskLabel';
import { isResubmittable, type TrackedTask } from './trackedTask';

export const BILLING_PAGES = { cn: 'https://usercenter2.aliyun.com/finance/fund-management/overview', intl: 'https://usercenter2-intl.aliyun.com/billing' } as const;

/** What the user is told about tasks, each message with the action that helps. */
export class TaskNotifications implements ResultNotices {
  constructor(private readonly log: Log, private readonly editAndResubmit: (task: TrackedTask) => Promise<void>) {}

  async ready(task: TrackedTask, files: readonly string[]): Promise<void> {
    const open = l10n.t('Open');
    const reveal = l10n.t('Reveal in File Explorer');
    const choice = await vscode.window.showInformationMessage(l10n.t('"{0}" is ready.', label(task)), open, reveal);
    if (choice === open && files[0]) await vscode.commands.executeCommand(Commands.openTaskResult, { task: { ...task, localFiles: files } });
    if (choice === reveal && files[0]) await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(files[0]));
  }

  failed(task: TrackedTask, message: string): void {
    void vscode.window.showErrorMessage(l10n.t('The result of "{0}" could not be saved: {1}', label(task), message));
  }

  async taskFailed(task: TrackedTask): Promise<void> {
    const text = l10n.t('"{0}" failed: {1} ({2})', label(task), task.message ?? l10n.t('no message'), task.code ?? '?');
    if (task.code === 'DataInspectionFailed' && isResubmittable(task)) {
      const edit = l10n.t('Edit and Resubmit');
      if ((await vscode.window.showErrorMessage(text, edit)) === edit) await this.editAndResubmit(task);
    } else if (task.code === 'Arrearage') {
      const billing = l10n.t('Open Billing');
      if ((await vscode.window.showErrorMessage(text, billing)) === billing) {
        await vscode.env.openExternal(vscode.Uri.parse(task.region === 'cn' ? BILLING_PAGES.cn : BILLING_PAGES.intl));
      }
    } else {
      void vscode.window.showErrorMessage(text);
    }
  }

  keyRefused(region: RegionSetting): void {
    const setKey = l10n.t('Set API Key');
    void vscode.window
      .showWarningMessage(l10n.t('DashScope refused the API key of {0}, so its tasks are no longer checked. Set a valid key to resume.', regionLabel(region)), setKey)
      .then((choice) => choice === setKey && vscode.commands.executeCommand(Commands.setApiKey));
  }

  /** Once per run of failures (the store reports the first failure and the recovery). */
  saveProblem(error: unknown): void {
    this.log.error('Tasks: a change could not be saved', error);
    reportSaveProblem(l10n.t('DashScope Studio could not save your tasks ({0}). Changes are kept in this window until saving works again; check the disk space and permissions of the extension\'s storage.', describeError(error)), this.log);
  }
}

