import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import type { ChatMessageView } from '../../src/shared/protocol/chat';
import type { MessageActions, MessageView as MessageViewClass } from '../../src/webview/chat/messageView';

let MessageView: typeof MessageViewClass;

before(async () => {
  const dom = new JSDOM('<!doctype html><body></body>', { pretendToBeVisual: true });
  // The toolkit's design system asks for the colour scheme.
  dom.window.matchMedia = () => ({ matches: false, addEventListener: () => undefined, removeEventListener: () => undefined, addListener: () => undefined, removeListener: () => undefined }) as never;
  for (const name of ['window', 'document', 'HTMLElement', 'Node', 'customElements', 'navigator', 'getComputedStyle', 'requestAnimationFrame', 'MutationObserver', 'ShadowRoot', 'Element', 'DocumentFragment', 'CSSStyleSheet', 'matchMedia']) {
    Object.defineProperty(globalThis, name, { value: (dom.window as unknown as Record<string, unknown>)[name], configurable: true, writable: true });
  }
  ({ MessageView } = await import('../../src/webview/chat/messageView'));
});

function actions(calls: string[]): MessageActions {
  const record = (name: string) => (id: string) => void calls.push(`${name}:${id}`);
  return {
    codeBlock: (code: string) => Object.assign(document.createElement('pre'), { textContent: code }),
    regenerate: record('regenerate'), continueReply: record('continue'), copyRequest: record('copyRequest'), editAndResend: record('edit'),
    setApiKey: () => undefined, focusModel: () => undefined, copy: () => undefined, editPromptBefore: record('editPrompt'),
  };
}

/** What a message action is called: its text, or an icon button's label. */
const name = (button: Element) => button.textContent?.trim() || button.getAttribute('aria-label');

const reply = (status: ChatMessageView['status']): ChatMessageView => ({ id: 'r1', role: 'assistant', content: 'Once upon a time', model: 'qwen-plus', status });

describe('chat page: an interrupted reply', () => {
  it('keeps its text, says it was interrupted, and offers Continue and Regenerate', () => {
    const calls: string[] = [];
    const view = new MessageView(reply('interrupted'), actions(calls));
    const element = view.element;
    assert.match(element.textContent ?? '', /Once upon a time/);
    assert.match(element.querySelector('[role="note"]')?.textContent ?? '', /Interrupted/);
    assert.equal(element.classList.contains('streaming'), false, 'no blinking cursor');
    const buttons = [...element.querySelectorAll('.message-actions > *')].map(name);
    assert.ok(buttons.includes('Continue') && buttons.includes('Regenerate'), `buttons: ${buttons.join(', ')}`);
    const click = (label: string) => [...element.querySelectorAll<HTMLElement>('.message-actions > *')].find((button) => name(button) === label)!.click();
    click('Continue');
    click('Regenerate');
    assert.deepEqual(calls, ['continue:r1', 'regenerate:r1']);
  });

  it('a reply still streaming shows no Continue', () => {
    const view = new MessageView(reply('streaming'), actions([]));
    assert.equal(view.element.classList.contains('streaming'), true);
    assert.equal([...view.element.querySelectorAll('.message-actions > *')].some((button) => name(button) === 'Continue'), false);
  });

  it('a finished reply offers copy, curl, TypeScript and regenerate as icon buttons with tooltips and labels', () => {
    const view = new MessageView(reply('done'), actions([]));
    const icons = [...view.element.querySelectorAll('.message-actions > vscode-button[appearance="icon"]')];
    assert.deepEqual(icons.map((button) => button.getAttribute('aria-label')), ['Copy the reply as Markdown', 'Copy the request for this reply as curl', 'Copy the request for this reply as TypeScript', 'Regenerate']);
    for (const button of icons) assert.equal(button.getAttribute('title'), button.getAttribute('aria-label'));
  });
});

describe('chat page: a message far up a long conversation', () => {
  it('is an empty landmark of about its height until built, and is built before its prompt is edited', () => {
    const view = new MessageView({ id: 'u1', role: 'user', content: 'x'.repeat(600) }, actions([]), true);
    assert.equal(view.element.getAttribute('role'), 'article');
    assert.equal(view.element.textContent, '');
    assert.ok(Number.parseInt(view.element.style.minHeight, 10) > 100, 'a placeholder height from its length');
    view.edit();
    assert.match(view.element.querySelector('.prompt-text')?.textContent ?? '', /^x{600}$/);
    assert.ok(view.element.querySelector('.prompt-editor'), 'the editor is open');
    assert.equal(view.element.style.minHeight, '');
  });
});
