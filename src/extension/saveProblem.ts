import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { Log } from './log';

/** Shows that something could not be saved, with a way to the details in the log. */
export function reportSaveProblem(message: string, log: Log): void {
  const showLog = l10n.t('Show Log');
  void vscode.window.showErrorMessage(message, showLog).then((choice) => choice === showLog && log.show());
}
