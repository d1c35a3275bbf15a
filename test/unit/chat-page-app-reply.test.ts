import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessageView } from '../../src/shared/protocol/chat';
import { chatPage, chatState, question } from './chatPage';

const APP_MODEL = 'app:0123456789abcdef0123456789abcdef';
const references = [{ title: 'Simulator handbook', source: 'handbook.pdf', text: 'What the handbook says' }, { title: 'FAQ', text: '' }];
const appReply: ChatMessageView = { id: 'r1', role: 'assistant', content: 'The application answered', model: APP_MODEL, appName: 'Support bot', status: 'done', references };

const buttons = (element: Element) => [...element.querySelectorAll('.message-actions > *')].map((button) => button.getAttribute('aria-label') ?? button.textContent?.trim());

describe('chat page: a Bailian application\'s reply', () => {
  it('is headed and labelled with the application\'s name, not its app: id', () => {
    const page = chatPage(chatState([question, appReply]));
    try {
      const reply = page.document.querySelector('.message.assistant')!;
      assert.equal(reply.querySelector('.message-meta')?.textContent, 'Support bot');
      assert.equal(reply.getAttribute('aria-label'), 'Reply from Support bot');
      assert.doesNotMatch(reply.textContent ?? '', /app:/);
    } finally {
      page.close();
    }
  });

  it('shows its references collapsed under their count, a keyboard-operable summary opening the numbered list', () => {
    const page = chatPage(chatState([question, appReply]));
    try {
      const details = page.document.querySelector<HTMLDetailsElement>('.message.assistant details.references')!;
      assert.equal(details.open, false, 'collapsed at first');
      const summary = details.firstElementChild!;
      assert.equal(summary.tagName, 'SUMMARY', 'a native summary: focusable, and Enter or Space opens it');
      assert.equal(summary.textContent, 'References (2)');
      assert.deepEqual([...details.querySelectorAll('ol > li')].map((item) => item.textContent), ['Simulator handbook (handbook.pdf): What the handbook says', 'FAQ']);
      assert.equal(details.previousElementSibling?.classList.contains('markdown'), true, 'under the answer, above its actions');
    } finally {
      page.close();
    }
  });

  it('gets its references when it finishes streaming', () => {
    const page = chatPage(chatState([question, { ...appReply, content: '', status: 'streaming', references: undefined }]));
    try {
      assert.equal(page.document.querySelector('details.references'), null);
      page.notify('event', { conversationId: 'c1', event: { type: 'textAppended', messageId: 'r1', content: 'The answer' } });
      page.notify('event', { conversationId: 'c1', event: { type: 'messageFinished', messageId: 'r1', status: 'done', references } });
      assert.equal(page.document.querySelector('details.references summary')?.textContent, 'References (2)');
    } finally {
      page.close();
    }
  });

  it('offers no Copy as curl or TypeScript (its request cannot be rebuilt as sent); a model\'s reply does', () => {
    const page = chatPage(chatState([question, appReply]));
    try {
      const shown = buttons(page.document.querySelector('.message.assistant')!);
      assert.ok(shown.includes('Copy the reply as Markdown'));
      assert.equal(shown.some((label) => /as curl|as TypeScript/.test(label ?? '')), false);
      page.notify('state', chatState([question, { id: 'r2', role: 'assistant', content: 'A model answered', model: 'qwen-plus', status: 'done' }]));
      assert.ok(buttons(page.document.querySelector('.message.assistant')!).includes('Copy the request for this reply as curl'));
    } finally {
      page.close();
    }
  });
});
