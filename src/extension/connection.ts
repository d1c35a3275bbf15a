import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { DashScopeClient, type RetryOptions } from '../dashscope';
import { REGION_IDS, type RegionId } from '../dashscope/regions';
import { Disposable } from './disposable';
import { resolveEndpoint, simulatorOrigin, targetTitle, type Endpoint } from './endpoint';
import { ContextKeys } from './ids';
import { noHost, type KeyStore, type KeyTarget } from './keys/keyStore';
import { WorkspaceSettingsGuard } from './keys/workspaceSettingsGuard';
import type { Log } from './log';
import { readScoped, readSettings, type RegionSetting, type SettingProblem, type StudioSettings } from './settings';

/**
 * The current connection: settings, endpoint and the key for the selected plan and region.
 * Fires `onDidChange` when any of them changes, in this window or (for keys) another one.
 */
export class Connection extends Disposable {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;

  private current: StudioSettings;
  private reportedProblems = new Set<string>();
  private keyPresent = false;
  private loggedDestination: string | undefined;
  readonly simulator = simulatorOrigin(process.env);

  /** Warns when a workspace tries to set where the key or files go. */
  readonly workspaceSettings: WorkspaceSettingsGuard;

  constructor(
    private readonly keys: KeyStore,
    private readonly log: Log,
    private readonly userAgent: string,
  ) {
    super();
    this.current = this.loadSettings();
    this.workspaceSettings = this._register(new WorkspaceSettingsGuard(log));
    void this.workspaceSettings.check();
    this._register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('dashscope')) return;
      this.current = this.loadSettings();
      void this.refreshKeyState();
    }));
    this._register(keys.onDidChange(() => void this.refreshKeyState()));
  }

  get settings(): StudioSettings {
    return this.current;
  }

  get endpoint(): Endpoint {
    return resolveEndpoint(this.current, this.simulator);
  }

  /** Whose key the selected plan and region use. */
  get target(): KeyTarget {
    const { plan, region, workspaceId } = this.current;
    return { plan, region, workspaceId };
  }

  /** Where the custom endpoint's requests and key go; undefined when it has no base URL (then it has no key either). */
  get customBaseUrl(): string | undefined {
    return resolveEndpoint(this.current, this.simulator, 'custom').baseUrl;
  }

  get hasKey(): boolean {
    return this.keyPresent;
  }

  /** Re-reads whether the selected plan and region have a key, then notifies listeners. */
  async refreshKeyState(): Promise<void> {
    const key = await this.keys.get(this.target);
    this.log.redactor.add(key);
    this.keyPresent = key !== undefined;
    await vscode.commands.executeCommand('setContext', ContextKeys.hasKey, this.keyPresent);
    this.changeEmitter.fire();
  }

  /** A client for the selected plan and region, or undefined when it has no key. */
  async client(): Promise<DashScopeClient | undefined> {
    const key = await this.keys.get(this.target);
    return key === undefined ? undefined : this.clientFor(key, this.target);
  }

  /** The client for the selected plan and region, or an error that says which key to set. */
  async requireClient(): Promise<DashScopeClient> {
    const client = await this.client();
    if (!client) throw new Error(missingKeyMessage(this.current.plan, this.current.region));
    return client;
  }

  /**
   * A client for an explicit key and target (used to check a key before it is saved, and for the tasks of each
   * region); a bare region means pay-as-you-go. `retry` overrides the default policy, e.g. for callers that pace
   * and retry themselves.
   */
  clientFor(apiKey: string, target: RegionSetting | KeyTarget, retry?: RetryOptions): DashScopeClient {
    this.log.redactor.add(apiKey);
    const { region, plan, workspaceId } = typeof target === 'string' ? { region: target, plan: 'payg' as const, workspaceId: undefined } : target;
    // A target's own workspace (a task's) wins over the selected one: its host is the only one that knows the task.
    const settings = workspaceId === undefined ? this.current : { ...this.current, workspaceId };
    const endpoint = resolveEndpoint(settings, this.simulator, region, plan);
    // Without a base URL the client would fall back to Beijing's host: the key must not go there.
    if (endpoint.baseUrl === undefined) throw new Error(noHost({ plan, region }));
    return new DashScopeClient({
      apiKey,
      region: (REGION_IDS as readonly string[]).includes(region) ? (region as RegionId) : undefined,
      baseUrl: endpoint.baseUrl,
      compatiblePath: endpoint.compatiblePath,
      workspaceId: settings.workspaceId,
      userAgent: this.userAgent,
      ...(retry ? { retry } : {}),
      onRequest: (entry) => {
        const status = entry.status ?? entry.errorCode ?? 'network error';
        const requestId = entry.requestId ? ` request_id=${entry.requestId}` : '';
        const attempt = entry.attempt > 1 ? ` attempt=${entry.attempt}` : '';
        this.log.info(`${entry.method} ${entry.path} → ${status} in ${Math.round(entry.durationMs)} ms${requestId}${attempt}`);
      },
    });
  }

  private loadSettings(): StudioSettings {
    const configuration = vscode.workspace.getConfiguration('dashscope');
    const { settings, problems } = readSettings((key) => readScoped(key, (name) => configuration.get(name), (name) => configuration.inspect(name)));
    this.warnOnce(problems);
    this.logKeyDestination(resolveEndpoint(settings, this.simulator));
    return settings;
  }

  private logKeyDestination(endpoint: Endpoint): void {
    const line = endpoint.baseUrl === undefined
      ? `The ${endpoint.plan} plan has no host for ${endpoint.region} (no base URL or workspace id): no request is sent and its API key is not used.`
      : `API key for ${endpoint.region} is sent only to ${endpoint.baseUrl} (plan: ${endpoint.plan}, region: ${endpoint.region}, host: ${new URL(endpoint.baseUrl).host})`;
    if (line !== this.loggedDestination) this.log.info(line);
    this.loggedDestination = line;
  }

  private warnOnce(problems: SettingProblem[]): void {
    const fresh = problems.filter((problem) => !this.reportedProblems.has(problem.setting + problem.message));
    this.reportedProblems = new Set(problems.map((problem) => problem.setting + problem.message));
    for (const problem of fresh) {
      this.log.warn(`${problem.setting}: ${problem.message}`);
      const open = l10n.t('Open Settings');
      void vscode.window
        .showWarningMessage(l10n.t('Setting {0} is invalid and its default is used instead: {1}', problem.setting, problem.message), open)
        .then((choice) => choice === open && vscode.commands.executeCommand('workbench.action.openSettings', problem.setting));
    }
  }
}

/** What to tell a user who asked for something that needs the key of `plan` and `region`. */
export function missingKeyMessage(plan: StudioSettings['plan'], region: RegionSetting): string {
  return l10n.t('Set an API key for {0} first.', targetTitle(plan, region));
}
