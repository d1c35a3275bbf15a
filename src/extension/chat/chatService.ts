import * as l10n from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ChatMessage, ChatRequest } from '../../dashscope';
import type { AttachmentView, ChatEvent, ChatMessageView, ChatSettings, ChatState, ContextMeter, ModelChoice, SettingsUpdate } from '../../shared/protocol/chat';
import { reduceMessages } from '../../shared/protocol/chatState';
import { Disposable } from '../disposable';
import { targetTitle } from '../endpoint';
import { describeError } from '../errors';
import { watchFolder } from '../folderWatcher';
import { planChatModel } from '../keys/planLimits';
import type { WindowPresence } from '../windowPresence';
import { AppChat } from '../apps/appChat';
import type { AppConversation } from '../apps/appConversation';
import type { ConnectionHealth } from '../connectionState';
import type { Services } from '../services';
import { ChatModelList } from './chatModelList';
import { describeModel, offerVisionModel } from './chatModels';
import { estimateTokens, measureContext } from './contextMeter';
import { ConversationSaves } from './conversationSaves';
import { ImageUrls, NO_IMAGES } from './imageUrls';
import { PASTED_IMAGES_FOLDER, removeUnusedImages } from './pastedImages';
import { ConversationStore, fileStorage, titleFrom, viewOf, type StoredAttachment, type StoredConversation } from './conversationStore';
import { replyErrorOf, noKeyError } from './replyErrors';
import { buildChatRequest } from './requestBuilder';
import { messagesBefore, placeReply, runReply, type ReplyPlacement } from './replyStreamer';

const LAST_MODEL_KEY = 'dashscope.chat.lastModel';
/** How often a streaming reply is saved, so a window reload mid-reply keeps most of it. */
const SAVE_WHILE_STREAMING_MS = 2000;

export interface ConversationEvent {
  readonly conversationId: string;
  readonly event: ChatEvent;
  readonly meter?: ContextMeter;
}

/**
 * The chat's long-running side, shared by the panel and the sidebar view: conversations, streaming
 * replies, attachments waiting to be sent, and the account's models. Views are thin: they show what
 * this reports and forward what the user does.
 */
export class ChatService extends Disposable {
  private readonly eventEmitter = this._register(new vscode.EventEmitter<ConversationEvent>());
  /** A conversation changed as a whole (or, with undefined, something every view shows: list, models, key). */
  private readonly stateEmitter = this._register(new vscode.EventEmitter<string | undefined>());
  readonly onEvent = this.eventEmitter.event;
  readonly onDidChangeState = this.stateEmitter.event;

  private readonly running = new Map<string, AbortController>();
  private readonly drafts = new Map<string, StoredAttachment[]>();
  private readonly imageUrls = new ImageUrls();
  private readonly saves: ConversationSaves;
  private readonly replies = new Set<Promise<void>>();
  /** The window is closing: replies cut now are interrupted, not stopped by the user. */
  private closing = false;
  private readonly models: ChatModelList;
  /** Bailian applications a conversation can talk to instead of a model. */
  readonly apps: AppChat;

  private constructor(private readonly services: Services, readonly store: ConversationStore, windows: WindowPresence, private readonly health: ConnectionHealth, private readonly folder: vscode.Uri) {
    super();
    this.saves = new ConversationSaves(store, services.log);
    this.apps = this._register(new AppChat(services));
    this._register(this.apps.onDidChange(() => this.stateEmitter.fire(undefined)));
    this.models = this._register(new ChatModelList(services, health));
    this._register(this.models.onDidChange(() => this.stateEmitter.fire(undefined)));
    // Other windows add, change and delete conversations: every view follows.
    this._register(watchFolder(folder.fsPath, () => void this.store.reload().then((changed) => changed.size > 0 && this.stateEmitter.fire(undefined))));
    store.onMerged = (id) => this.stateEmitter.fire(id);
    this._register(windows.onDidChange(() => this.store.settleAll().forEach((id) => this.stateEmitter.fire(id))));
    this._register({ dispose: () => this.running.forEach((controller) => controller.abort()) });
  }

  static async create(services: Services, windows: WindowPresence, health: ConnectionHealth): Promise<ChatService> {
    const folder = vscode.Uri.joinPath(services.context.globalStorageUri, 'chat');
    const store = await ConversationStore.open(fileStorage(folder.fsPath), {
      now: Date.now,
      newId: randomUUID,
      onProblem: (message) => services.log.warn(`Chat: ${message}`),
      windows,
    });
    const service = new ChatService(services, store, windows, health, folder);
    void service.removeUnusedImages();
    return service;
  }

  /** Before the window closes: replies streaming now end as interrupted, and every save is awaited. */
  async close(): Promise<void> {
    this.closing = true;
    this.running.forEach((controller) => controller.abort());
    await Promise.all(this.replies);
    await this.saves.settled();
  }

  /** The conversation to show when a view has none: the most recent, or a new one. */
  async initialConversation(preferred?: string): Promise<StoredConversation> {
    const found = preferred ? await this.store.get(preferred) : undefined;
    if (found) return found;
    const recent = this.store.list()[0];
    return (recent && (await this.store.get(recent.id))) ?? this.newConversation();
  }

  newConversation(): StoredConversation {
    const settings: ChatSettings = { model: this.defaultModel(), systemPrompt: '', thinking: false };
    return this.store.create(settings, l10n.t('New conversation'));
  }

  /**
   * What a view of a loaded conversation shows (see `initialConversation`). Synchronous on purpose: events
   * fired after it are sent after it, so a page never misses or repeats a delta.
   */
  state(conversation: StoredConversation): ChatState {
    conversation = this.store.peek(conversation.id) ?? conversation;
    const choices = [...this.apps.choices(), ...this.models.choices()];
    const shown = choices.some((choice) => choice.id === conversation.settings.model) ? choices : [describeModel(conversation.settings.model), ...choices];
    return {
      conversation: { ...viewOf(conversation), messages: this.apps.named(conversation.messages) },
      conversations: this.store.list(),
      models: shown,
      ...(this.models.problem ? { modelsProblem: this.models.problem } : {}),
      hasKey: this.services.connection.hasKey,
      busy: this.running.has(conversation.id),
      ...(this.store.streamsElsewhere(conversation) ? { streamingElsewhere: true } : {}),
      draftAttachments: (this.drafts.get(conversation.id) ?? []).map(viewOfAttachment),
      meter: this.meter(conversation),
    };
  }

  /** Sends a prompt with the conversation's draft attachments (and any given ones). False when a reply is already streaming. */
  async send(conversationId: string, text: string, extra: readonly StoredAttachment[] = []): Promise<boolean> {
    const conversation = await this.initialConversation(conversationId);
    const attachments = [...(this.drafts.get(conversation.id) ?? []), ...extra];
    if (this.busy(conversation) || (!text.trim() && attachments.length === 0)) return false;
    this.drafts.delete(conversation.id);
    const first = conversation.messages.length === 0;
    const titled: StoredConversation = {
      ...conversation,
      title: first && !conversation.titleFixed ? titleFrom(text || attachments[0]!.name, conversation.title) : conversation.title,
      attachments: { ...conversation.attachments, ...Object.fromEntries(attachments.map((attachment) => [attachment.id, attachment])) },
    };
    this.store.remember(titled);
    this.apply(titled.id, { type: 'messageAdded', message: { id: randomUUID(), role: 'user', content: text, ...(attachments.length ? { attachments: attachments.map(viewOfAttachment) } : {}) } });
    // The draft went with the prompt: its chips leave the input now, not once the conversation is saved.
    if (attachments.length) this.stateEmitter.fire(titled.id);
    // Listed (and titled) in every view once saved.
    void this.saves.persist(this.store.peek(titled.id)!).then(() => this.stateEmitter.fire(undefined));
    void this.reply(titled.id);
    return true;
  }

  /** A reply streams into the conversation, here or in another window (whose reply would overwrite what is added here). */
  private busy(conversation: StoredConversation): boolean {
    return this.running.has(conversation.id) || this.store.streamsElsewhere(conversation);
  }

  stop(conversationId: string): void {
    this.running.get(conversationId)?.abort();
  }

  /**
   * Asks for a reply again. The last reply's text stays until the new reply's first text arrives (a
   * failed retry loses nothing); an earlier reply is dropped with everything after it.
   */
  async regenerate(conversationId: string, messageId: string): Promise<void> {
    const conversation = await this.store.get(conversationId);
    const message = conversation?.messages.find((item) => item.id === messageId);
    if (!conversation || message?.role !== 'assistant' || this.busy(conversation)) return;
    if (message.content && conversation.messages.at(-1) === message) return this.reply(conversationId, { kind: 'retry', messageId });
    this.apply(conversationId, { type: 'truncated', fromMessageId: messageId });
    await this.reply(conversationId);
  }

  /** Continues the last reply from where it was cut (the model is given its text as the start of the answer). */
  async continueReply(conversationId: string, messageId: string): Promise<void> {
    const conversation = await this.store.get(conversationId);
    const message = conversation?.messages.at(-1);
    if (!conversation || message?.id !== messageId || message.role !== 'assistant' || this.busy(conversation)) return;
    if (!message.content) return this.regenerate(conversationId, messageId);
    await this.reply(conversationId, { kind: 'continue', messageId });
  }

  /** Replaces a prompt (keeping its attachments), drops everything after it, and asks again. */
  async editAndResend(conversationId: string, messageId: string, text: string): Promise<void> {
    const conversation = await this.store.get(conversationId);
    const message = conversation?.messages.find((item) => item.id === messageId);
    if (!conversation || message?.role !== 'user' || this.busy(conversation)) return;
    this.apply(conversationId, { type: 'truncated', fromMessageId: messageId });
    this.apply(conversationId, { type: 'messageAdded', message: { ...message, id: randomUUID(), content: text } });
    await this.reply(conversationId);
  }

  async updateSettings(conversationId: string, update: SettingsUpdate): Promise<void> {
    const conversation = await this.initialConversation(conversationId);
    const settings: Record<string, unknown> = { ...conversation.settings };
    for (const [key, value] of Object.entries(update)) {
      if (value === null) delete settings[key];
      else if (value !== undefined) settings[key] = value;
    }
    const updated = { ...conversation, settings: settings as ChatSettings };
    if (update.model) await this.services.context.globalState.update(LAST_MODEL_KEY, update.model);
    await this.saves.persist(updated);
    this.stateEmitter.fire(conversationId);
  }

  /** Keeps what a conversation with a Bailian application carries to its next turn (session, variables). */
  async updateApp(conversationId: string, app: AppConversation): Promise<void> {
    const conversation = await this.initialConversation(conversationId);
    await this.saves.persist({ ...(this.store.peek(conversation.id) ?? conversation), app });
  }

  async rename(conversationId: string, title: string): Promise<void> {
    await this.store.rename(conversationId, title);
    this.stateEmitter.fire(undefined);
  }

  async delete(conversationId: string): Promise<void> {
    this.stop(conversationId);
    const attached = Object.values((await this.store.get(conversationId))?.attachments ?? {});
    this.drafts.delete(conversationId);
    await this.store.delete(conversationId);
    this.stateEmitter.fire(undefined);
    await this.removeUnusedImages(pathsOf(attached));
  }

  /** Removes the pasted images nothing refers to any more; `released` ones go however recent. */
  private async removeUnusedImages(released: readonly string[] = []): Promise<void> {
    try {
      const removed = await removeUnusedImages({
        imagesFolder: vscode.Uri.joinPath(this.services.context.globalStorageUri, PASTED_IMAGES_FOLDER).fsPath,
        chatFolder: this.folder.fsPath,
        now: Date.now(),
        // Drafts, and conversations here whose latest version may not be saved yet.
        drafts: pathsOf([...this.drafts.values()].flat().concat(this.store.inMemory().flatMap((conversation) => Object.values(conversation.attachments)))),
        released,
      });
      if (removed.length) this.services.log.info(`Chat: removed ${removed.length} pasted images no conversation uses any more.`);
    } catch (error) {
      this.services.log.warn(`Chat: unused pasted images could not be removed: ${describeError(error)}`);
    }
  }

  attach(conversationId: string, attachments: readonly Omit<StoredAttachment, 'id'>[]): void {
    const added = attachments.map((attachment) => ({ ...attachment, id: randomUUID() }));
    this.drafts.set(conversationId, [...(this.drafts.get(conversationId) ?? []), ...added]);
    this.stateEmitter.fire(conversationId);
  }

  removeAttachment(conversationId: string, attachmentId: string): void {
    const drafts = this.drafts.get(conversationId) ?? [];
    this.drafts.set(conversationId, drafts.filter((item) => item.id !== attachmentId));
    this.stateEmitter.fire(conversationId);
    void this.removeUnusedImages(pathsOf(drafts.filter((item) => item.id === attachmentId)));
  }

  async modelOf(conversationId: string): Promise<ModelChoice> {
    const conversation = await this.initialConversation(conversationId);
    return this.apps.choiceOf(conversation.settings.model) ?? this.models.describe(conversation.settings.model);
  }

  refreshModels(): void {
    this.models.refresh();
  }

  private defaultModel(): string {
    const { settings } = this.services.connection;
    return planChatModel(settings.plan, this.services.context.globalState.get<string>(LAST_MODEL_KEY) ?? settings.chatModel);
  }

  private meter(conversation: StoredConversation): ContextMeter {
    const drafts = this.drafts.get(conversation.id) ?? [];
    return measureContext({
      systemPrompt: conversation.settings.systemPrompt,
      messages: conversation.messages,
      contextWindow: describeModel(conversation.settings.model).contextWindow,
      draftTokens: drafts.reduce((sum, item) => sum + (item.text ? estimateTokens(item.text) : 0), 0),
    });
  }

  /** Applies an event to the kept conversation and tells the views (with the new meter, unless it only added text). */
  private apply(conversationId: string, event: ChatEvent): void {
    const conversation = this.store.peek(conversationId);
    if (!conversation) return;
    const updated = { ...conversation, messages: reduceMessages(conversation.messages, event) };
    this.store.remember(updated);
    this.eventEmitter.fire({ conversationId, event, ...(event.type === 'textAppended' ? {} : { meter: this.meter(updated) }) });
  }

  /**
   * The request that produced a reply: the conversation before it, with its settings and the reply's model,
   * streamed as the panel streams it. Images not sent in this session are uploaded again to get their URL.
   */
  async requestFor(conversationId: string, messageId: string): Promise<ChatRequest | undefined> {
    const conversation = await this.store.get(conversationId);
    const index = conversation?.messages.findIndex((message) => message.id === messageId) ?? -1;
    const reply = conversation?.messages[index];
    if (!conversation || reply?.role !== 'assistant') return undefined;
    const modelId = reply.model ?? conversation.settings.model;
    if (this.apps.choiceOf(modelId)) return undefined;
    const model = this.models.describe(modelId);
    const before: StoredConversation = { ...conversation, settings: { ...conversation.settings, model: modelId }, messages: conversation.messages.slice(0, index) };
    const hasImages = Object.values(conversation.attachments).some((attachment) => attachment.kind === 'image');
    const client = hasImages ? await this.services.connection.client() : undefined;
    const images = client ? await this.imageUrls.resolve(client, before, model, new AbortController().signal) : NO_IMAGES;
    return { ...buildChatRequest(before, model, images), stream: true, stream_options: { include_usage: true } };
  }

  /** Streams the next reply of a conversation whose last message is a prompt. */
  private reply(conversationId: string, placement: ReplyPlacement = { kind: 'new' }): Promise<void> {
    const reply = this.streamReply(conversationId, placement).finally(() => this.replies.delete(reply));
    this.replies.add(reply);
    return reply;
  }

  private async streamReply(conversationId: string, placement: ReplyPlacement): Promise<void> {
    const conversation = await this.store.get(conversationId);
    if (!conversation || this.running.has(conversationId)) return;
    const controller = new AbortController();
    this.running.set(conversationId, controller);
    this.store.setStreaming(conversationId, true);
    const model = await this.modelOf(conversationId);
    const thinks = model.thinking === 'always' || (model.thinking === 'optional' && conversation.settings.thinking);
    const appName = this.apps.choiceOf(model.id) ? model.label ?? model.id : undefined;
    const fresh: ChatMessageView = { id: randomUUID(), role: 'assistant', content: '', model: model.id, ...(appName ? { appName } : {}), status: 'streaming', ...(thinks ? { reasoning: '' } : {}) };
    const placed = placeReply(placement, fresh, (event) => this.apply(conversationId, this.closing && event.type === 'messageFinished' && event.status === 'stopped' ? { ...event, status: 'interrupted' } : event));
    const messageId = placed.messageId;
    placed.start();
    const saver = setInterval(() => void this.saveCurrent(conversationId), SAVE_WHILE_STREAMING_MS);
    const startedAt = performance.now();
    try {
      const client = await this.services.connection.client();
      if (!client) {
        placed.emit({ type: 'messageFinished', messageId, status: 'error', error: noKeyError(targetTitle(this.services.connection.settings.plan, this.services.connection.settings.region)) });
        return;
      }
      let request: ChatRequest;
      let before: StoredConversation;
      try {
        const current = (await this.store.get(conversationId))!;
        before = { ...current, messages: messagesBefore(placement, current.messages) };
        request = buildChatRequest(before, model, await this.imageUrls.resolve(client, before, model, controller.signal));
        const cut = placement.kind === 'continue' ? current.messages.find((message) => message.id === placement.messageId) : undefined;
        // DashScope's partial mode: the last assistant message is the start of the answer to continue.
        if (cut) request = { ...request, messages: [...request.messages, { role: 'assistant', content: cut.content, partial: true } as ChatMessage] };
      } catch (error) {
        placed.emit({ type: 'messageFinished', messageId, status: controller.signal.aborted ? 'stopped' : 'error', ...(controller.signal.aborted ? {} : { error: replyErrorOf(error) }) });
        return;
      }
      const outcome = await runReply({
        messageId,
        events: this.apps.choiceOf(model.id)
          ? this.apps.reply(client, before, controller.signal, (app) => void this.updateApp(conversationId, app))
          : this.services.usage.tap(client.chat.stream(request, { signal: controller.signal }), model.id, 'chat'),
        signal: controller.signal,
        now: () => performance.now(),
        startedAt,
        emit: (event) => placed.emit(offerVisionModel(event, model, request)),
      });
      if (outcome.cause === undefined) this.health.succeeded();
      else this.health.failed(outcome.cause);
      if (outcome.error) this.services.log.warn(`Chat: reply failed: ${describeError(outcome.cause)}`);
    } finally {
      clearInterval(saver);
      this.running.delete(conversationId);
      this.store.setStreaming(conversationId, false);
      await this.saveCurrent(conversationId);
      this.stateEmitter.fire(conversationId);
    }
  }

  private async saveCurrent(conversationId: string): Promise<void> {
    const conversation = this.store.peek(conversationId);
    if (conversation) await this.saves.persist(conversation);
  }
}

function viewOfAttachment(attachment: StoredAttachment): AttachmentView {
  return {
    id: attachment.id,
    kind: attachment.kind,
    name: attachment.name,
    sizeBytes: attachment.sizeBytes,
    ...(attachment.language ? { language: attachment.language } : {}),
  };
}

const pathsOf = (attachments: readonly StoredAttachment[]) => attachments.flatMap((attachment) => (attachment.kind === 'image' && attachment.path ? [attachment.path] : []));
