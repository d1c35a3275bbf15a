import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import { REGION_SETTINGS, type RegionSetting } from '../settings';

const SECRET_PREFIX = 'dashscope.apiKey.';

/**
 * API keys, one per official region and one for the custom endpoint, kept only in VS Code's SecretStorage.
 * The custom endpoint's key exists only while it has a base URL, so it can never fall back to another host.
 */
export class KeyStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly customBaseUrl: () => string | undefined,
  ) {}

  private slot(region: RegionSetting): string | undefined {
    return region === 'custom' && this.customBaseUrl() === undefined ? undefined : SECRET_PREFIX + region;
  }

  /** The key for `region`; none for the custom endpoint while it has no base URL. */
  async get(region: RegionSetting): Promise<string | undefined> {
    const slot = this.slot(region);
    return slot === undefined ? undefined : this.secrets.get(slot);
  }

  async set(region: RegionSetting, key: string): Promise<void> {
    const slot = this.slot(region);
    if (slot === undefined) throw new Error(noBaseUrl());
    await this.secrets.store(slot, key);
  }

  delete(region: RegionSetting): Thenable<void> {
    return this.secrets.delete(SECRET_PREFIX + region);
  }

  /** Fires with the region whose key changed, in this window or another one. */
  onDidChange(listener: (region: RegionSetting) => void): vscode.Disposable {
    return this.secrets.onDidChange((event) => {
      const region = event.key.startsWith(SECRET_PREFIX) ? event.key.slice(SECRET_PREFIX.length) : undefined;
      if ((REGION_SETTINGS as readonly string[]).includes(region ?? '')) listener(region as RegionSetting);
    });
  }
}

export const noBaseUrl = () => l10n.t('The custom endpoint has no base URL. Set dashscope.baseUrl in your user settings, or pick "Custom endpoint…" in DashScope: Select Region.');
