import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { describeOutage } from '../connectionStatus';
import { Disposable } from '../disposable';
import { Commands, Views } from '../ids';
import { GROUP_OF, presentTask, type Group } from './taskPresentation';
import type { TaskTracker } from './taskTracker';
import { isActive, type TrackedTask } from './trackedTask';

type Node = { readonly group: Group } | { readonly task: TrackedTask } | { readonly loading: true };

/**
 * The Tasks view: tracked tasks grouped by state, newest first, with a badge counting the running ones.
 * It is created before activation awaits anything, so VS Code never shows "no data provider" after a
 * reload; it shows one "Loading tasks…" item until `loaded()` says the store has been read.
 */
export class TasksView extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly view: vscode.TreeView<Node>;
  private ticker: NodeJS.Timeout | undefined;
  private loading = true;

  constructor(private readonly tracker: TaskTracker) {
    super();
    this.view = this._register(vscode.window.createTreeView(Views.tasks, { treeDataProvider: this, showCollapseAll: true }));
    this._register(tracker.store.onDidChange(() => this.refresh()));
    this._register(tracker.health.onDidChange(() => this.refresh()));
    this._register(this.view.onDidChangeVisibility(() => this.updateTicker()));
    this._register({ dispose: () => clearInterval(this.ticker) });
    this.refresh();
  }

  get onDidChangeVisibility(): vscode.Event<vscode.TreeViewVisibilityChangeEvent> {
    return this.view.onDidChangeVisibility;
  }

  get visible(): boolean {
    return this.view.visible;
  }

  loaded(): void {
    this.loading = false;
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
    if (this.loading) return node ? [] : [{ loading: true }];
    const tasks = this.tracker.store.all();
    if (!node) {
      return (['running', 'succeeded', 'finished'] as const).filter((group) => tasks.some((task) => GROUP_OF[task.status] === group)).map((group) => ({ group }));
    }
    return 'group' in node ? tasks.filter((task) => GROUP_OF[task.status] === node.group).map((task) => ({ task })) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('loading' in node) {
      const item = new vscode.TreeItem(l10n.t('Loading tasks…'), vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      return item;
    }
    if ('group' in node) {
      const titles: Record<Group, string> = { running: l10n.t('Running'), succeeded: l10n.t('Succeeded'), finished: l10n.t('Failed, Canceled or Expired') };
      const item = new vscode.TreeItem(titles[node.group], vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${node.group}`;
      item.contextValue = `dashscopeTaskGroup.${node.group}`;
      return item;
    }
    const state = this.tracker.health.state;
    return taskItem(node.task, Date.now(), state.reachable ? undefined : describeOutage(state, Date.now()));
  }
}

export function taskItem(task: TrackedTask, now = Date.now(), outage?: string): vscode.TreeItem {
  const view = presentTask(task, now, outage);
  const item = new vscode.TreeItem(view.label, vscode.TreeItemCollapsibleState.None);
  // The group is part of the id: VS Code keeps items by id, and a task that moves to another group in one
  // refresh must not be taken for the item it was under its old parent (that left a group drawn empty).
  item.id = `${GROUP_OF[task.status]}/${task.taskId}`;
  item.description = view.description;
  item.iconPath = new vscode.ThemeIcon(view.icon, new vscode.ThemeColor(view.color));
  item.contextValue = view.contextValue;
  item.tooltip = new vscode.MarkdownString(view.tooltip);
  if (task.localFiles[0]) item.command = { command: Commands.openTaskResult, title: l10n.t('Open Result'), arguments: [{ task }] };
  return item;
}
