import * as z from 'zod/mini';
import { attachmentView, chatMessage, chatSettings, type ChatSettings, type ConversationSummary, type ConversationView } from '../../shared/protocol/chat';

/** What an attachment sends: a selection's or text file's contents, or an image file's path (read at send time). */
export const storedAttachment = z.extend(attachmentView, {
  text: z.optional(z.string()),
  path: z.optional(z.string()),
  mimeType: z.optional(z.string()),
  /** Where the text came from, e.g. `src/app.ts:10-24`. */
  source: z.optional(z.string()),
});
export type StoredAttachment = z.infer<typeof storedAttachment>;

export const storedConversation = z.object({
  id: z.string(),
  title: z.string(),
  /** Renamed by the user: the title no longer follows the first prompt. */
  titleFixed: z.optional(z.boolean()),
  createdAt: z.number(),
  updatedAt: z.number(),
  settings: chatSettings,
  messages: z.array(chatMessage),
  /** Attachment contents by attachment id (the messages carry only their views). */
  attachments: z.record(z.string(), storedAttachment),
});
export type StoredConversation = z.infer<typeof storedConversation>;

const index = z.object({ version: z.literal(1), conversations: z.array(z.object({ id: z.string(), title: z.string(), updatedAt: z.number() })) });

/** Where conversations are kept: one text entry per key. The extension uses files in its global storage. */
export interface ChatStorage {
  read(key: string): Promise<string | undefined>;
  write(key: string, text: string): Promise<void>;
  delete(key: string): Promise<void>;
}

const INDEX_KEY = 'index';
const TITLE_LENGTH = 60;

/** A title from the first prompt: its first line, shortened at a word. */
export function titleFrom(text: string, fallback: string): string {
  const line = text.trim().split('\n')[0]!.replace(/\s+/g, ' ').trim();
  if (!line) return fallback;
  if (line.length <= TITLE_LENGTH) return line;
  const cut = line.slice(0, TITLE_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export const viewOf = (conversation: StoredConversation): ConversationView => ({
  id: conversation.id,
  title: conversation.title,
  settings: conversation.settings,
  messages: conversation.messages,
});

/**
 * Conversations, persisted: an index of summaries plus one entry per conversation, read lazily.
 * Never holds the API key: only prompts, replies, settings and attachment contents.
 */
export class ConversationStore {
  private summaries: ConversationSummary[] = [];
  private readonly loaded = new Map<string, StoredConversation>();

  private constructor(
    private readonly storage: ChatStorage,
    private readonly now: () => number,
    private readonly newId: () => string,
    private readonly onProblem: (message: string) => void,
  ) {}

  static async open(storage: ChatStorage, options: { now: () => number; newId: () => string; onProblem: (message: string) => void }): Promise<ConversationStore> {
    const store = new ConversationStore(storage, options.now, options.newId, options.onProblem);
    const text = await storage.read(INDEX_KEY);
    const parsed = index.safeParse(parseJson(text));
    if (parsed.success) store.summaries = parsed.data.conversations;
    else if (text !== undefined) options.onProblem('The list of conversations could not be read; starting a new one.');
    return store;
  }

  /** Summaries, most recently changed first. */
  list(): ConversationSummary[] {
    return [...this.summaries].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async get(id: string): Promise<StoredConversation | undefined> {
    const cached = this.loaded.get(id);
    if (cached) return cached;
    if (!this.summaries.some((summary) => summary.id === id)) return undefined;
    const parsed = storedConversation.safeParse(parseJson(await this.storage.read(this.key(id))));
    if (!parsed.success) {
      this.onProblem(`Conversation ${id} could not be read and was removed from the list.`);
      this.summaries = this.summaries.filter((summary) => summary.id !== id);
      await this.writeIndex();
      return undefined;
    }
    this.loaded.set(id, parsed.data);
    return parsed.data;
  }

  /** A new, empty conversation. It is listed only once it is saved with a message in it. */
  create(settings: ChatSettings, title: string): StoredConversation {
    const at = this.now();
    const conversation: StoredConversation = { id: this.newId(), title, createdAt: at, updatedAt: at, settings, messages: [], attachments: {} };
    this.loaded.set(conversation.id, conversation);
    return conversation;
  }

  /** Persists a conversation (and lists it), dropping attachment contents no message refers to any more. */
  async save(conversation: StoredConversation): Promise<StoredConversation> {
    const used = new Set(conversation.messages.flatMap((message) => (message.attachments ?? []).map((attachment) => attachment.id)));
    const attachments = Object.fromEntries(Object.entries(conversation.attachments).filter(([id]) => used.has(id)));
    const saved: StoredConversation = { ...conversation, attachments, updatedAt: this.now() };
    this.loaded.set(saved.id, saved);
    await this.storage.write(this.key(saved.id), JSON.stringify(saved));
    this.summaries = [{ id: saved.id, title: saved.title, updatedAt: saved.updatedAt }, ...this.summaries.filter((summary) => summary.id !== saved.id)];
    await this.writeIndex();
    return saved;
  }

  /** The conversation's latest version when it has been read or created already. */
  peek(id: string): StoredConversation | undefined {
    return this.loaded.get(id);
  }

  /** Keeps a conversation's latest version in memory only (while a reply streams; saved when it ends). */
  remember(conversation: StoredConversation): void {
    this.loaded.set(conversation.id, conversation);
  }

  async rename(id: string, title: string): Promise<StoredConversation | undefined> {
    const conversation = await this.get(id);
    if (!conversation) return undefined;
    const renamed = { ...conversation, title, titleFixed: true };
    if (!this.summaries.some((summary) => summary.id === id)) {
      this.loaded.set(id, renamed);
      return renamed;
    }
    return this.save(renamed);
  }

  async delete(id: string): Promise<void> {
    this.loaded.delete(id);
    this.summaries = this.summaries.filter((summary) => summary.id !== id);
    await this.storage.delete(this.key(id));
    await this.writeIndex();
  }

  private key(id: string): string {
    return `conversation-${id.replace(/[^\w-]/g, '_')}`;
  }

  private writeIndex(): Promise<void> {
    return this.storage.write(INDEX_KEY, JSON.stringify({ version: 1, conversations: this.summaries }));
  }
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
