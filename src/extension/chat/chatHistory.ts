import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { ConversationSummary } from '../../shared/protocol/chat';

export interface HistoryItem extends vscode.QuickPickItem {
  readonly id: string;
}

const pad = (value: number) => String(value).padStart(2, '0');
/** Local time as `2026-12-03 08:57`: one form that sorts, reads in any language, and can be typed to search. */
const dateOf = (time: number) => {
  const date = new Date(time);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

/** The conversations, most recently changed first, each described by its date (searched along with the title). */
export function historyItems(conversations: readonly ConversationSummary[], currentId: string | undefined): HistoryItem[] {
  return [...conversations].sort((a, b) => b.updatedAt - a.updatedAt).map((item) => ({
    id: item.id,
    label: item.title,
    description: item.id === currentId ? l10n.t('{0} · current', dateOf(item.updatedAt)) : dateOf(item.updatedAt),
  }));
}

/** Asks which conversation to show; undefined when the user dismisses the pick. */
export async function pickConversation(conversations: readonly ConversationSummary[], currentId: string | undefined): Promise<string | undefined> {
  if (conversations.length === 0) {
    void vscode.window.showInformationMessage(l10n.t('No saved conversations yet.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(historyItems(conversations, currentId), {
    title: l10n.t('Chat History'),
    placeHolder: l10n.t('Search conversations by title or date (e.g. 2026-12-03)'),
    matchOnDescription: true,
  });
  return picked?.id;
}
