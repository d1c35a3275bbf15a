import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { registerCommand } from '../command';
import type { ChatService } from '../chat/chatService';
import type { Services } from '../services';
import { parseVariables } from './appConversation';
import { appIdOf, appIdProblem, appModelId, MAX_APP_NAME } from './appRegistry';
import { registerKnowledge } from './knowledgeCommands';
import { registerMemory } from './memoryCommands';
import { Commands } from '../ids';

/** The chat as the application commands use it: its service, and the panel showing a conversation. */
export interface ChatAccess {
  readonly service: ChatService;
  /** Shows the chat panel (with the conversation, when given) and returns the conversation it shows. */
  readonly open: (conversationId?: string) => Promise<{ conversationId(): Promise<string> }>;
}


const nameProblem = (value: string) => (value.trim() && value.trim().length <= MAX_APP_NAME ? undefined : l10n.t('A name of 1 to {0} characters.', MAX_APP_NAME));

/** Asks for an application id and a name, remembers them, and opens a conversation with the application. */
async function addApp(chat: ChatAccess): Promise<void> {
  const id = await vscode.window.showInputBox({
    title: l10n.t('Add Bailian Application'),
    prompt: l10n.t('The application id, from the application\'s card in the Model Studio console (agents and workflows).'),
    placeHolder: '0123456789abcdef0123456789abcdef',
    ignoreFocusOut: true,
    validateInput: appIdProblem,
  });
  if (id === undefined || appIdProblem(id)) return;
  const appId = id.trim();
  const registry = chat.service.apps.registry;
  const name = await vscode.window.showInputBox({
    title: l10n.t('Add Bailian Application'),
    prompt: l10n.t('A name for it in the chat\'s model picker.'),
    value: registry.find(appId)?.name ?? l10n.t('Application {0}', appId.slice(0, 6)),
    ignoreFocusOut: true,
    validateInput: nameProblem,
  });
  if (name === undefined || nameProblem(name)) return;
  await registry.add({ appId, name: name.trim() });
  const conversation = chat.service.newConversation();
  await chat.service.updateSettings(conversation.id, { model: appModelId(appId) });
  await chat.open(conversation.id);
}

async function forgetApp(chat: ChatAccess): Promise<void> {
  const registry = chat.service.apps.registry;
  const apps = registry.list();
  if (apps.length === 0) {
    void vscode.window.showInformationMessage(l10n.t('No Bailian application has been added for this plan and region.'));
    return;
  }
  const picked = await vscode.window.showQuickPick(apps.map((app) => ({ label: app.name, description: app.appId, appId: app.appId })), { title: l10n.t('Forget Bailian Application') });
  if (picked) await registry.remove(picked.appId);
}

/** Sets the custom variables (`biz_params`) the shown conversation sends its application with every turn. */
async function setVariables(chat: ChatAccess): Promise<void> {
  const conversationId = await (await chat.open()).conversationId();
  const conversation = await chat.service.initialConversation(conversationId);
  const appId = appIdOf(conversation.settings.model);
  if (!appId) {
    void vscode.window.showInformationMessage(l10n.t('This conversation talks to a model. Pick a Bailian application in the chat\'s model picker (or add one with "Add Bailian Application…") first.'));
    return;
  }
  const kept = conversation.app?.appId === appId ? conversation.app : undefined;
  const text = await vscode.window.showInputBox({
    title: l10n.t('Application Variables'),
    prompt: l10n.t('A JSON object sent as biz_params with every turn: a workflow\'s start parameters, or {"user_prompt_params": {…}} for an agent\'s prompt variables. Empty clears them.'),
    value: kept?.variables ? JSON.stringify(kept.variables) : '',
    ignoreFocusOut: true,
    validateInput: (value) => {
      const parsed = parseVariables(value);
      return 'problem' in parsed ? parsed.problem : undefined;
    },
  });
  if (text === undefined) return;
  const parsed = parseVariables(text);
  if ('problem' in parsed) return;
  const { variables: _old, ...rest } = kept ?? { appId };
  await chat.service.updateApp(conversation.id, { ...rest, ...(parsed.variables ? { variables: parsed.variables } : {}) });
}

/** The Bailian application, knowledge retrieval and memory commands. */
export function registerApps(services: Services, chat: ChatAccess): vscode.Disposable[] {
  return [
    registerCommand(services.log, Commands.addApp, () => addApp(chat)),
    registerCommand(services.log, Commands.forgetApp, () => forgetApp(chat)),
    registerCommand(services.log, Commands.setAppVariables, () => setVariables(chat)),
    ...registerKnowledge(services, chat),
    ...registerMemory(services),
  ];
}
