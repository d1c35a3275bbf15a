import type { ChatMessageView } from '../../shared/protocol/chat';
import type { StoredConversation } from './conversationStore';

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Merges what this window changed in a conversation (`ours`, since the version it last read or wrote,
 * `base`) into the version on disk (`theirs`, possibly written meanwhile by another window).
 *
 * Messages are matched by id: this window's deletions, edits and additions apply; another window's
 * additions and edits stay. A message both changed is taken from this window. New messages of this
 * window follow their predecessor here, after any the other window added at the same place, so two
 * windows that each added a prompt and its reply keep both pairs, in the order they reached the disk.
 * Linear in the number of messages (ids are looked up in maps).
 */
export function mergeConversation(base: StoredConversation | undefined, ours: StoredConversation, theirs: StoredConversation): StoredConversation {
  const baseById = new Map((base?.messages ?? []).map((message) => [message.id, message]));
  const oursById = new Map(ours.messages.map((message) => [message.id, message]));
  const deletedHere = (id: string) => baseById.has(id) && !oursById.has(id);
  const changedHere = (message: ChatMessageView) => {
    const before = baseById.get(message.id);
    return before === undefined || !same(before, message);
  };

  const merged: ChatMessageView[] = [];
  for (const message of theirs.messages) {
    if (deletedHere(message.id)) continue;
    const mine = oursById.get(message.id);
    merged.push(mine && changedHere(mine) ? mine : message);
  }
  const addedThere = (id: string) => !baseById.has(id) && !oursById.has(id);
  const position = new Map(merged.map((message, index) => [message.id, index]));
  const insertions = new Map<number, ChatMessageView[]>();
  let anchor = -1;
  for (const message of ours.messages) {
    const at = position.get(message.id);
    if (at !== undefined) {
      anchor = at;
      continue;
    }
    // Deleted there (a truncation, an edit and resend) and not changed here: stays deleted.
    if (baseById.has(message.id) && !changedHere(message)) continue;
    // A reply stays right after the prompt it answers; otherwise the other window's additions there come first.
    const answersAnchor = message.role === 'assistant' && merged[anchor]?.role === 'user';
    while (!answersAnchor && anchor + 1 < merged.length && addedThere(merged[anchor + 1]!.id)) anchor++;
    const list = insertions.get(anchor) ?? [];
    list.push(message);
    insertions.set(anchor, list);
  }
  const messages = [...(insertions.get(-1) ?? [])];
  merged.forEach((message, index) => messages.push(message, ...(insertions.get(index) ?? [])));

  const pick = <K extends keyof StoredConversation>(key: K): StoredConversation[K] => (base && same(base[key], ours[key]) ? theirs[key] : ours[key]);
  const titleChangedHere = !base || base.title !== ours.title || base.titleFixed !== ours.titleFixed;
  const app = pick('app');
  const { titleFixed: _theirsFixed, app: _theirsApp, ...rest } = theirs;
  return {
    ...rest,
    id: ours.id,
    title: titleChangedHere ? ours.title : theirs.title,
    ...(titleChangedHere ? (ours.titleFixed ? { titleFixed: true } : {}) : theirs.titleFixed ? { titleFixed: true } : {}),
    createdAt: Math.min(ours.createdAt, theirs.createdAt),
    updatedAt: Math.max(ours.updatedAt, theirs.updatedAt),
    settings: pick('settings'),
    messages,
    attachments: { ...theirs.attachments, ...ours.attachments },
    ...(app ? { app } : {}),
  };
}

/** Whether a merge brought in anything this window did not have (then its views are told). */
export const gainedFromOthers = (ours: StoredConversation, merged: StoredConversation): boolean =>
  merged.title !== ours.title || !same(merged.settings, ours.settings) || !same(merged.messages, ours.messages);
