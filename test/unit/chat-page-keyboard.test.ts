import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessageView, ChatState } from '../../src/shared/protocol/chat';
import { openPage } from './pageDom';

const state = (messages: ChatMessageView[]): ChatState => ({
  conversation: { id: 'c1', title: 'Stories', updatedAt: 1, messages, settings: { model: 'qwen-plus', systemPrompt: '', thinking: false } } as ChatState['conversation'],
  conversations: [{ id: 'c1', title: 'Stories', updatedAt: 1 }],
  models: [{ id: 'qwen-plus', vision: false, thinking: 'never', contextWindow: 131_072, known: true }],
  hasKey: true,
  busy: false,
  draftAttachments: [],
  meter: { usedTokens: 10, limitTokens: 131_072, level: 'ok' },
});
const question: ChatMessageView = { id: 'u1', role: 'user', content: 'Tell me a story' };
const reply = (status: ChatMessageView['status']): ChatMessageView => ({ id: 'r1', role: 'assistant', content: 'Once', model: 'qwen-plus', status });

function chatPage(messages: ChatMessageView[]) {
  const page = openPage('chat');
  page.notify('state', state(messages));
  const prompt = page.document.querySelector('vscode-text-area.prompt') as HTMLElement & { value: string };
  const key = (target: EventTarget, name: string) => target.dispatchEvent(new page.window.KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
  const shown = (label: string) => [...page.document.querySelectorAll<HTMLElement>('.composer-actions vscode-button')].some((button) => button.textContent === label && !button.hidden);
  return { ...page, prompt, key, shown };
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
