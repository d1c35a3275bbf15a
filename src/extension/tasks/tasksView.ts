import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { regionLabel } from '../endpoint';
import { label, type TaskTracker } from './taskTracker';
import { isActive, type TrackedStatus, type TrackedTask } from './trackedTask';

type Group = 'running' | 'succeeded' | 'finished';
type Node = { readonly group: Group } | { readonly task: TrackedTask };

const GROUP_OF: Readonly<Record<TrackedStatus, Group>> = {
  PENDING: 'running', RUNNING: 'running', SUSPENDED: 'running', SUCCEEDED: 'succeeded', FAILED: 'finished', CANCELED: 'finished', EXPIRED: 'finished',
};

const ICONS: Readonly<Record<TrackedStatus, [string, string]>> = {
  PENDING: ['clock', 'charts.yellow'],
  RUNNING: ['sync~spin', 'charts.blue'],
  SUSPENDED: ['debug-pause', 'charts.yellow'],
  SUCCEEDED: ['pass-filled', 'charts.green'],
  FAILED: ['error', 'charts.red'],
  CANCELED: ['circle-slash', 'disabledForeground'],
  EXPIRED: ['history', 'descriptionForeground'],
};

export function elapsed(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours}h ${minutes % 60}m` : `${Math.floor(hours / 24)}d`;
}

const time = (epoch: number | undefined) => (epoch === undefined ? '—' : new Date(epoch).toLocaleString());

/** The Tasks view: tracked tasks grouped by state, newest first, with a badge counting the running ones. */
export class TasksView extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly view: vscode.TreeView<Node>;
  private ticker: NodeJS.Timeout | undefined;

  constructor(private readonly tracker: TaskTracker) {
    super();
    this.view = this._register(vscode.window.createTreeView('dashscope.tasks', { treeDataProvider: this, showCollapseAll: true }));
    this._register(tracker.store.onDidChange(() => this.refresh()));
    this._register(this.view.onDidChangeVisibility(() => this.updateTicker()));
    this._register({ dispose: () => clearInterval(this.ticker) });
    this.refresh();
  }

  private refresh(): void {
    const running = this.tracker.store.all().filter(isActive).length;
    this.view.badge = running > 0 ? { value: running, tooltip: l10n.t('{0} running tasks', running) } : undefined;
    this.changeEmitter.fire(undefined);
    this.updateTicker();
  }

  /** Elapsed times move while tasks run and the view is visible; nothing ticks otherwise. */
  private updateTicker(): void {
    const needed = this.view.visible && this.tracker.store.all().some(isActive);
    if (needed && !this.ticker) this.ticker = setInterval(() => this.changeEmitter.fire(undefined), 5000);
    if (!needed && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  getChildren(node?: Node): Node[] {
    const tasks = this.tracker.store.all();
    if (!node) {
      return (['running', 'succeeded', 'finished'] as const).filter((group) => tasks.some((task) => GROUP_OF[task.status] === group)).map((group) => ({ group }));
    }
    return 'group' in node ? tasks.filter((task) => GROUP_OF[task.status] === node.group).map((task) => ({ task })) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('group' in node) {
      const titles: Record<Group, string> = { running: l10n.t('Running'), succeeded: l10n.t('Succeeded'), finished: l10n.t('Failed, Canceled or Expired') };
      const item = new vscode.TreeItem(titles[node.group], vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${node.group}`;
      item.contextValue = `dashscopeTaskGroup.${node.group}`;
      return item;
    }
    return taskItem(node.task);
  }
}

export function taskItem(task: TrackedTask, now = Date.now()): vscode.TreeItem {
  const item = new vscode.TreeItem(label(task), vscode.TreeItemCollapsibleState.None);
  item.id = task.taskId;
  const start = task.submitTime ?? task.createdAt;
  const duration = elapsed((task.endTime ?? now) - start);
  item.description = `${task.model} · ${isActive(task) ? `${task.status.toLowerCase()} ${duration}` : duration}`;
  const [icon, color] = ICONS[task.status];
  item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
  item.contextValue = ['dashscopeTask', task.status, task.localFiles.length > 0 ? 'local' : '', task.resultUrls.length > 0 ? 'url' : '', task.request ? 'resubmittable' : ''].filter(Boolean).join('.');
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${task.status}** — ${label(task)}\n\n`);
  tooltip.appendMarkdown(`| | |\n|---|---|\n`);
  const row = (name: string, value: string) => tooltip.appendMarkdown(`| ${name} | ${value.replace(/\|/g, '\\|')} |\n`);
  row(l10n.t('Task id'), `\`${task.taskId}\``);
  row(l10n.t('Model'), task.model);
  row(l10n.t('Region'), regionLabel(task.region));
  row(l10n.t('Submitted'), time(task.submitTime ?? task.createdAt));
  row(l10n.t('Scheduled'), time(task.scheduledTime));
  row(l10n.t('Ended'), time(task.endTime));
  if (task.request) {
    const parameters = Object.entries(task.request).filter(([name]) => !['model', 'prompt'].includes(name)).map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(', ');
    if (parameters) row(l10n.t('Parameters'), parameters);
  }
  if (task.usage) row(l10n.t('Usage'), Object.entries(task.usage).map(([name, value]) => `${name}: ${JSON.stringify(value)}`).join(', '));
  if (task.code) row(l10n.t('Error'), `${task.code}: ${task.message ?? ''}`);
  if (task.localFiles[0]) row(l10n.t('Saved to'), task.localFiles.join(', '));
  if (task.downloadError) row(l10n.t('Download'), task.downloadError);
  item.tooltip = tooltip;
  if (task.localFiles[0]) item.command = { command: 'dashscope.tasks.openResult', title: l10n.t('Open Result'), arguments: [{ task }] };
  return item;
}
