import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chatPage, chatState, question } from './chatPage';

describe('chat page: conversation actions', () => {
  it('the panel shows the title and New, History, Rename, Delete as labelled icon buttons (no dropdown, no text buttons)', () => {
    const page = chatPage(chatState([question]));
    try {
      const bar = page.document.querySelector<HTMLElement>('.conversation-bar[role="toolbar"]')!;
      assert.equal(bar.hidden, false);
      assert.equal(bar.querySelector('.conversation-title')?.textContent, 'Stories');
      assert.equal(page.document.querySelector('vscode-dropdown[aria-label="Conversation"]'), null);
      const buttons = [...bar.querySelectorAll<HTMLElement>('vscode-button')];
      assert.deepEqual(buttons.map((button) => button.getAttribute('aria-label')), ['New Conversation', 'Show Chat History…', 'Rename Conversation…', 'Delete Conversation']);
      for (const button of buttons) {
        assert.equal(button.getAttribute('appearance'), 'icon');
        assert.equal(button.textContent, '', 'icon only');
        assert.equal(button.title, button.getAttribute('aria-label'), 'tooltip');
      }
      buttons.forEach((button) => page.click(button));
      assert.equal(page.commands('newConversation').length, 1);
      assert.equal(page.commands('showHistory').length, 1);
      assert.deepEqual(page.commands('renameConversation'), [{ id: 'c1' }]);
      assert.deepEqual(page.commands('deleteConversation'), [{ id: 'c1' }]);
    } finally {
      page.close();
    }
  });

  it('the sidebar view leaves them to its title bar', () => {
    const page = chatPage(chatState([question], { titleBarActions: true }));
    try {
      assert.equal(page.document.querySelector<HTMLElement>('.conversation-bar')!.hidden, true);
    } finally {
      page.close();
    }
  });
});
