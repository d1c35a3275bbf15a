import * as l10n from '@vscode/l10n';
import { describeError } from '../errors';
import type { Log } from '../log';
import { reportSaveProblem } from '../saveProblem';
import type { ConversationStore, StoredConversation } from './conversationStore';

/**
 * Saves conversations: each one's saves run one at a time, in order, each writing its latest version. A failed save
 * is reported once until saving works again (the conversation stays in memory meanwhile).
 */
export class ConversationSaves {
  private readonly pending = new Map<string, Promise<unknown>>();
  private failing = false;

  constructor(private readonly store: ConversationStore, private readonly log: Log) {}

  /** Keeps a conversation and saves its latest version (an empty one is only kept). */
  persist(conversation: StoredConversation): Promise<unknown> {
    this.store.remember(conversation);
    if (conversation.messages.length === 0) return Promise.resolve();
    const next = (this.pending.get(conversation.id) ?? Promise.resolve())
      .then(() => this.store.save(this.store.peek(conversation.id) ?? conversation))
      .then(() => (this.failing = false), (error: unknown) => this.failed(error));
    this.pending.set(conversation.id, next);
    return next;
  }

  /** Every save asked for so far, finished. */
  async settled(): Promise<void> {
    await Promise.all(this.pending.values());
  }

  private failed(error: unknown): void {
    this.log.error('Chat: a conversation could not be saved', error);
    if (this.failing) return;
    this.failing = true;
    reportSaveProblem(l10n.t('DashScope Studio could not save a conversation ({0}). It is kept in this window until saving works again; check the disk space and permissions of the extension\'s storage.', describeError(error)), this.log);
  }
}
