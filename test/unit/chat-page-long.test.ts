import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessageView } from '../../src/shared/protocol/chat';
import { chatPage, chatState } from './chatPage';

const messages = (count: number, from = 0): ChatMessageView[] => Array.from({ length: count }, (_, index): ChatMessageView => {
  const at = from + index;
  return at % 2 === 0 ? { id: `m${at}`, role: 'user', content: `Question ${at}` } : { id: `m${at}`, role: 'assistant', content: `Answer ${at}`, model: 'qwen-plus', status: 'done' };
});

describe('chat page: a long conversation', () => {
  it('keeps earlier messages in groups of five (skipped by the browser while off screen), the latest 30 or more ungrouped, all in order', () => {
    const page = chatPage(chatState(messages(100)));
    try {
      const list = page.document.querySelector('.messages')!;
      const groups = [...list.querySelectorAll<HTMLElement>(':scope > .message-group')];
      assert.equal(groups.length, 14, '70 of 100 messages grouped');
      assert.ok(groups.every((group) => group.children.length === 5));
      assert.match((groups[0]!.style as CSSStyleDeclaration & { containIntrinsicSize: string }).containIntrinsicSize, /^auto \d+px$/, 'a size from its messages until first shown');
      assert.equal(list.querySelectorAll(':scope > .message').length, 30);
      const order = () => [...list.querySelectorAll<HTMLElement>('.message')].map((element) => element.dataset.messageId);
      assert.deepEqual(order(), messages(100).map((message) => message.id));

      const first = list.querySelector('[data-message-id="m0"]');
      // Two more messages: the groups stay; 32 are left ungrouped until five more can be grouped.
      page.notify('state', chatState(messages(102)));
      assert.equal(list.querySelectorAll(':scope > .message-group').length, 14);
      assert.equal(list.querySelector('[data-message-id="m0"]'), first, 'an unchanged message keeps its element');
      assert.deepEqual(order(), messages(102).map((message) => message.id));

      // Truncated (an early prompt edited and resent): the emptied groups go, the rest keep their order.
      page.notify('state', chatState(messages(40)));
      assert.equal(list.querySelectorAll(':scope > .message-group').length, 2);
      assert.deepEqual(order(), messages(40).map((message) => message.id));
      assert.equal(list.querySelector('[data-message-id="m0"]'), first);

      page.notify('state', chatState([]));
      assert.equal(list.querySelectorAll('.message-group, .message').length, 0, 'a new conversation shows no groups');
      page.notify('state', chatState(messages(60)));
      assert.deepEqual(order(), messages(60).map((message) => message.id));
      assert.equal(list.querySelectorAll(':scope > .message-group').length, 6);
    } finally {
      page.close();
    }
  });
});
