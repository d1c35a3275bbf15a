import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import * as vscode from 'vscode';
import { registerCommand } from '../command';
import { Disposable } from '../disposable';
import { Commands, Views, ViewTypes } from '../ids';
import type { Services } from '../services';
import type { WindowPresence } from '../windowPresence';
import type { ConnectionHealth } from '../connectionState';
import { selectionAttachment } from './chatAttachments';
import { ChatService } from './chatService';
import { ChatView, EditorTracker } from './chatView';


/** What a chat page remembers across reloads (it saves it with setState): the conversation it shows. */
const pageState = z.object({ conversationId: z.string() });
const conversationOf = (state: unknown) => {
  const parsed = pageState.safeParse(state);
  return parsed.success ? parsed.data.conversationId : undefined;
};

/** The chat panel (one, in the editor area, restored after a reload) and the chat view in the DashScope side bar. */
class ChatPanels extends Disposable implements vscode.WebviewPanelSerializer, vscode.WebviewViewProvider {
  private panel: { readonly panel: vscode.WebviewPanel; readonly view: ChatView } | undefined;
  /** The chat in the side bar, once VS Code has shown it: its title bar commands act on it. */
  sidebar: ChatView | undefined;

  constructor(private readonly services: Services, private readonly service: ChatService, private readonly editors: EditorTracker) {
    super();
  }

  /** Shows the panel (creating it if needed), with the given conversation if any. */
  async open(conversationId?: string): Promise<ChatView> {
    if (this.panel) {
      this.panel.panel.reveal();
      if (conversationId) await this.panel.view.show(conversationId);
      return this.panel.view;
    }
    const panel = vscode.window.createWebviewPanel(ViewTypes.chatPanel, l10n.t('DashScope Chat'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, { enableFindWidget: true });
    return this.adopt(panel, conversationId);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (this.panel) {
      panel.dispose();
      return;
    }
    this.adopt(panel, conversationOf(state));
  }

  resolveWebviewView(webviewView: vscode.WebviewView, context: vscode.WebviewViewResolveContext): void {
    const view = new ChatView(webviewView.webview, { services: this.services, service: this.service, editors: this.editors, conversationId: conversationOf(context.state), titleBarActions: true, visible: () => webviewView.visible });
    this.sidebar = view;
    webviewView.onDidDispose(() => {
      view.dispose();
      if (this.sidebar === view) this.sidebar = undefined;
    });
  }

  private adopt(panel: vscode.WebviewPanel, conversationId: string | undefined): ChatView {
    panel.iconPath = vscode.Uri.joinPath(this.services.context.extensionUri, 'media', 'dashscope.svg');
    const view = new ChatView(panel.webview, {
      services: this.services,
      service: this.service,
      editors: this.editors,
      conversationId,
      visible: () => panel.visible,
      onTitle: (title) => (panel.title = title),
    });
    this.panel = { panel, view };
    panel.onDidDispose(() => {
      view.dispose();
      if (this.panel?.panel === panel) this.panel = undefined;
    });
    return view;
  }

  override dispose(): void {
    this.panel?.panel.dispose();
    super.dispose();
  }
}

/** Registers the chat: panel, serializer, sidebar view and commands. */
export async function registerChat(services: Services, windows: WindowPresence, health: ConnectionHealth): Promise<{ disposables: vscode.Disposable[]; close: () => Promise<void>; service: ChatService; open: (conversationId?: string) => Promise<ChatView> }> {
  const service = await ChatService.create(services, windows, health);
  const editors = new EditorTracker();
  const panels = new ChatPanels(services, service, editors);
  const askAboutSelection = async () => {
    const editor = editors.editor;
    if (!editor) {
      void vscode.window.showInformationMessage(l10n.t('Open a file and select the code to ask about.'));
      return;
    }
    const attachment = selectionAttachment(editor);
    const question = await vscode.window.showInputBox({
      title: l10n.t('Ask DashScope About {0}', attachment.source ?? attachment.name),
      placeHolder: l10n.t('Explain this code'),
      prompt: l10n.t('Press Enter to send, or Escape to attach the selection without asking yet.'),
      // The chat panel may still be loading and take the focus; a half-typed question must not be lost to it.
      ignoreFocusOut: true,
    });
    const view = await panels.open();
    const conversationId = await view.conversationId();
    if (question === undefined) service.attach(conversationId, [attachment]);
    else await service.send(conversationId, question || l10n.t('Explain this code'), [{ ...attachment, id: crypto.randomUUID() }]);
  };
  const disposables = [
    service,
    services.milestones.reachWhen(service.onEvent, (change) => change?.event.type === 'messageFinished' && change.event.status === 'done', 'chatted'),
    editors,
    panels,
    vscode.window.registerWebviewPanelSerializer(ViewTypes.chatPanel, panels),
    vscode.window.registerWebviewViewProvider(Views.chat, panels),
    registerCommand(services.log, Commands.openChat, () => panels.open()),
    registerCommand(services.log, Commands.newChat, () => panels.open(service.newConversation().id)),
    registerCommand(services.log, Commands.askAboutSelection, askAboutSelection),
    registerCommand(services.log, Commands.sidebarNewChat, () => panels.sidebar?.newConversation()),
    registerCommand(services.log, Commands.sidebarChatHistory, () => panels.sidebar?.showHistory()),
    registerCommand(services.log, Commands.sidebarRenameChat, () => panels.sidebar?.renameConversation()),
    registerCommand(services.log, Commands.sidebarDeleteChat, () => panels.sidebar?.deleteConversation()),
  ];
  return { disposables, close: () => service.close(), service, open: (conversationId) => panels.open(conversationId) };
}
