import * as vscode from 'vscode';
import type { Services } from '../services';
import { DashScopeChatProvider, VENDOR } from './dashscopeChatProvider';
import { languageModelProviderApi } from './vscodeLmApi';

/** Registers what the running VS Code supports of its AI integration; nothing on versions before 1.104. */
export function registerLanguageModels(services: Services): vscode.Disposable[] {
  const api = languageModelProviderApi(vscode);
  if (!api) {
    services.log.info(`VS Code ${vscode.version} has no language model provider API (1.104+): DashScope models are offered in its panels only.`);
    return [];
  }
  const provider = new DashScopeChatProvider(services);
  return [provider, api.registerLanguageModelChatProvider(VENDOR, provider)];
}
