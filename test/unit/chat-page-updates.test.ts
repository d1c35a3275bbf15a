import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessageView } from '../../src/shared/protocol/chat';
import { chatPage, chatState, question } from './chatPage';

const thought: ChatMessageView = { id: 'r1', role: 'assistant', content: 'You said hello', reasoning: 'The user asked', model: 'qwq-plus', status: 'done', metrics: { totalMs: 5 } };

describe('chat page: states from the host', () => {
  it('leave finished messages in place: an open reasoning block stays open, focus and selection stay', () => {
    const page = chatPage(chatState([question, thought]));
    try {
      const list = page.document.querySelector('.messages')!;
      const details = list.querySelector('details.reasoning') as HTMLDetailsElement;
      details.open = true;
      const copy = list.querySelector('.message.assistant vscode-button[aria-label="Copy the reply as Markdown"]') as HTMLElement;
      copy.focus();
      assert.equal(page.document.activeElement, copy);
      const text = list.querySelector('.message.assistant .markdown')!.firstChild!;
      page.window.getSelection()!.selectAllChildren(text);
      const changes: MutationRecord[] = [];
      const observer = new page.window.MutationObserver((records) => changes.push(...records));
      observer.observe(list, { childList: true });
      // The same conversation again, as the host sends it after saving a finished reply.
      page.notify('state', chatState([{ ...question }, { ...thought }]));
      changes.push(...observer.takeRecords());
      assert.deepEqual(changes.map((change) => change.type), [], 'no message was removed or re-inserted');
      assert.equal(list.querySelector('details.reasoning'), details);
      assert.equal(details.open, true);
      assert.equal(page.document.activeElement, copy, 'focus stays on the reply\'s button');
      assert.equal(page.window.getSelection()!.toString(), text.textContent, 'the selection stays');
    } finally {
      page.close();
    }
  });

  it('rebuild only a message that changed, in place, and add new ones in order', () => {
    const page = chatPage(chatState([question, thought]));
    try {
      const [prompt, reply] = [...page.document.querySelectorAll('.messages > .message')];
      const next: ChatMessageView = { id: 'u2', role: 'user', content: 'More' };
      page.notify('state', chatState([question, { ...thought, status: 'stopped' }, next]));
      const shown = [...page.document.querySelectorAll<HTMLElement>('.messages > .message')];
      assert.deepEqual(shown.map((element) => element.dataset.messageId), ['u1', 'r1', 'u2']);
      assert.equal(shown[0], prompt, 'the unchanged prompt keeps its element');
      assert.notEqual(shown[1], reply, 'the stopped reply is shown anew');
      assert.match(shown[1]!.textContent ?? '', /Stopped/);
    } finally {
      page.close();
    }
  });
});
