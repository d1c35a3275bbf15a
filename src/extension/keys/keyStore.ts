import type * as vscode from 'vscode';
import { REGION_SETTINGS, type RegionSetting } from '../settings';

const SECRET_PREFIX = 'dashscope.apiKey.';

/** API keys, one per region, kept only in VS Code's SecretStorage. */
export class KeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  get(region: RegionSetting): Thenable<string | undefined> {
    return this.secrets.get(SECRET_PREFIX + region);
  }

  set(region: RegionSetting, key: string): Thenable<void> {
    return this.secrets.store(SECRET_PREFIX + region, key);
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
