import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { Connection } from '../connection';
import { Disposable } from '../disposable';
import { planLabel, regionLabel } from '../endpoint';
import { Commands } from '../ids';
import { noHost } from '../keys/keyStore';

/** Status-bar item showing the region, the key state and whether requests go to the local simulator. */
export class ConnectionStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('dashscope.status', vscode.StatusBarAlignment.Right, 100));

  constructor(private readonly connection: Connection) {
    super();
    this.item.name = l10n.t('DashScope Connection');
    this.item.command = Commands.statusActions;
    this._register(connection.onDidChange(() => this.render()));
    this.render();
    this.item.show();
  }

  private render(): void {
    const { settings, endpoint, hasKey } = this.connection;
    const region = settings.plan === 'payg' ? regionLabel(settings.region) : `${planLabel(settings.plan)} · ${regionLabel(settings.region)}`;
    const place = endpoint.simulator ? l10n.t('Simulator · {0}', region) : region;
    const icon = endpoint.simulator ? '$(beaker)' : hasKey ? '$(cloud)' : '$(key)';
    const noHostLabel = settings.plan === 'workspace' ? l10n.t('No workspace id') : l10n.t('No base URL');
    const missing = endpoint.baseUrl === undefined ? noHostLabel : hasKey ? undefined : l10n.t('No key');
    this.item.text = missing === undefined ? `${icon} DashScope: ${place}` : `${icon} DashScope: ${place} · ${missing}`;
    this.item.backgroundColor = missing === undefined ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');

    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**DashScope** — ${region} (\`${settings.region}\`)\n\n`);
    const host = endpoint.baseUrl === undefined ? '—' : new URL(endpoint.baseUrl).host;
    tooltip.appendMarkdown(`${l10n.t('Plan: {0} · Region: {1} · Host: {2}', planLabel(settings.plan), regionLabel(settings.region), `\`${host}\``)}\n\n`);
    tooltip.appendMarkdown(endpoint.baseUrl === undefined
      ? `$(warning) ${noHost(this.connection.target)}\n\n`
      : `$(lock) ${l10n.t('The API key is sent only to {0}', `\`${endpoint.baseUrl}\``)}\n\n`);
    if (endpoint.simulator) tooltip.appendMarkdown(`$(beaker) ${l10n.t('Requests go to the local DashScope simulator, not to Alibaba Cloud.')}\n\n`);
    tooltip.appendMarkdown(hasKey ? `$(pass) ${l10n.t('API key stored in VS Code secret storage')}` : `$(warning) ${l10n.t('No API key for this region')}`);
    tooltip.appendMarkdown(`\n\n${l10n.t('Click for key and region actions')}`);
    this.item.tooltip = tooltip;
  }
}
