import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { focusCommand, Views } from '../ids';
import type { UsageLedger } from './usageLedger';
import { costText } from './usagePresentation';
import { periodStart, summarize } from './usageSummary';

export const STATUS_SETTING = 'dashscope.usage.showTodayInStatusBar';

/** Today's estimated spend in the status bar, while `dashscope.usage.showTodayInStatusBar` is on. */
export class UsageStatusItem extends Disposable {
  private item: vscode.StatusBarItem | undefined;
  private rendering = Promise.resolve();

  constructor(private readonly ledger: UsageLedger, private readonly now: () => number = Date.now) {
    super();
    this._register(ledger.onDidChange(() => void this.update()));
    this._register(vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration(STATUS_SETTING) && void this.update()));
    this._register({ dispose: () => this.item?.dispose() });
  }

  /** Shows, refreshes or hides the item as the setting says; resolves once it is drawn. */
  update(): Promise<void> {
    this.rendering = this.rendering.then(() => this.render());
    return this.rendering;
  }

  private async render(): Promise<void> {
    if (!vscode.workspace.getConfiguration().get<boolean>(STATUS_SETTING, false)) {
      this.item?.dispose();
      this.item = undefined;
      return;
    }
    const now = this.now();
    const today = summarize((await this.ledger.read(periodStart('today', now), now + 1)).entries);
    this.item ??= vscode.window.createStatusBarItem('dashscope.usage', vscode.StatusBarAlignment.Right, 99);
    this.item.name = l10n.t('DashScope Usage Today');
    this.item.text = `$(graph) ${costText(today.cost, today.unpriced)}`;
    this.item.tooltip = l10n.t('Estimated DashScope spend today from this machine ({0} calls). Click to open the Usage view.', today.calls);
    this.item.command = focusCommand(Views.usage);
    this.item.show();
  }
}
