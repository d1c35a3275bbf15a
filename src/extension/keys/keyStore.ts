import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import { PLAN_IDS, type PlanId } from '../../shared/models/plans';
import { REGION_SETTINGS, type RegionSetting } from '../settings';

const SECRET_PREFIX = 'dashscope.apiKey.';

/** Whose key: a plan in a region, and for workspace-dedicated hosts the workspace. A bare region means pay-as-you-go. */
export interface KeyTarget {
  readonly plan: PlanId;
  readonly region: RegionSetting;
  readonly workspaceId?: string;
}

const asTarget = (target: RegionSetting | KeyTarget): KeyTarget => (typeof target === 'string' ? { plan: 'payg', region: target } : target);

/**
 * API keys, one per (plan, region) — per workspace for workspace-dedicated hosts — and one for the custom endpoint,
 * kept only in VS Code's SecretStorage. Pay-as-you-go keys keep their original `dashscope.apiKey.<region>` slots.
 * A slot exists only while its host does (the custom base URL, the workspace id), so a key never falls back elsewhere.
 */
export class KeyStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly customBaseUrl: () => string | undefined,
  ) {}

  private slot(target: RegionSetting | KeyTarget): string | undefined {
    const { plan, region, workspaceId } = asTarget(target);
    if (plan === 'payg') return region === 'custom' && this.customBaseUrl() === undefined ? undefined : SECRET_PREFIX + region;
    if (region === 'custom') return undefined;
    if (plan === 'workspace') return workspaceId === undefined ? undefined : `${SECRET_PREFIX}workspace.${region}.${workspaceId}`;
    return `${SECRET_PREFIX}${plan}.${region}`;
  }

  /** The key for `target`; none while its host is unknown (custom endpoint without base URL, workspace without id). */
  async get(target: RegionSetting | KeyTarget): Promise<string | undefined> {
    const slot = this.slot(target);
    return slot === undefined ? undefined : this.secrets.get(slot);
  }

  async set(target: RegionSetting | KeyTarget, key: string): Promise<void> {
    const slot = this.slot(target);
    if (slot === undefined) throw new Error(noHost(asTarget(target)));
    await this.secrets.store(slot, key);
  }

  async delete(target: RegionSetting | KeyTarget): Promise<void> {
    const { plan, region } = asTarget(target);
    const slot = plan === 'payg' ? SECRET_PREFIX + region : this.slot(target);
    if (slot !== undefined) await this.secrets.delete(slot);
  }

  /** Fires with the region whose key (of any plan) changed, in this window or another one. */
  onDidChange(listener: (region: RegionSetting) => void): vscode.Disposable {
    return this.secrets.onDidChange((event) => {
      if (!event.key.startsWith(SECRET_PREFIX)) return;
      const parts = event.key.slice(SECRET_PREFIX.length).split('.');
      const region = (PLAN_IDS as readonly string[]).includes(parts[0] ?? '') && parts.length > 1 ? parts[1] : parts[0];
      if ((REGION_SETTINGS as readonly string[]).includes(region ?? '')) listener(region as RegionSetting);
    });
  }
}

export const noBaseUrl = () => l10n.t('The custom endpoint has no base URL. Set dashscope.baseUrl in your user settings, or pick "Custom endpoint…" in DashScope: Select Region.');
export const noWorkspaceId = () => l10n.t('The workspace-dedicated host needs a workspace id. Set dashscope.workspaceId, or pick the plan again in DashScope: Select Region.');
/** Why `target` has no host (so no key slot and no client). */
export const noHost = (target: KeyTarget) => (target.plan === 'workspace' && target.region !== 'custom' ? noWorkspaceId() : noBaseUrl());
