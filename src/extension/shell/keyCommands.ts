import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { REGIONS } from '../../dashscope/regions';
import { PLANS } from '../../shared/models/plans';
import { registerCommand } from '../command';
import type { Connection } from '../connection';
import { consoleRegionOf, planLabel, regionLabel, targetTitle } from '../endpoint';
import { describeError } from '../errors';
import { Commands, ContextKeys } from '../ids';
import { probeKey } from '../keys/keyProbe';
import { discoverKeys, type KeyDiscovery } from '../keys/keySources';
import { noHost, type KeyStore, type KeyTarget } from '../keys/keyStore';
import { checkKey, keyCandidates } from '../keys/keyValidation';
import { selectableTargets, targetForKey } from '../keys/planChoice';
import type { Log } from '../log';
import { maskKey } from '../secretRedactor';
import { parseBaseUrl, type RegionSetting } from '../settings';

const title = (target: KeyTarget) => targetTitle(target.plan, target.region);
const sameTarget = (a: KeyTarget, b: KeyTarget) => a.plan === b.plan && a.region === b.region;

/** Key and region commands: set, import, clear, select region, connection status, quick actions. */
export class KeyCommands {
  constructor(
    private readonly connection: Connection,
    private readonly keys: KeyStore,
    private readonly log: Log,
  ) {}

  register(): vscode.Disposable[] {
    const command = (id: string, run: () => Promise<unknown>) => registerCommand(this.log, id, run);
    return [
      command(Commands.setApiKey, () => this.setApiKey()),
      command(Commands.importApiKey, () => this.importApiKey()),
      command(Commands.clearApiKey, () => this.clearApiKey()),
      command(Commands.selectRegion, () => this.selectRegion()),
      command(Commands.showConnectionStatus, () => this.showConnectionStatus()),
      command(Commands.statusActions, () => this.statusActions()),
      command(Commands.openApiKeyPage, () => this.openApiKeyPage()),
      command(Commands.showLog, async () => this.log.show()),
    ];
  }

  /** Tells the welcome view whether a key was found on this machine, so it can offer the import. */
  async refreshFoundKeys(): Promise<KeyDiscovery> {
    const discovery = await discoverKeys();
    await vscode.commands.executeCommand('setContext', ContextKeys.foundKey, discovery.keys.length > 0);
    return discovery;
  }

  async setApiKey(presetKey?: string): Promise<void> {
    const current = this.connection.target;
    if (current.region === 'custom' && this.connection.customBaseUrl === undefined && !(await this.askBaseUrl())) return;
    if (current.plan === 'workspace' && current.workspaceId === undefined && !(await this.askWorkspaceId(current.region))) return;
    const selected = this.connection.target;
    const key = presetKey ?? (await vscode.window.showInputBox({
      title: l10n.t('DashScope API Key for {0}', title(selected)),
      prompt: l10n.t('Paste the API key created in the {0} console. It is kept in VS Code secret storage only.', regionLabel(selected.region)),
      placeHolder: 'sk-… / sk-sp-…',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? l10n.t('Enter the API key.') : /\s/.test(value.trim()) ? l10n.t('An API key has no spaces or line breaks.') : undefined),
    }))?.trim();
    if (!key) return;
    const target = await targetForKey(key, selected);
    if (!target) return;

    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: l10n.t('Checking the key with DashScope…'), cancellable: true },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return checkKey(key, target, keyCandidates(key, target), (apiKey, where, signal) => probeKey(this.connection, apiKey, where, signal), controller.signal);
      },
    );

    switch (result.kind) {
      case 'valid':
        await this.keys.set(target, key);
        if (!sameTarget(target, selected)) await this.updateTarget(target);
        void vscode.window.showInformationMessage(savedMessage(target, result.modelCount));
        return;
      case 'elsewhere':
        return this.offerSwitch(key, target, result.target);
      case 'rejected': {
        const getKey = l10n.t('Get an API Key');
        const choice = await vscode.window.showErrorMessage(
          l10n.t('DashScope rejected this key (401 Invalid API-key) in every region and plan it could belong to. Check that you copied the whole key; nothing was saved.'),
          getKey,
        );
        if (choice === getKey) await this.openApiKeyPage();
        return;
      }
      case 'unreachable': {
        const saveAnyway = l10n.t('Save Without Checking');
        const showLog = l10n.t('Show Log');
        const choice = await vscode.window.showWarningMessage(
          l10n.t('Could not check the key: {0}', describeError(result.error)),
          saveAnyway,
          showLog,
        );
        if (choice === saveAnyway) {
          await this.keys.set(target, key);
          if (!sameTarget(target, selected)) await this.updateTarget(target);
          void vscode.window.showInformationMessage(l10n.t('API key saved for {0} without checking.', title(target)));
        } else if (choice === showLog) {
          this.log.show();
        }
      }
    }
  }

  private async offerSwitch(key: string, tried: KeyTarget, owner: KeyTarget): Promise<void> {
    const switchTo = l10n.t('Switch to {0}', owner.plan === tried.plan ? regionLabel(owner.region) : title(owner));
    const message = owner.plan === tried.plan
      ? l10n.t('This key belongs to {0}, not {1}: DashScope keys work only in the region where they were created.', title(owner), title(tried))
      : l10n.t('This key belongs to another plan: {0}, not {1}. A key works only with the plan (pay-as-you-go, Coding Plan, Token Plan) and region it was created for.', title(owner), title(tried));
    const choice = await vscode.window.showWarningMessage(message, switchTo);
    if (choice !== switchTo) return;
    await this.keys.set(owner, key);
    await this.updateTarget(owner);
    void vscode.window.showInformationMessage(l10n.t('Switched to {0} and saved the API key.', title(owner)));
  }

  async importApiKey(): Promise<void> {
    const discovery = await this.refreshFoundKeys();
    for (const problem of discovery.problems) {
      this.log.warn(`${problem.path}: ${problem.message}`);
      void vscode.window.showWarningMessage(l10n.t('{0} was not used: {1}. The file was left untouched.', problem.path, problem.message));
    }
    if (discovery.keys.length === 0) {
      void vscode.window.showInformationMessage(
        l10n.t('No API key found in DASHSCOPE_API_KEY, DASHSCOPE_API_KEY_FILE_PATH, ~/.dashscope/api_key, ~/.bailian/config.json or ~/.alibabacloud/credentials.'),
      );
      return;
    }
    const picked = await vscode.window.showQuickPick(
      discovery.keys.map((found) => ({ label: found.description, description: maskKey(found.key), found })),
      { title: l10n.t('Import an API key found on this machine'), placeHolder: l10n.t('The key is checked, then stored in VS Code secret storage') },
    );
    if (picked) await this.setApiKey(picked.found.key);
  }

  async clearApiKey(): Promise<void> {
    const target = this.connection.target;
    if ((await this.keys.get(target)) === undefined) {
      void vscode.window.showInformationMessage(l10n.t('There is no API key for {0}.', title(target)));
      return;
    }
    await this.keys.delete(target);
    void vscode.window.showInformationMessage(l10n.t('API key for {0} removed from VS Code.', title(target)));
  }

  async selectRegion(): Promise<void> {
    const current = this.connection.target;
    const items = await selectableTargets(current, this.connection.settings.workspaceId, (target) => this.keys.get(target));
    const picked = await vscode.window.showQuickPick(items, { title: l10n.t('DashScope Region'), placeHolder: l10n.t('Keys, models and tasks belong to one plan and one region') });
    if (!picked?.target) return;
    const { target } = picked;
    if (target.region === 'custom' && !(await this.askBaseUrl())) return;
    if (target.plan === 'workspace' && this.connection.settings.workspaceId === undefined && !(await this.askWorkspaceId(target.region))) return;
    await this.updateTarget(target);
    if ((await this.keys.get(this.connection.target)) === undefined) {
      const setKey = l10n.t('Set API Key');
      const choice = await vscode.window.showInformationMessage(l10n.t('{0} has no API key yet.', title(target)), setKey);
      if (choice === setKey) await this.setApiKey();
    }
  }

  /** Asks for the workspace id, showing the host of `region` it becomes part of. */
  private async askWorkspaceId(region: RegionSetting): Promise<boolean> {
    const host = PLANS.workspace.hosts[region === 'custom' ? 'cn' : region] ?? PLANS.workspace.hosts.cn!;
    const value = await vscode.window.showInputBox({
      title: l10n.t('Model Studio Workspace Id'),
      prompt: l10n.t('The id in your workspace-dedicated host {0}', host),
      ignoreFocusOut: true,
      validateInput: (input) => (/^[A-Za-z0-9_-]{1,64}$/.test(input.trim()) ? undefined : l10n.t('Expected a workspace id made of letters, digits, "-" and "_".')),
    });
    if (value === undefined || !/^[A-Za-z0-9_-]{1,64}$/.test(value.trim())) return false;
    await vscode.workspace.getConfiguration('dashscope').update('workspaceId', value.trim(), vscode.ConfigurationTarget.Global);
    return true;
  }

  private async askBaseUrl(): Promise<boolean> {
    const value = await vscode.window.showInputBox({
      title: l10n.t('DashScope Base URL'),
      prompt: l10n.t('Origin of a gateway or workspace-dedicated host (https; http only for localhost)'),
      value: this.connection.settings.baseUrl ?? 'https://',
      ignoreFocusOut: true,
      validateInput: (input) => {
        const parsed = parseBaseUrl(input);
        return 'error' in parsed ? parsed.error : undefined;
      },
    });
    if (value === undefined) return false;
    const parsed = parseBaseUrl(value);
    if ('error' in parsed) return false;
    await vscode.workspace.getConfiguration('dashscope').update('baseUrl', parsed.url, vscode.ConfigurationTarget.Global);
    return true;
  }

  /** Selects a plan and region in user settings (and where a workspace already chose them, there too). */
  private async updateTarget(target: KeyTarget): Promise<void> {
    const configuration = vscode.workspace.getConfiguration('dashscope');
    for (const [name, value] of [['plan', target.plan], ['region', target.region]] as const) {
      if (configuration.inspect<string>(name)?.workspaceValue !== undefined) await configuration.update(name, value, vscode.ConfigurationTarget.Workspace);
      await configuration.update(name, value, vscode.ConfigurationTarget.Global);
    }
    await this.connection.refreshKeyState();
  }

  async showConnectionStatus(): Promise<void> {
    const { endpoint, target } = this.connection;
    const where = `${title(target)} · ${endpoint.baseUrl ?? l10n.t('no endpoint')}${endpoint.simulator ? ` · ${l10n.t('local simulator')}` : ''}`;
    if (endpoint.baseUrl === undefined) {
      void vscode.window.showWarningMessage(noHost(target));
      return;
    }
    const key = await this.keys.get(target);
    if (key === undefined) {
      const setKey = l10n.t('Set API Key');
      const choice = await vscode.window.showWarningMessage(l10n.t('DashScope: {0} · no API key.', where), setKey);
      if (choice === setKey) await this.setApiKey();
      return;
    }
    const started = Date.now();
    try {
      const models = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: l10n.t('Checking DashScope connection…') },
        () => probeKey(this.connection, key, target),
      );
      void vscode.window.showInformationMessage(models === undefined
        ? l10n.t('DashScope: {0} · API key set · connected, key accepted ({1} ms).', where, Date.now() - started)
        : l10n.t('DashScope: {0} · API key set · connected, {1} models ({2} ms).', where, models, Date.now() - started));
    } catch (error) {
      void vscode.window.showErrorMessage(l10n.t('DashScope: {0} · API key set · not connected: {1}', where, describeError(error)));
    }
  }

  async statusActions(): Promise<void> {
    const hasKey = this.connection.hasKey;
    const actions: { label: string; command: string }[] = [
      { label: `$(key) ${hasKey ? l10n.t('Replace API Key') : l10n.t('Set API Key')}`, command: Commands.setApiKey },
      { label: `$(cloud-download) ${l10n.t('Import API Key')}`, command: Commands.importApiKey },
      { label: `$(globe) ${l10n.t('Select Region')}`, command: Commands.selectRegion },
      { label: `$(pulse) ${l10n.t('Show Connection Status')}`, command: Commands.showConnectionStatus },
      { label: `$(output) ${l10n.t('Show Log')}`, command: Commands.showLog },
      { label: `$(link-external) ${l10n.t('Get an API Key')}`, command: Commands.openApiKeyPage },
    ];
    if (hasKey) actions.push({ label: `$(trash) ${l10n.t('Clear API Key')}`, command: Commands.clearApiKey });
    const picked = await vscode.window.showQuickPick(actions, { title: l10n.t('DashScope') });
    if (picked) await vscode.commands.executeCommand(picked.command);
  }

  async openApiKeyPage(): Promise<void> {
    const { region } = this.connection.settings;
    await vscode.env.openExternal(vscode.Uri.parse(REGIONS[consoleRegionOf(region)].apiKeyPage));
  }
}

function savedMessage(target: KeyTarget, modelCount: number | undefined): string {
  return modelCount === undefined
    ? l10n.t('API key saved for {0}. {1} has no model list: the key was checked with a request the service refuses before any model runs, so nothing was billed.', title(target), planLabel(target.plan))
    : l10n.t('API key saved for {0}. {1} models are available.', title(target), modelCount);
}
