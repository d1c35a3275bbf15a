import type { ChatEvent } from '../../shared/protocol/chat';
import type { ConversationEvent } from './chatService';

type TextAppended = Extract<ChatEvent, { type: 'textAppended' }>;

/** How long text deltas are gathered before they go to the page: about one frame. */
export const DELTA_INTERVAL_MS = 16;

/**
 * Gathers the text deltas of a streaming reply and sends them to a page at most once per interval, so a fast
 * stream costs the page one message per frame instead of one per network read. Any other event sends the
 * gathered text first, so the page sees events in their order.
 */
export class DeltaBatcher {
  private pending: { readonly conversationId: string; readonly event: TextAppended } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly send: (event: ConversationEvent) => void, private readonly intervalMs = DELTA_INTERVAL_MS) {}

  push(item: ConversationEvent): void {
    const { event } = item;
    if (event.type !== 'textAppended') {
      this.flush();
      this.send(item);
      return;
    }
    const pending = this.pending;
    if (pending && pending.conversationId === item.conversationId && pending.event.messageId === event.messageId) {
      this.pending = { conversationId: item.conversationId, event: merge(pending.event, event) };
    } else {
      this.flush();
      this.pending = { conversationId: item.conversationId, event };
    }
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Sends the gathered text now. */
  flush(): void {
    this.cancelTimer();
    const pending = this.pending;
    this.pending = undefined;
    if (pending) this.send(pending);
  }

  /** Forgets the gathered text: the page is about to get a whole state that already holds it. */
  discard(): void {
    this.cancelTimer();
    this.pending = undefined;
  }

  dispose(): void {
    this.discard();
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function merge(first: TextAppended, next: TextAppended): TextAppended {
  const content = (first.content ?? '') + (next.content ?? '');
  const reasoning = (first.reasoning ?? '') + (next.reasoning ?? '');
  return { type: 'textAppended', messageId: first.messageId, ...(content ? { content } : {}), ...(reasoning ? { reasoning } : {}) };
}
