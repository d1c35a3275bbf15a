import type { DashScopeClient } from '../../dashscope';
import type { ChatMessageView, ModelChoice } from '../../shared/protocol/chat';
import { Disposable } from '../disposable';
import type { Services } from '../services';
import { attachmentText } from '../chat/requestBuilder';
import type { StoredConversation } from '../chat/conversationStore';
import type { ReplyStreamEvent } from '../chat/replyStreamer';
import { appChoice, appIdOf, AppRegistry } from './appRegistry';
import type { AppConversation } from './appConversation';
import { appReplyEvents } from './appReplies';

/** The text of the conversation's last prompt as an application reads it: attached texts, then the prompt. */
export function lastPrompt(conversation: StoredConversation): string {
  const message = conversation.messages.findLast((item) => item.role === 'user');
  if (!message) return '';
  const texts = (message.attachments ?? []).map((view) => conversation.attachments[view.id]).filter((item) => item !== undefined && item.kind !== 'image').map((item) => attachmentText(item!));
  return [...texts, message.content].filter(Boolean).join('\n\n');
}

/**
 * What the chat needs to talk to Bailian applications instead of models: the remembered applications as
 * picker choices, and a turn's reply events. The chat keeps each conversation's session (see AppConversation).
 */
export class AppChat extends Disposable {
  readonly registry: AppRegistry;
  readonly onDidChange;

  constructor(private readonly services: Services) {
    super();
    this.registry = this._register(new AppRegistry(services.context.globalState, services.connection));
    this.onDidChange = this.registry.onDidChange;
  }

  /** The remembered applications of this plan and region, as the picker offers them. */
  choices(): ModelChoice[] {
    return this.registry.list().map(appChoice);
  }

  /** The choice for a conversation's model setting when it names an application (remembered or not). */
  choiceOf(modelId: string): ModelChoice | undefined {
    const appId = appIdOf(modelId);
    if (!appId) return undefined;
    return appChoice(this.registry.find(appId) ?? { appId, name: modelId });
  }

  /** Messages as shown: an application's replies saved without its name get the name it has now (or its id). */
  named(messages: readonly ChatMessageView[]): ChatMessageView[] {
    return messages.map((message) => {
      const choice = message.role === 'assistant' && !message.appName && message.model ? this.choiceOf(message.model) : undefined;
      return choice ? { ...message, appName: choice.label ?? choice.id } : message;
    });
  }

  /** The reply events of the next turn of `conversation`, whose model setting names an application. */
  reply(client: DashScopeClient, conversation: StoredConversation, signal: AbortSignal, onState: (state: AppConversation) => void): AsyncIterable<ReplyStreamEvent> {
    return appReplyEvents({
      client,
      appId: appIdOf(conversation.settings.model)!,
      prompt: lastPrompt(conversation),
      kept: conversation.app,
      signal,
      onState,
      record: (call) => void this.services.usage.record(call),
    });
  }
}
