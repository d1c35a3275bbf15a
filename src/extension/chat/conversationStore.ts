import * as z from 'zod/mini';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { listFolder, parseJson, readText, writeFileAtomic } from '../jsonFile';
import { withFileLock } from '../fileLock';
import { gainedFromOthers, mergeConversation } from './conversationMerge';
import { appConversation } from '../apps/appConversation';
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
  /** Talking to a Bailian application: its session and custom variables. */
  app: z.optional(appConversation),
  /** The window streaming a reply into it when it was saved (see settleInterrupted). */
  streamingIn: z.optional(z.string()),
});
export type StoredConversation = z.infer<typeof storedConversation>;

const summarySchema = z.object({ id: z.string(), title: z.string(), updatedAt: z.number() });
const summaryOf = (conversation: StoredConversation): ConversationSummary => ({ id: conversation.id, title: conversation.title, updatedAt: conversation.updatedAt });
/** The single index of earlier versions (one window's list overwrote the others'). */
const legacyIndex = z.object({ version: z.literal(1), conversations: z.array(summarySchema) });

/** Where conversations are kept: one text entry per key. The extension uses files in its global storage. */
export interface ChatStorage {
  read(key: string): Promise<string | undefined>;
  write(key: string, text: string): Promise<void>;
  /**
   * Replaces an entry with what `change` makes of its current text, no other window writing it in between;
   * `thenWrite` writes more (a summary) before another window may.
   */
  update(key: string, change: (current: string | undefined) => string, thenWrite: () => Promise<void>): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

const EXTENSION = '.json';

/** Conversations as files in a folder of the extension's global storage (each written whole, atomically). */
export function fileStorage(folder: string): ChatStorage {
  const file = (key: string) => path.join(folder, `${key}${EXTENSION}`);
  return {
    read: (key) => readText(file(key)).catch(() => undefined),
    write: (key, text) => writeFileAtomic(file(key), text),
    update: async (key, change, thenWrite) => {
      const locks = path.join(folder, 'locks');
      await fs.mkdir(locks, { recursive: true });
      await withFileLock(path.join(locks, `${key}.lock`), async () => {
        await writeFileAtomic(file(key), change(await readText(file(key))));
        await thenWrite();
      });
    },
    delete: (key) => fs.rm(file(key), { force: true }),
    keys: async () => (await listFolder(folder)).filter((name) => name.endsWith(EXTENSION)).map((name) => name.slice(0, -EXTENSION.length)),
  };
}

const LEGACY_INDEX_KEY = 'index';
const SUMMARY_PREFIX = 'summary-';
const CONVERSATION_PREFIX = 'conversation-';
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

/** Which window this is, and which windows are alive (see WindowPresence). */
export interface ChatWindows {
  readonly id: string;
  isLive(windowId: string | undefined): boolean;
}

export interface ConversationStoreOptions {
  readonly now: () => number;
  readonly newId: () => string;
  readonly onProblem: (message: string) => void;
  readonly windows: ChatWindows;
}

/** Whether another live window is streaming a reply into the conversation: here it is shown, read-only, until that ends. */
export const streamingElsewhere = (conversation: StoredConversation, windows: ChatWindows): boolean =>
  conversation.streamingIn !== undefined && conversation.streamingIn !== windows.id && windows.isLive(conversation.streamingIn);

/**
 * A reply saved while it streamed that no live window is still streaming (the window crashed or was
 * reloaded) ends as interrupted, its text kept.
 */
export function settleInterrupted(conversation: StoredConversation, windows: ChatWindows): StoredConversation {
  if (streamingElsewhere(conversation, windows) || !conversation.messages.some((message) => message.status === 'streaming')) return conversation;
  const { streamingIn: _gone, ...rest } = conversation;
  return { ...rest, messages: conversation.messages.map((message) => (message.status === 'streaming' ? { ...message, status: 'interrupted' as const } : message)) };
}

/**
 * Conversations, persisted as one entry each plus a small summary entry each (the list is built from the
 * summaries), so windows sharing the storage never drop each other's conversations. Read lazily.
 * Never holds the API key: only prompts, replies, settings and attachment contents.
 */
export class ConversationStore {
  private summaries = new Map<string, ConversationSummary>();
  private readonly loaded = new Map<string, StoredConversation>();
  /** The version of each conversation last read from or written to the storage: what this window's changes are measured from. */
  private readonly bases = new Map<string, StoredConversation>();
  /** Conversations streaming in this window: kept as they are here whatever other windows write. */
  private readonly pinned = new Set<string>();
  /** Conversations being saved from here, and how many saves: their summary on disk may be ahead of this window's for a moment. */
  private readonly saving = new Map<string, number>();
  /** Told when a save brought in messages or changes another window had saved meanwhile. */
  onMerged: ((id: string) => void) | undefined;

  private constructor(private readonly storage: ChatStorage, private readonly options: ConversationStoreOptions) {}

  static async open(storage: ChatStorage, options: ConversationStoreOptions): Promise<ConversationStore> {
    const store = new ConversationStore(storage, options);
    await store.migrate();
    await store.reload();
    return store;
  }

  /** Summaries, most recently changed first. */
  list(): ConversationSummary[] {
    return [...this.summaries.values()].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /**
   * Reads the list again (other windows add, change and delete conversations); returns the ids whose
   * summary changed. A changed conversation is read again when next asked for, unless it streams here.
   */
  async reload(): Promise<Set<string>> {
    const next = new Map<string, ConversationSummary>();
    const keys = (await this.storage.keys()).filter((key) => key.startsWith(SUMMARY_PREFIX));
    await Promise.all(keys.map(async (key) => {
      const parsed = summarySchema.safeParse(parseJson(await this.storage.read(key)));
      if (parsed.success && key === this.summaryKey(parsed.data.id)) next.set(parsed.data.id, parsed.data);
    }));
    const changed = new Set<string>();
    for (const id of new Set([...next.keys(), ...this.summaries.keys()])) {
      const [before, after] = [this.summaries.get(id), next.get(id)];
      if (before?.updatedAt === after?.updatedAt && before?.title === after?.title) continue;
      if (this.pinned.has(id) || this.saving.has(id)) {
        if (before) next.set(id, before);
        continue;
      }
      if (!after && before && (await this.storage.read(this.key(id))) !== undefined) {
        next.set(id, before); // being written or deleted right now: settled by the next change
        continue;
      }
      changed.add(id);
      if (after && this.loaded.get(id)?.updatedAt !== after.updatedAt) this.loaded.delete(id);
      // Deleted in another window: not shown or saved (brought back) from here any more.
      if (!after) this.forget(id);
    }
    this.summaries = next;
    return changed;
  }

  async get(id: string): Promise<StoredConversation | undefined> {
    const cached = this.loaded.get(id);
    if (cached) return cached;
    if (!this.summaries.has(id)) return undefined;
    const parsed = storedConversation.safeParse(parseJson(await this.storage.read(this.key(id))));
    if (!parsed.success) {
      this.options.onProblem(`Conversation ${id} could not be read and was removed from the list.`);
      this.summaries.delete(id);
      await this.storage.delete(this.summaryKey(id));
      return undefined;
    }
    this.bases.set(id, parsed.data);
    const conversation = settleInterrupted(parsed.data, this.options.windows);
    this.loaded.set(id, conversation);
    return conversation;
  }

  /** A new, empty conversation. It is listed only once it is saved with a message in it. */
  create(settings: ChatSettings, title: string): StoredConversation {
    const at = this.options.now();
    const conversation: StoredConversation = { id: this.options.newId(), title, createdAt: at, updatedAt: at, settings, messages: [], attachments: {} };
    this.loaded.set(conversation.id, conversation);
    return conversation;
  }

  /**
   * Persists a conversation (and lists it), merged with what other windows saved of it meanwhile, and
   * drops attachment contents no message refers to any more. Changes made here while it saves are kept.
   */
  async save(conversation: StoredConversation): Promise<StoredConversation> {
    this.saving.set(conversation.id, (this.saving.get(conversation.id) ?? 0) + 1);
    try {
      return await this.merged(conversation);
    } finally {
      const left = this.saving.get(conversation.id)! - 1;
      if (left > 0) this.saving.set(conversation.id, left);
      else this.saving.delete(conversation.id);
    }
  }

  private async merged(conversation: StoredConversation): Promise<StoredConversation> {
    const base = this.bases.get(conversation.id);
    let saved: StoredConversation = conversation;
    this.loaded.set(conversation.id, conversation);
    await this.storage.update(this.key(conversation.id), (text) => {
      const found = text === undefined ? undefined : storedConversation.safeParse(parseJson(text));
      const theirs = found?.success ? found.data : undefined;
      // Unchanged on disk since this window last read or wrote it (the usual case, every save of a streaming reply): nothing to merge.
      const unchanged = theirs !== undefined && base !== undefined && theirs.updatedAt === base.updatedAt && theirs.messages.length === base.messages.length;
      saved = this.prepared(theirs && !unchanged ? mergeConversation(base, conversation, theirs) : conversation, theirs);
      return JSON.stringify(saved);
    }, () => this.storage.write(this.summaryKey(saved.id), JSON.stringify(summaryOf(saved))));
    this.bases.set(saved.id, saved);
    const current = this.loaded.get(saved.id) ?? conversation;
    // Applied here while saving: rebased onto what was saved.
    const latest = current === conversation ? saved : mergeConversation(conversation, current, saved);
    this.loaded.set(saved.id, latest);
    this.summaries.set(saved.id, summaryOf(saved));
    if (gainedFromOthers(conversation, saved)) this.onMerged?.(saved.id);
    return latest;
  }

  /** What is written: used attachments only, the time, and which live window streams into it. */
  private prepared(conversation: StoredConversation, theirs: StoredConversation | undefined): StoredConversation {
    const used = new Set(conversation.messages.flatMap((message) => (message.attachments ?? []).map((attachment) => attachment.id)));
    const attachments = Object.fromEntries(Object.entries(conversation.attachments).filter(([id]) => used.has(id)));
    const { streamingIn: _previous, ...rest } = conversation;
    const streamingIn = this.pinned.has(conversation.id) ? this.options.windows.id : theirs && streamingElsewhere(theirs, this.options.windows) ? theirs.streamingIn : undefined;
    return { ...rest, ...(streamingIn ? { streamingIn } : {}), attachments, updatedAt: this.options.now() };
  }

  /** The conversations read or created in this window, as they are here (some may not be saved yet). */
  inMemory(): StoredConversation[] {
    return [...this.loaded.values()];
  }

  /** The conversation's latest version when it has been read or created already. */
  peek(id: string): StoredConversation | undefined {
    return this.loaded.get(id);
  }

  /** Keeps a conversation's latest version in memory only (while a reply streams; saved when it ends). */
  remember(conversation: StoredConversation): void {
    this.loaded.set(conversation.id, conversation);
  }

  /** Marks a conversation as streaming in this window (saved with the window's id, so others know it is live) or not. */
  setStreaming(id: string, streaming: boolean): void {
    if (streaming) this.pinned.add(id);
    else this.pinned.delete(id);
  }

  streamsElsewhere(conversation: StoredConversation): boolean {
    return streamingElsewhere(conversation, this.options.windows);
  }

  /** Conversations read here that have a reply no live window streams any more, settled as interrupted. */
  settleAll(): string[] {
    const settled: string[] = [];
    for (const [id, conversation] of this.loaded) {
      if (this.pinned.has(id)) continue;
      const after = settleInterrupted(conversation, this.options.windows);
      if (after === conversation) continue;
      this.loaded.set(id, after);
      settled.push(id);
    }
    return settled;
  }

  async rename(id: string, title: string): Promise<StoredConversation | undefined> {
    const conversation = await this.get(id);
    if (!conversation) return undefined;
    const renamed = { ...conversation, title, titleFixed: true };
    if (!this.summaries.has(id)) {
      this.loaded.set(id, renamed);
      return renamed;
    }
    return this.save(renamed);
  }

  private forget(id: string): void {
    this.loaded.delete(id);
    this.bases.delete(id);
  }

  async delete(id: string): Promise<void> {
    this.forget(id);
    this.summaries.delete(id);
    await this.storage.delete(this.summaryKey(id));
    await this.storage.delete(this.key(id));
  }

  /** Gives every conversation of the legacy index a summary of its own, once. */
  private async migrate(): Promise<void> {
    const text = await this.storage.read(LEGACY_INDEX_KEY);
    if (text === undefined) return;
    const parsed = legacyIndex.safeParse(parseJson(text));
    if (!parsed.success) this.options.onProblem('The list of conversations could not be read; the conversations are listed again as they are found.');
    const existing = new Set(await this.storage.keys());
    for (const summary of parsed.success ? parsed.data.conversations : []) {
      if (existing.has(this.key(summary.id)) && !existing.has(this.summaryKey(summary.id))) await this.storage.write(this.summaryKey(summary.id), JSON.stringify(summary));
    }
    await this.storage.delete(LEGACY_INDEX_KEY);
  }

  private key(id: string): string {
    return `${CONVERSATION_PREFIX}${id.replace(/[^\w-]/g, '_')}`;
  }

  private summaryKey(id: string): string {
    return `${SUMMARY_PREFIX}${id.replace(/[^\w-]/g, '_')}`;
  }
}
