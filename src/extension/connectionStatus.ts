import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { ConnectionHealth, ConnectionState } from './connectionState';
import { Disposable } from './disposable';

const clockTime = (epoch: number) => new Date(epoch).toLocaleTimeString();

/** "unreachable since 10:42:05 · next try in 20 s", for the status bar and the tasks it affects. */
export function describeOutage(state: Extract<ConnectionState, { reachable: false }>, now: number): string {
  const since = l10n.t('DashScope unreachable since {0}', clockTime(state.since));
  if (state.nextRetryAt === undefined) return since;
  return `${since} · ${l10n.t('next try in {0} s', Math.max(0, Math.ceil((state.nextRetryAt - now) / 1000)))}`;
}

/** A status-bar item beside the connection's, shown only while DashScope cannot be reached, counting down to the next try. */
export class ConnectionHealthStatus extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('dashscope.health', vscode.StatusBarAlignment.Right, 99));
  private ticker: NodeJS.Timeout | undefined;

  constructor(private readonly health: ConnectionHealth) {
    super();
    this.item.name = l10n.t('DashScope Connection State');
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this._register(health.onDidChange(() => this.render()));
    this._register({ dispose: () => clearInterval(this.ticker) });
    this.render();
  }

  private render(): void {
    const state = this.health.state;
    if (state.reachable) {
      this.item.hide();
      clearInterval(this.ticker);
      this.ticker = undefined;
      return;
    }
    const text = describeOutage(state, Date.now());
    this.item.text = `$(debug-disconnect) ${text}`;
    this.item.tooltip = `${state.reason}\n${text}`;
    this.item.show();
    this.ticker ??= setInterval(() => this.render(), 1000);
  }
}
