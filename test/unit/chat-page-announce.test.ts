import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chatPage, chatState, question, reply } from './chatPage';

describe('chat page: screen readers', () => {
  it('announces a reply once, when it completes, not token by token', async () => {
    const page = chatPage(chatState([question, reply('streaming')]));
    try {
      const live = [...page.document.querySelectorAll('[aria-live]')];
      assert.equal(live.length, 1, 'one live region');
      assert.equal(page.document.querySelector('.messages')!.hasAttribute('aria-live'), false, 'the message list is not live');
      const announcer = live[0]!;
      const changes: string[] = [];
      new page.window.MutationObserver(() => changes.push(announcer.textContent ?? '')).observe(announcer, { childList: true, characterData: true, subtree: true });
      for (const content of [' upon', ' a', ' time']) page.notify('event', { conversationId: 'c1', event: { type: 'textAppended', messageId: 'r1', content } });
      page.notify('event', { conversationId: 'c1', event: { type: 'messageFinished', messageId: 'r1', status: 'done' } });
      await new Promise((resolve) => setTimeout(resolve, 0));
      assert.deepEqual(changes, ['Reply: Once upon a time']);
    } finally {
      page.close();
    }
  });

  it('shows each message as a labelled article landmark', () => {
    const page = chatPage(chatState([question, reply('done')]));
    try {
      const articles = [...page.document.querySelectorAll('.messages [role="article"]')].map((article) => article.getAttribute('aria-label'));
      assert.deepEqual(articles, ['Your prompt', 'Reply from qwen-plus']);
    } finally {
      page.close();
    }
  });
});
