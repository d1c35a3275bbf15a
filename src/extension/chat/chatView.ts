import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { chatProtocol, type ChatProtocol } from '../../shared/protocol/chat';
import { Disposable } from '../disposable';
import { describeError } from '../errors';
import { Commands } from '../ids';
import type { Services } from '../services';
import { copyRequest } from '../snippets/copyRequest';
import type { WebviewChannel } from '../webviews/webviewChannel';
import { WebviewSession } from '../webviews/webviewSession';
import { pickImages, pickTextFiles, selectionAttachment, type Picked } from './chatAttachments';
import { pastedImage, pickWorkspaceFile } from './chatContext';
import { PASTED_IMAGES_FOLDER } from './pastedImages';
import { pickConversation } from './chatHistory';
import type { ChatService } from './chatService';
import { DeltaBatcher } from './deltaBatcher';

/** The last text editor the user was in: a webview has focus when its buttons are clicked. */
export class EditorTracker extends Disposable {
  private last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;

  constructor() {
    super();
    this._register(vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor) this.last = editor;
    }));
  }

  get editor(): vscode.TextEditor | undefined {
    const last = this.last;
    return last && vscode.window.visibleTextEditors.includes(last) ? last : vscode.window.visibleTextEditors[0];
  }
}

export interface ChatViewOptions {
  readonly services: Services;
  readonly service: ChatService;
  readonly editors: EditorTracker;
  readonly conversationId?: string;
  /** The sidebar view: its title bar holds the conversation actions, so the page leaves them out. */
  readonly titleBarActions?: boolean;
  /** Whether the page is on screen (see SessionSpec.visible). */
  readonly visible: () => boolean;
  /** Called with the shown conversation's title (panels show it on their tab). */
  readonly onTitle?: (title: string) => void;
}

/**
 * One chat page (a panel or the sidebar view): shows a conversation from the service and forwards what
 * the user does. The page can be rebuilt at any moment; on `ready` it gets the whole state again.
 */
export class ChatView extends Disposable {
  private current: string | undefined;
  private readonly session: WebviewSession<ChatProtocol>;
  private readonly deltas = this._register(new DeltaBatcher((event) => this.session.channel.notify('event', event)));

  constructor(webview: vscode.Webview, private readonly options: ChatViewOptions) {
    super();
    this.current = options.conversationId;
    const { service } = options;
    this.session = this._register(new WebviewSession(webview, options.services.context.extensionUri, {
      page: { script: 'chat', title: l10n.t('DashScope Chat'), stylesheet: 'chat.css' },
      protocol: chatProtocol,
      handlers: (channel) => this.handlers(channel),
      onReady: () => void this.sendState(),
      visible: options.visible,
    }, options.services.log));
    this._register(service.onEvent((event) => {
      if (event.conversationId === this.current) this.deltas.push(event);
    }));
    this._register(service.onDidChangeState((id) => {
      if (id === undefined || id === this.current) void this.sendState();
    }));
  }

  /** The conversation shown (after the first state was sent). */
  async conversationId(): Promise<string> {
    const asked = this.current;
    const conversation = await this.options.service.initialConversation(asked);
    // Another conversation shown meanwhile (New Conversation, History) wins over this older answer.
    if (this.current === asked) this.current = conversation.id;
    return this.current ?? conversation.id;
  }

  async show(conversationId: string): Promise<void> {
    this.current = conversationId;
    await this.sendState();
  }

  newConversation(): Promise<void> {
    return this.show(this.options.service.newConversation().id);
  }

  async showHistory(): Promise<void> {
    const picked = await pickConversation(this.options.service.store.list(), this.current);
    if (picked) await this.show(picked);
  }

  async renameConversation(conversationId?: string): Promise<void> {
    const id = conversationId ?? await this.conversationId();
    const conversation = await this.options.service.store.get(id);
    const title = await vscode.window.showInputBox({ title: l10n.t('Rename Conversation'), value: conversation?.title ?? '', ignoreFocusOut: true, validateInput: (value) => (value.trim() ? undefined : l10n.t('Enter a name.')) });
    if (title?.trim()) await this.options.service.rename(id, title.trim());
  }

  async deleteConversation(conversationId?: string): Promise<void> {
    const id = conversationId ?? await this.conversationId();
    const conversation = await this.options.service.store.get(id);
    const remove = l10n.t('Delete');
    const answer = await vscode.window.showWarningMessage(l10n.t('Delete the conversation "{0}"?', conversation?.title ?? ''), { modal: true }, remove);
    if (answer === remove) await this.options.service.delete(id);
  }

  private async sendState(): Promise<void> {
    const asked = this.current;
    const conversation = await this.options.service.initialConversation(asked);
    // Another conversation was shown while this one was read: this answer is stale, send that one's.
    if (this.current !== asked) return this.sendState();
    this.current = conversation.id;
    const state = { ...this.options.service.state(conversation), titleBarActions: this.options.titleBarActions ?? false };
    this.deltas.discard();
    this.session.channel.notify('state', state);
    this.options.onTitle?.(state.conversation.title);
  }

  private handlers(channel: WebviewChannel<ChatProtocol>) {
    const { service, editors } = this.options;
    const id = () => this.conversationId();
    const attach = async (picked: Picked) => {
      const conversationId = await id();
      if (picked.attachments.length > 0) service.attach(conversationId, picked.attachments);
      if (picked.refused.length > 0) channel.notify('notice', { message: picked.refused.join(' '), severity: 'warning' });
      const model = await service.modelOf(conversationId);
      const images = picked.attachments.some((item) => item.kind === 'image');
      if (!model.vision && images) {
        channel.notify('notice', { message: l10n.t('{0} does not read images: pick a vision model (for example qwen-vl-plus) before sending.', model.id), severity: 'warning' });
      } else if (!model.known && images) {
        channel.notify('notice', { message: l10n.t('{0} is not in the model catalog: it may not read images. If DashScope refuses them, the reply offers a model that does.', model.id), severity: 'info' });
      }
    };
    return {
      send: async ({ text }: { text: string }) => service.send(await id(), text),
      stop: async () => service.stop(await id()),
      regenerate: async ({ messageId, model }: { messageId: string; model?: string }) => {
        if (model) await service.updateSettings(await id(), { model });
        await service.regenerate(await id(), messageId);
      },
      continueReply: async ({ messageId }: { messageId: string }) => service.continueReply(await id(), messageId),
      copyRequest: async ({ messageId, language }: { messageId: string; language: 'curl' | 'typescript' }) => {
        try {
          const request = await service.requestFor(await id(), messageId);
          if (!request) return;
          await copyRequest({ title: l10n.t('Chat reply ({0})', request.model), root: 'compatible', method: 'POST', path: '/chat/completions', body: request, flow: 'sse' }, language, this.options.services.connection);
        } catch (error) {
          channel.notify('notice', { message: describeError(error), severity: 'error' });
        }
      },
      editAndResend: async ({ messageId, text }: { messageId: string; text: string }) => service.editAndResend(await id(), messageId, text),
      newConversation: () => this.newConversation(),
      showHistory: () => this.showHistory(),
      renameConversation: ({ id: conversationId }: { id: string }) => this.renameConversation(conversationId),
      deleteConversation: ({ id: conversationId }: { id: string }) => this.deleteConversation(conversationId),
      updateSettings: async (update: Parameters<ChatService['updateSettings']>[1]) => service.updateSettings(await id(), update),
      attachFile: async () => attach(await pickTextFiles()),
      attachImage: async () => attach(await pickImages()),
      attachSelection: async () => {
        const editor = editors.editor;
        if (editor) await attach({ attachments: [selectionAttachment(editor)], refused: [] });
        else channel.notify('notice', { message: l10n.t('Open a file and select the code to attach.'), severity: 'info' });
      },
      pickFile: async () => attach(await pickWorkspaceFile()),
      attachImageData: async ({ name, data }: { name: string; data: string }) =>
        attach(await pastedImage(data, name, vscode.Uri.joinPath(this.options.services.context.globalStorageUri, PASTED_IMAGES_FOLDER))),
      removeAttachment: async ({ id: attachmentId }: { id: string }) => service.removeAttachment(await id(), attachmentId),
      copyCode: async ({ code }: { code: string }) => {
        await vscode.env.clipboard.writeText(code);
      },
      insertCode: async ({ code, language }: { code: string; language?: string }) => {
        const editor = editors.editor;
        if (!editor) return openInEditor(code, language);
        await vscode.window.showTextDocument(editor.document, editor.viewColumn);
        const text = code.endsWith('\n') ? code : `${code}\n`;
        await editor.edit((edit) => editor.selections.forEach((selection) => edit.replace(selection, text)));
      },
      openCode: ({ code, language }: { code: string; language?: string }) => openInEditor(code, language),
      setApiKey: async () => void (await vscode.commands.executeCommand(Commands.setApiKey)),
      refreshModels: () => service.refreshModels(),
    };
  }
}

/** Markdown fence names that differ from VS Code's language ids. */
const LANGUAGE_IDS: Readonly<Record<string, string>> = {
  ts: 'typescript', js: 'javascript', py: 'python', sh: 'shellscript', bash: 'shellscript', shell: 'shellscript', zsh: 'shellscript',
  yml: 'yaml', md: 'markdown', rs: 'rust', golang: 'go', 'c++': 'cpp', cs: 'csharp', kt: 'kotlin', rb: 'ruby', html: 'html', xml: 'xml',
};

async function openInEditor(code: string, fence: string | undefined): Promise<void> {
  const language = fence ? (LANGUAGE_IDS[fence.toLowerCase()] ?? fence.toLowerCase()) : undefined;
  const known = language ? (await vscode.languages.getLanguages()).includes(language) : false;
  const document = await vscode.workspace.openTextDocument({ content: code, ...(known ? { language } : {}) });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside });
}
