import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { registerCommand } from '../command';
import { Commands } from '../ids';
import type { Services } from '../services';

/** VS Code's "Chat: Manage Language Models" (1.104+). */
const MANAGE_MODELS = 'workbench.action.chat.manage';

/**
 * Takes the user to the one step VS Code leaves to them: a key first if there is none, then Manage
 * Language Models, where "Add Models… → DashScope" puts the models into the Chat view's picker.
 */
export function registerChatModelsGuide(services: Services, providerAvailable: boolean): vscode.Disposable {
  return registerCommand(services.log, Commands.useInVsCodeChat, async () => {
    if (!providerAvailable) {
      void vscode.window.showInformationMessage(l10n.t('Qwen models in VS Code\'s own Chat need VS Code 1.104 or later (this is {0}). The DashScope chat panel works here.', vscode.version));
      return;
    }
    if (!services.connection.hasKey) await vscode.commands.executeCommand(Commands.setApiKey);
    if (!services.connection.hasKey) return;
    await vscode.commands.executeCommand(MANAGE_MODELS);
    void vscode.window.showInformationMessage(l10n.t('Choose "Add Models…" → DashScope here, then pick a Qwen model in the Chat view\'s model picker.'));
  });
}
