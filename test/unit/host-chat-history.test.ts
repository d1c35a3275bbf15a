import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { historyItems, pickConversation } from '../../src/extension/chat/chatHistory';

const test = vscode as unknown as typeof double;
const at = (text: string) => new Date(text).getTime();
const conversations = [
  { id: 'a', title: 'Old question', updatedAt: at('2026-11-02T10:05:00') },
  { id: 'b', title: 'Recent story', updatedAt: at('2026-12-03T08:57:00') },
];

describe('chat history quick pick', () => {
  afterEach(() => test.ui.reset());

  it('lists conversations newest first, titled, with a searchable date; the shown one is marked', () => {
    assert.deepEqual(historyItems(conversations, 'a'), [
      { id: 'b', label: 'Recent story', description: '2026-12-03 08:57' },
      { id: 'a', label: 'Old question', description: '2026-11-02 10:05 · current' },
    ]);
  });

  it('returns the picked conversation, nothing when dismissed, and says so when there is none', async () => {
    test.ui.respond((prompt) => (prompt.kind === 'quickPick' ? prompt.items.find((item) => (item as { label: string }).label === 'Old question') : undefined));
    assert.equal(await pickConversation(conversations, 'b'), 'a');
    assert.equal(test.ui.shown[0]?.kind === 'quickPick' && test.ui.shown[0].title, 'Chat History');
    test.ui.reset();
    assert.equal(await pickConversation(conversations, 'b'), undefined);
    assert.equal(await pickConversation([], undefined), undefined);
    assert.deepEqual(test.ui.messages('info'), ['No saved conversations yet.']);
  });
});
