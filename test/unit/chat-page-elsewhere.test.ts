import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chatPage, chatState, question, reply } from './chatPage';

describe('chat page: a reply streaming in another window', () => {
  it('shows the reply streaming without a Stop, says where it is answered, and sends nothing until it ends', () => {
    const page = chatPage(chatState([question, reply('streaming')], { streamingElsewhere: true }));
    try {
      const button = (label: string) => [...page.document.querySelectorAll<HTMLElement>('.composer-actions vscode-button')].find((item) => item.textContent === label)!;
      const note = page.document.querySelector<HTMLElement>('.streaming-elsewhere')!;
      assert.equal(page.document.querySelector('.message.assistant.streaming') !== null, true, 'still shown streaming');
      assert.equal(button('Stop').hidden, true, 'no Stop that could not stop it');
      assert.deepEqual([button('Send').hidden, button('Send').hasAttribute('disabled')], [false, true]);
      assert.equal(note.hidden, false);
      assert.match(note.textContent ?? '', /Answering in another window/);
      page.prompt.value = 'And another';
      page.key(page.prompt, 'Enter');
      page.key(page.document.body, 'Escape');
      assert.deepEqual([page.posted.filter((message) => message.type === 'request').length, page.commands('stop').length], [0, 0]);

      page.notify('state', chatState([question, reply('done')]));
      assert.deepEqual([button('Send').hasAttribute('disabled'), note.hidden], [false, true], 'sendable once it ended');
    } finally {
      page.close();
    }
  });
});
