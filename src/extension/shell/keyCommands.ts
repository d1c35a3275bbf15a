import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { REGIONS, type RegionId } from '../../dashscope/regions';
import type { Connection } from '../connection';
import { otherRegions, regionLabel } from '../endpoint';
import { describeError } from '../errors';
import { discoverKeys, type KeyDiscovery } from '../keys/keySources';
import { noBaseUrl, type KeyStore } from '../keys/keyStore';
import { checkKey } from '../keys/keyValidation';
import type { Log } from '../log';
import { maskKey } from '../secretRedactor';
import { parseBaseUrl, REGION_SETTINGS, type RegionSetting } from '../settings';

const regionTitle = (region: RegionSetting) => (region === 'custom' ? regionLabel(region) : `${regionLabel(region)} (${region})`);

/** Key and region commands: set, import, clear, select region, connection status, quick actions. */
export class KeyCommands {
  constructor(
    private readonly connection: Connection,
    private readonly keys: KeyStore,
    private readonly log: Log,
  ) {}

  register(): vscode.Disposable[] {
    const command = (id: string, run: () => Promise<unknown>) =>
      vscode.commands.registerCommand(id, async () => {
        try {
          await run();
        } catch (error) {
          this.log.error(`${id} failed`, error);
          void vscode.window.showErrorMessage(describeError(error));
        }
      });
    return [
      command('dashscope.setApiKey', () => this.setApiKey()),
      command('dashscope.importApiKey', () => this.importApiKey()),
      command('dashscope.clearApiKey', () => this.clearApiKey()),
      command('dashscope.selectRegion', () => this.selectRegion()),
      command('dashscope.showConnectionStatus', () => this.showConnectionStatus()),
      command('dashscope.statusActions', () => this.statusActions()),
      command('dashscope.openApiKeyPage', () => this.openApiKeyPage()),
      command('dashscope.showLog', async () => this.log.show()),
    ];
  }

  /** Tells the welcome view whether a key was found on this machine, so it can offer the import. */
  async refreshFoundKeys(): Promise<KeyDiscovery> {
    const discovery = await discoverKeys();
    await vscode.commands.executeCommand('setContext', 'dashscope.foundKey', discovery.keys.length > 0);
    return discovery;
  }

  async setApiKey(presetKey?: string): Promise<void> {
    const region = this.connection.settings.region;
    if (region === 'custom' && this.connection.customBaseUrl === undefined && !(await this.askBaseUrl())) return;
    const key = presetKey ?? (await vscode.window.showInputBox({
      title: l10n.t('DashScope API Key for {0}', regionTitle(region)),
      prompt: l10n.t('Paste the API key created in the {0} console. It is kept in VS Code secret storage only.', regionLabel(region)),
      placeHolder: 'sk-…',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? l10n.t('Enter the API key.') : /\s/.test(value.trim()) ? l10n.t('An API key has no spaces or line breaks.') : undefined),
    }))?.trim();
    if (!key) return;

    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: l10n.t('Checking the key with DashScope…'), cancellable: true },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        const candidates = region === 'custom' ? [] : otherRegions(region);
        return checkKey(key, region, candidates, (apiKey, target, signal) => this.countModels(apiKey, target, signal), controller.signal);
      },
    );

    switch (result.kind) {
      case 'valid':
        await this.keys.set(region, key);
        void vscode.window.showInformationMessage(l10n.t('API key saved for {0}. {1} models are available.', regionTitle(region), result.modelCount));
        return;
      case 'otherRegion':
        return this.offerRegionSwitch(key, region, result.region);
      case 'rejected': {
        const getKey = l10n.t('Get an API Key');
        const choice = await vscode.window.showErrorMessage(
          l10n.t('DashScope rejected this key (401 Invalid API-key) in every region. Check that you copied the whole key; nothing was saved.'),
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
          await this.keys.set(region, key);
          void vscode.window.showInformationMessage(l10n.t('API key saved for {0} without checking.', regionTitle(region)));
        } else if (choice === showLog) {
          this.log.show();
        }
      }
    }
  }

  private async offerRegionSwitch(key: string, current: RegionSetting, owner: RegionId): Promise<void> {
    const switchTo = l10n.t('Switch to {0}', regionLabel(owner));
    const choice = await vscode.window.showWarningMessage(
      l10n.t('This key belongs to {0}, not {1}: DashScope keys work only in the region where they were created.', regionTitle(owner), regionTitle(current)),
      switchTo,
    );
    if (choice !== switchTo) return;
    await this.keys.set(owner, key);
    await this.updateRegion(owner);
    void vscode.window.showInformationMessage(l10n.t('Switched to {0} and saved the API key.', regionTitle(owner)));
  }

  private async countModels(apiKey: string, region: RegionSetting, signal: AbortSignal): Promise<number> {
    const models = await this.connection.clientFor(apiKey, region).models.list({ signal });
    return models.length;
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
    const region = this.connection.settings.region;
    if ((await this.keys.get(region)) === undefined) {
      void vscode.window.showInformationMessage(l10n.t('There is no API key for {0}.', regionTitle(region)));
      return;
    }
    await this.keys.delete(region);
    void vscode.window.showInformationMessage(l10n.t('API key for {0} removed from VS Code.', regionTitle(region)));
  }

  async selectRegion(): Promise<void> {
    const current = this.connection.settings.region;
    const items = await Promise.all(REGION_SETTINGS.map(async (region) => ({
      label: region === 'custom' ? l10n.t('Custom endpoint…') : regionTitle(region),
      description: (await this.keys.get(region)) === undefined ? l10n.t('no key') : l10n.t('key saved'),
      detail: region === 'custom' ? l10n.t('A gateway or workspace-dedicated host, e.g. https://WORKSPACE.cn-beijing.maas.aliyuncs.com') : REGIONS[region].origin,
      picked: region === current,
      region,
    })));
    const picked = await vscode.window.showQuickPick(items, { title: l10n.t('DashScope Region'), placeHolder: l10n.t('Keys, models and tasks belong to one region') });
    if (!picked) return;
    if (picked.region === 'custom' && !(await this.askBaseUrl())) return;
    await this.updateRegion(picked.region);
    if ((await this.keys.get(picked.region)) === undefined) {
      const setKey = l10n.t('Set API Key');
      const choice = await vscode.window.showInformationMessage(l10n.t('{0} has no API key yet.', regionTitle(picked.region)), setKey);
      if (choice === setKey) await this.setApiKey();
    }
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

  private async updateRegion(region: RegionSetting): Promise<void> {
    const configuration = vscode.workspace.getConfiguration('dashscope');
    const inspected = configuration.inspect<string>('region');
    if (inspected?.workspaceValue !== undefined) await configuration.update('region', region, vscode.ConfigurationTarget.Workspace);
    await configuration.update('region', region, vscode.ConfigurationTarget.Global);
    await this.connection.refreshKeyState();
  }

  async showConnectionStatus(): Promise<void> {
    const { settings, endpoint } = this.connection;
    const where = `${regionTitle(settings.region)} · ${endpoint.baseUrl ?? l10n.t('no endpoint')}${endpoint.simulator ? ` · ${l10n.t('local simulator')}` : ''}`;
    if (endpoint.baseUrl === undefined) {
      void vscode.window.showWarningMessage(noBaseUrl());
      return;
    }
    const client = await this.connection.client();
    if (!client) {
      const setKey = l10n.t('Set API Key');
      const choice = await vscode.window.showWarningMessage(l10n.t('DashScope: {0} · no API key.', where), setKey);
      if (choice === setKey) await this.setApiKey();
      return;
    }
    const started = Date.now();
    try {
      const models = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: l10n.t('Checking DashScope connection…') },
        () => client.models.list(),
      );
      void vscode.window.showInformationMessage(
        l10n.t('DashScope: {0} · API key set · connected, {1} models ({2} ms).', where, models.length, Date.now() - started),
      );
    } catch (error) {
      void vscode.window.showErrorMessage(l10n.t('DashScope: {0} · API key set · not connected: {1}', where, describeError(error)));
    }
  }

  async statusActions(): Promise<void> {
    const hasKey = this.connection.hasKey;
    const actions: { label: string; command: string }[] = [
      { label: `$(key) ${hasKey ? l10n.t('Replace API Key') : l10n.t('Set API Key')}`, command: 'dashscope.setApiKey' },
      { label: `$(cloud-download) ${l10n.t('Import API Key')}`, command: 'dashscope.importApiKey' },
      { label: `$(globe) ${l10n.t('Select Region')}`, command: 'dashscope.selectRegion' },
      { label: `$(pulse) ${l10n.t('Show Connection Status')}`, command: 'dashscope.showConnectionStatus' },
      { label: `$(output) ${l10n.t('Show Log')}`, command: 'dashscope.showLog' },
      { label: `$(link-external) ${l10n.t('Get an API Key')}`, command: 'dashscope.openApiKeyPage' },
    ];
    if (hasKey) actions.push({ label: `$(trash) ${l10n.t('Clear API Key')}`, command: 'dashscope.clearApiKey' });
    const picked = await vscode.window.showQuickPick(actions, { title: l10n.t('DashScope') });
    if (picked) await vscode.commands.executeCommand(picked.command);
  }

  async openApiKeyPage(): Promise<void> {
    const region = this.connection.settings.region;
    await vscode.env.openExternal(vscode.Uri.parse(REGIONS[region === 'custom' ? 'cn' : region].apiKeyPage));
  }
}
