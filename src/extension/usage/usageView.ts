import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { PRICES } from '../../shared/protocol/mediaCost';
import { Disposable } from '../disposable';
import { Commands, Views } from '../ids';
import type { UsageLedger } from './usageLedger';
import { figuresText, groupDescription, kindTitle, periodDescription, periodTitle } from './usagePresentation';
import { PERIODS, periodStart, summarize, type Period, type UsageGroup, type UsageSummary } from './usageSummary';

type Node =
  | { readonly period: Period; readonly summary: UsageSummary }
  | { readonly group: UsageGroup; readonly period: Period }
  | { readonly note: 'prices' | 'billing' }
  | { readonly note: 'skipped'; readonly count: number };

/** The Usage view: what this machine's windows recorded today, this week and this month, by model and kind. */
export class UsageView extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly ledger: UsageLedger, private readonly now: () => number = Date.now) {
    super();
    const view = this._register(vscode.window.createTreeView(Views.usage, { treeDataProvider: this, showCollapseAll: true }));
    view.message = l10n.t('Estimates of the calls made from VS Code on this machine: DashScope has no API that reports an API key\'s usage.');
    this._register(ledger.onDidChange(() => this.refresh()));
  }

  refresh(): void {
    this.changeEmitter.fire(undefined);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node) return 'summary' in node ? node.summary.groups.map((group) => ({ group, period: node.period })) : [];
    const now = this.now();
    const starts = PERIODS.map((period) => periodStart(period, now));
    const { entries, skipped } = await this.ledger.read(Math.min(...starts), now + 1);
    const periods: Node[] = PERIODS.map((period, index) => ({ period, summary: summarize(entries.filter((entry) => entry.time >= starts[index]!)) }));
    return [...periods, { note: 'prices' }, ...(skipped > 0 ? [{ note: 'skipped' as const, count: skipped }] : []), { note: 'billing' }];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('summary' in node) {
      const item = new vscode.TreeItem(periodTitle(node.period), node.summary.calls > 0 ? (node.period === 'today' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None);
      item.id = `period:${node.period}`;
      item.description = periodDescription(node.summary);
      return item;
    }
    if ('group' in node) {
      const item = new vscode.TreeItem(node.group.model);
      item.id = `group:${node.period}:${node.group.kind}:${node.group.model}`;
      item.description = groupDescription(node.group);
      item.tooltip = `${node.group.model} — ${kindTitle(node.group.kind)}\n${figuresText(node.group.usage)}`;
      return item;
    }
    return noteItem(node);
  }
}

function noteItem(node: Extract<Node, { note: string }>): vscode.TreeItem {
  if (node.note === 'skipped') {
    const item = new vscode.TreeItem(l10n.t('{0} unreadable ledger lines were skipped', node.count));
    item.iconPath = new vscode.ThemeIcon('warning');
    item.tooltip = l10n.t('Lines of the usage files that are not entries (cut short by a crash, or edited by hand) are left out of the totals.');
    return item;
  }
  if (node.note === 'prices') {
    const item = new vscode.TreeItem(l10n.t('Estimates use the catalog\'s prices of {0}', PRICES.date));
    item.iconPath = new vscode.ThemeIcon('tag');
    item.tooltip = l10n.t('The catalog has per-second video prices only ({0}); other calls show "no price". Source: {1}', PRICES.currency, PRICES.source);
    return item;
  }
  const item = new vscode.TreeItem(l10n.t('Exact figures: open Billing in the console'));
  item.iconPath = new vscode.ThemeIcon('link-external');
  item.tooltip = l10n.t('DashScope has no API that reports an API key\'s usage: this view counts only the calls made from VS Code on this machine. The console\'s billing pages have the authoritative figures.');
  item.command = { command: Commands.openBilling, title: l10n.t('Open Billing') };
  return item;
}
