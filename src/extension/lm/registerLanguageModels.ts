import * as vscode from 'vscode';
import type { Services } from '../services';
import type { SpeechStudio } from '../speech/speechStudio';
import type { TaskTracker } from '../tasks/taskTracker';
import { registerChatModelsGuide } from './chatModelsGuide';
import { DashScopeChatProvider, VENDOR } from './dashscopeChatProvider';
import { InlineCompletions } from './inlineCompletions';
import { StudioActions } from './studioActions';
import { registerSpeechTool } from './speechTool';
import { registerStudioParticipant, registerStudioTools } from './studioChat';
import { languageModelProviderApi } from './vscodeLmApi';
import { registerWebSearchMcp } from './webSearchMcp';

/**
 * Registers Qwen in VS Code's own AI features: inline completions, the `@dashscope` participant and the
 * tools everywhere (speech through the Speech panel's synthesizer), the language model provider where the running VS Code has its API (1.104+), and the
 * WebSearch MCP server where it has that API (1.101+).
 */
export function registerLanguageModels(services: Services, tracker: TaskTracker, speech: SpeechStudio): vscode.Disposable[] {
  const actions = new StudioActions(services, tracker);
  const provider = registerProvider(services);
  return [
    new InlineCompletions(services), ...registerStudioTools(actions), ...registerSpeechTool(services, speech), ...registerStudioParticipant(services, actions),
    registerChatModelsGuide(services, provider.length > 0), ...provider, ...registerWebSearchMcp(services),
  ];
}

/** The language model provider and its registration, or nothing where VS Code does not offer the API. */
function registerProvider(services: Services): vscode.Disposable[] {
  const api = languageModelProviderApi(vscode);
  if (!api) {
    services.log.info(`VS Code ${vscode.version} has no language model provider API (1.104+): DashScope models are offered in its panels only.`);
    return [];
  }
  const provider = new DashScopeChatProvider(services);
  try {
    return [provider, api.registerLanguageModelChatProvider(VENDOR, provider)];
  } catch (error) {
    // VS Code 1.103 has the function as a proposed API, which throws for extensions that did not enable it.
    provider.dispose();
    services.log.warn(`VS Code ${vscode.version} refused the language model provider: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}
