import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatState } from '../../src/shared/protocol/chat';
import { chatPage, chatState, question, reply } from './chatPage';

const models: ChatState['models'] = [
  { id: 'qwen-plus', vision: false, thinking: 'optional', contextWindow: 131_072, known: true },
  { id: 'qwq-plus', vision: false, thinking: 'always', contextWindow: 131_072, known: true },
];

describe('chat page: model picker and thinking switch in the input row', () => {
  it('sit between the attach buttons and Send, reachable by Tab, and change the conversation\'s settings', async () => {
    const page = chatPage(chatState([question, reply('done')], { models }));
    try {
      const row = page.document.querySelector('.composer .composer-actions')!;
      const picker = row.querySelector('vscode-dropdown[aria-label="Model"]') as HTMLElement & { value: string };
      const thinking = row.querySelector('vscode-checkbox.thinking-switch') as HTMLElement & { checked: boolean };
      assert.ok(picker && thinking, 'both are in the input row');
      const order = [...row.children].map((child) => child.getAttribute('aria-label') ?? child.textContent?.trim());
      assert.ok(order.indexOf('Model') > order.indexOf('Attach Image') && order.indexOf('Model') < order.indexOf('Send'), order.join(', '));
      assert.equal(page.document.querySelector('.settings vscode-dropdown'), null, 'no second picker in the parameters');
      for (const control of [picker, thinking]) assert.notEqual(control.getAttribute('tabindex'), '-1');
      await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(picker.value, 'qwen-plus');
      assert.equal(thinking.hasAttribute('disabled'), false, 'qwen-plus thinks on request');
      picker.value = 'qwq-plus';
      picker.dispatchEvent(new page.window.Event('change'));
      page.click(thinking);
      assert.deepEqual(page.commands('updateSettings'), [{ model: 'qwq-plus' }, { thinking: true }]);
    } finally {
      page.close();
    }
  });

  it('locks the switch on for a model that always thinks, and keeps the picker\'s options while they stay the same', () => {
    const page = chatPage(chatState([question], { models }));
    try {
      const options = [...page.document.querySelectorAll('.model-picker vscode-option')];
      const state = chatState([question], { models });
      page.notify('state', { ...state, conversation: { ...state.conversation, settings: { ...state.conversation.settings, model: 'qwq-plus' } } });
      const thinking = page.document.querySelector('vscode-checkbox.thinking-switch') as HTMLElement & { checked: boolean };
      assert.equal(thinking.hasAttribute('disabled'), true);
      assert.equal(thinking.checked, true);
      assert.match(thinking.title, /qwq-plus always thinks/);
      assert.deepEqual([...page.document.querySelectorAll('.model-picker vscode-option')], options, 'an open picker is not rebuilt');
    } finally {
      page.close();
    }
  });
});
