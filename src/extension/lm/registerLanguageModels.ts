import * as vscode from 'vscode';
import type { Services } from '../services';
import type { TaskTracker } from '../tasks/taskTracker';
import { registerChatModelsGuide } from './chatModelsGuide';
import { DashScopeChatProvider, VENDOR } from './dashscopeChatProvider';
import { InlineCompletions } from './inlineCompletions';
import { StudioActions } from './studioActions';
import { registerStudioParticipant, registerStudioTools } from './studioChat';
import { languageModelProviderApi } from './vscodeLmApi';

/**
 * Registers Qwen in VS Code's own AI features: inline completions, the `@dashscope` participant and the
 * tools everywhere, and the language model provider where the running VS Code has its API (1.104+).
 */
export function registerLanguageModels(services: Services, tracker: TaskTracker): vscode.Disposable[] {
  const actions = new StudioActions(services, tracker);
  const api = languageModelProviderApi(vscode);
  const everywhere = [new InlineCompletions(services), ...registerStudioTools(actions), ...registerStudioParticipant(services, actions), registerChatModelsGuide(services, api !== undefined)];
  if (!api) {
    services.log.info(`VS Code ${vscode.version} has no language model provider API (1.104+): DashScope models are offered in its panels only.`);
    return everywhere;
  }
  const provider = new DashScopeChatProvider(services);
  return [...everywhere, provider, api.registerLanguageModelChatProvider(VENDOR, provider)];
}
