import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chatPage, chatState, question } from './chatPage';

/** A paste of `files` into the input, as the browser reports it. */
function paste(page: ReturnType<typeof chatPage>, files: File[]): boolean {
  const event = new page.window.Event('paste', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'clipboardData', { value: { files } });
  return page.prompt.dispatchEvent(event);
}

const until = async (check: () => boolean) => {
  for (let tries = 0; tries < 100 && !check(); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('chat page: context as chips in the input', () => {
  it('# at the start of a word asks the host for a file instead of typing it; C# stays text', () => {
    const page = chatPage(chatState([question]));
    try {
      const typed = (key: string) => page.prompt.dispatchEvent(new page.window.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      assert.equal(typed('#'), false, 'the # is not typed');
      assert.equal(page.commands('pickFile').length, 1);
      page.prompt.value = 'explain ';
      typed('#');
      assert.equal(page.commands('pickFile').length, 2);
      page.prompt.value = 'in C';
      assert.equal(typed('#'), true);
      assert.equal(page.commands('pickFile').length, 2);
    } finally {
      page.close();
    }
  });

  it('a pasted image goes to the host as base64; text pastes are left alone; an oversized image is refused on the page', async () => {
    const page = chatPage(chatState([question]));
    try {
      const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
      assert.equal(paste(page, [new page.window.File([bytes], 'shot.png', { type: 'image/png' })]), false);
      await until(() => page.commands('attachImageData').length > 0);
      assert.deepEqual(page.commands('attachImageData'), [{ name: 'shot.png', data: Buffer.from(bytes).toString('base64') }]);
      assert.equal(paste(page, []), true, 'a paste without images types as usual');
      const huge = new page.window.File([new Uint8Array(10 * 1024 * 1024 + 1)], 'huge.png', { type: 'image/png' });
      paste(page, [huge]);
      await until(() => !page.document.querySelector<HTMLElement>('.notice')!.hidden);
      assert.match(page.document.querySelector('.notice')!.textContent ?? '', /huge\.png is larger than 10 MB/);
      assert.equal(page.commands('attachImageData').length, 1);
    } finally {
      page.close();
    }
  });

  it('chips are removed by mouse, by keyboard on their remove button, and by Backspace in an empty input', () => {
    const draftAttachments = [
      { id: 'a1', kind: 'selection' as const, name: 'hello.ts', language: 'typescript', sizeBytes: 10 },
      { id: 'a2', kind: 'image' as const, name: 'shot.png', sizeBytes: 10 },
    ];
    const page = chatPage(chatState([question], { draftAttachments }));
    try {
      const removes = [...page.document.querySelectorAll<HTMLButtonElement>('.chips.draft .chip-remove')];
      assert.deepEqual(removes.map((button) => [button.tagName, button.getAttribute('aria-label')]), [['BUTTON', 'Remove hello.ts'], ['BUTTON', 'Remove shot.png']], 'native buttons: Tab reaches them, Enter and Space press them');
      page.click(removes[0]!);
      assert.deepEqual(page.commands('removeAttachment'), [{ id: 'a1' }]);
      assert.equal(page.document.activeElement, page.prompt, 'the focus goes back to the input');
      page.key(page.prompt, 'Backspace');
      assert.deepEqual(page.commands('removeAttachment'), [{ id: 'a1' }, { id: 'a2' }]);
      page.prompt.value = 'text';
      page.key(page.prompt, 'Backspace');
      assert.equal(page.commands('removeAttachment').length, 2, 'Backspace in text deletes text');
    } finally {
      page.close();
    }
  });

  it('Attach Selection asks the host for the editor\'s selection', () => {
    const page = chatPage(chatState([question]));
    try {
      const button = page.document.querySelector('.composer-actions vscode-button[aria-label="Attach Selection"]')!;
      page.click(button);
      assert.equal(page.commands('attachSelection').length, 1);
    } finally {
      page.close();
    }
  });
});
