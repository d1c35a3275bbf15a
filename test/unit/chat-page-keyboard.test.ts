import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chatPage as openChat, chatState as state, question, reply } from './chatPage';
import type { ChatMessageView } from '../../src/shared/protocol/chat';

function chatPage(messages: ChatMessageView[]) {
  const page = openChat(state(messages));
  const shown = (label: string) => [...page.document.querySelectorAll<HTMLElement>('.composer-actions vscode-button')].some((button) => button.textContent === label && !button.hidden);
  return { ...page, shown };
}

describe('chat page: keyboard while chatting', () => {
  it('Stop replaces Send while a reply streams, and Escape stops it', () => {
    const page = chatPage([question, reply('streaming')]);
    try {
      assert.equal(page.shown('Stop'), true);
      assert.equal(page.shown('Send'), false);
      page.key(page.prompt, 'Escape');
      assert.equal(page.commands('stop').length, 1);
      page.notify('state', state([question, reply('done')]));
      assert.equal(page.shown('Send'), true);
      assert.equal(page.shown('Stop'), false);
      page.key(page.document.body, 'Escape');
      assert.equal(page.commands('stop').length, 1, 'Escape does nothing once the reply is done');
    } finally {
      page.close();
    }
  });

  it('Up in an empty input puts the last prompt back for editing, and never overwrites typed text', () => {
    const page = chatPage([question, reply('done'), { ...question, id: 'u2', content: 'Make it shorter' }, { ...reply('done'), id: 'r2' }]);
    try {
      page.key(page.prompt, 'ArrowUp');
      assert.equal(page.prompt.value, 'Make it shorter');
      page.prompt.value = 'half typed';
      page.key(page.prompt, 'ArrowUp');
      assert.equal(page.prompt.value, 'half typed');
    } finally {
      page.close();
    }
  });
});
