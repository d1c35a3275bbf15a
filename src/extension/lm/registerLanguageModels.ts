import * as vscode from 'vscode';
import type { Services } from '../services';
import { DashScopeChatProvider, VENDOR } from './dashscopeChatProvider';
import { InlineCompletions } from './inlineCompletions';
import { languageModelProviderApi } from './vscodeLmApi';

/**
 * Registers Qwen in VS Code's own AI features: inline completions everywhere, and the language model
 * provider where the running VS Code has its API (1.104+).
 */
export function registerLanguageModels(services: Services): vscode.Disposable[] {
  const completions = new InlineCompletions(services);
  const api = languageModelProviderApi(vscode);
  if (!api) {
    services.log.info(`VS Code ${vscode.version} has no language model provider API (1.104+): DashScope models are offered in its panels only.`);
    return [completions];
  }
  const provider = new DashScopeChatProvider(services);
  return [completions, provider, api.registerLanguageModelChatProvider(VENDOR, provider)];
}
