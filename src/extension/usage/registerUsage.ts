import * as l10n from '@vscode/l10n';
import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { registerCommand } from '../command';
import { describeError } from '../errors';
import { watchFolder } from '../folderWatcher';
import { Commands } from '../ids';
import type { Log } from '../log';
import type { Services } from '../services';
import { BILLING_PAGES } from '../tasks/taskNotifications';
import { usageCsv } from './usageCsv';
import { UsageLedger } from './usageLedger';
import { UsageRecorder } from './usageRecorder';
import { UsageStatusItem } from './usageStatusItem';
import { UsageView } from './usageView';

/** The recorder every feature records calls with; its ledger lives in the global storage all windows share. */
export function createUsageRecorder(context: vscode.ExtensionContext, log: Log): UsageRecorder {
  const folder = vscode.Uri.joinPath(context.globalStorageUri, 'usage').fsPath;
  return new UsageRecorder(new UsageLedger(folder, { onProblem: (message) => log.warn(`Usage: ${message}`) }));
}

/** The Usage view, its commands and the status item; drops entries past the retention period. */
export function registerUsage(services: Services): vscode.Disposable[] {
  const { ledger } = services.usage;
  void ledger.prune().then((removed) => removed > 0 && services.log.info(`Usage: dropped ${removed} day file(s) past the retention period`));
  const view = new UsageView(ledger);
  const status = new UsageStatusItem(ledger);
  void status.update();
  // Other windows append to the same files: their calls show up here too.
  const watcher = watchFolder(ledger.folder, () => ledger.changed(), 1000);
  return [
    view, status, watcher,
    registerCommand(services.log, Commands.refreshUsage, () => view.refresh()),
    registerCommand(services.log, Commands.openBilling, () =>
      vscode.env.openExternal(vscode.Uri.parse(services.connection.settings.region === 'cn' ? BILLING_PAGES.cn : BILLING_PAGES.intl))),
    registerCommand(services.log, Commands.exportUsageCsv, () => exportCsv(ledger, services.log)),
  ];
}

/** Asks where, then writes every entry the ledger keeps as CSV. */
async function exportCsv(ledger: UsageLedger, log: Log): Promise<void> {
  const target = await vscode.window.showSaveDialog({
    title: l10n.t('Export DashScope Usage'),
    defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir()), `dashscope-usage-${new Date().toISOString().slice(0, 10)}.csv`),
    filters: { CSV: ['csv'] },
  });
  if (!target) return;
  const { entries } = await ledger.read(0, Date.now() + 1);
  try {
    await writeFile(target.fsPath, usageCsv(entries), 'utf8');
  } catch (error) {
    log.error('Usage: the CSV export could not be written', error);
    void vscode.window.showErrorMessage(l10n.t('The usage could not be exported to {0}: {1}', target.fsPath, describeError(error)));
    return;
  }
  void vscode.window.showInformationMessage(l10n.t('Exported {0} calls to {1}.', entries.length, target.fsPath));
}
