import type { ChatEvent, ChatMessageView } from './chat';

/**
 * Applies one event to a conversation's messages. Pure and shared: the host applies it to the stored
 * conversation and the page to the one it shows, so both stay the same message for message.
 * Text deltas copy only the message they touch (and the array of references), never earlier text.
 */
export function reduceMessages(messages: readonly ChatMessageView[], event: ChatEvent): ChatMessageView[] {
  switch (event.type) {
    case 'messageAdded':
      return [...messages, event.message];
    case 'textAppended':
      return update(messages, event.messageId, (message) => ({
        ...message,
        content: event.content ? message.content + event.content : message.content,
        ...(event.reasoning ? { reasoning: (message.reasoning ?? '') + event.reasoning } : {}),
      }));
    case 'messageFinished':
      return update(messages, event.messageId, (message) => ({
        ...message,
        status: event.status,
        ...(event.finishReason !== undefined ? { finishReason: event.finishReason } : {}),
        ...(event.metrics !== undefined ? { metrics: event.metrics } : {}),
        ...(event.error !== undefined ? { error: event.error } : {}),
        ...(event.references !== undefined ? { references: event.references } : {}),
      }));
    case 'replyRetrying':
      return update(messages, event.messageId, ({ error: _error, finishReason: _reason, metrics: _metrics, ...message }) => ({ ...message, status: 'streaming' }));
    case 'truncated': {
      const index = messages.findIndex((message) => message.id === event.fromMessageId);
      return index < 0 ? [...messages] : messages.slice(0, index);
    }
  }
}

function update(messages: readonly ChatMessageView[], id: string, change: (message: ChatMessageView) => ChatMessageView): ChatMessageView[] {
  // The message being streamed is almost always the last one.
  for (let index = messages.length - 1; index >= 0; index--) {
    if (messages[index]!.id === id) {
      const next = [...messages];
      next[index] = change(messages[index]!);
      return next;
    }
  }
  return [...messages];
}

/** Whether a reply is still streaming in these messages. */
export const isStreaming = (messages: readonly ChatMessageView[]) => messages.at(-1)?.status === 'streaming';
