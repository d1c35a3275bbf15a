import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import vm from 'node:vm';
import { BOOT_SCRIPT } from '../../src/extension/webviews/bootScript';

type Listener = (event: unknown) => void;

class FakeElement {
  hidden = false;
  textContent = '';
  readonly attributes = new Map<string, string>();
  readonly listeners = new Map<string, Listener>();
  readonly children = new Map<string, FakeElement>();
  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, listener);
  }
  querySelector(selector: string): FakeElement | undefined {
    return this.children.get(selector);
  }
}

/** The page the boot script runs in (a webview's HTML from webviewHtml), with a manual clock. */
function bootPage() {
  const detail = new FakeElement();
  const box = Object.assign(new FakeElement(), { hidden: true });
  box.children.set('.boot-error-detail', detail);
  const app = new FakeElement();
  app.attributes.set('aria-busy', 'true');
  const reload = new FakeElement();
  const messages = Object.assign(new FakeElement(), { textContent: JSON.stringify({ startFailed: 'The panel did not start.', loadFailed: 'The panel script could not be loaded.' }) });
  const elements: Record<string, FakeElement> = { 'boot-error': box, 'boot-messages': messages, app, 'boot-reload': reload };
  const posted: unknown[] = [];
  const timers: (() => void)[] = [];
  const windowListeners = new Map<string, Listener>();
  const documentListeners = new Map<string, Listener>();
  const window: Record<string, unknown> = { addEventListener: (type: string, listener: Listener) => windowListeners.set(type, listener) };
  const context = vm.createContext({
    window,
    document: { getElementById: (id: string) => elements[id], addEventListener: (type: string, listener: Listener) => documentListeners.set(type, listener) },
    acquireVsCodeApi: () => ({ postMessage: (message: unknown) => posted.push(JSON.parse(JSON.stringify(message))) }),
    setTimeout: (callback: () => void) => timers.push(callback),
  });
  vm.runInContext(BOOT_SCRIPT, context);
  documentListeners.get('DOMContentLoaded')!({});
  return {
    box, detail, app, reload, posted, window,
    fire: (type: string, event: unknown) => windowListeners.get(type)!(event),
    runTimers: () => timers.splice(0).forEach((timer) => timer()),
  };
}

describe('webview boot script (a page never stays blank)', () => {
  it('shows the error screen with the message when the panel script throws, and tells the host', () => {
    const page = bootPage();
    page.fire('error', { target: {}, message: 'Uncaught TypeError: boom' });
    assert.equal(page.box.hidden, false);
    assert.equal(page.detail.textContent, 'Uncaught TypeError: boom');
    assert.equal(page.app.hidden, true, 'the half-built page is hidden');
    assert.deepEqual(page.posted, [{ type: 'failed', message: 'Uncaught TypeError: boom' }]);
  });

  it('explains a bundle that could not be loaded, and an unhandled rejection', () => {
    const load = bootPage();
    load.fire('error', { target: { tagName: 'SCRIPT' } });
    assert.equal(load.detail.textContent, 'The panel script could not be loaded.');
    const rejection = bootPage();
    rejection.fire('unhandledrejection', { reason: new Error('no state') });
    assert.equal(rejection.detail.textContent, 'no state');
  });

  it('shows the error screen when the page never mounts', () => {
    const page = bootPage();
    page.runTimers();
    assert.equal(page.box.hidden, false);
    assert.equal(page.detail.textContent, 'The panel did not start.');
  });

  it('keeps a mounted page visible after a later error, and its Reload button asks the host to rebuild the page', () => {
    const page = bootPage();
    (page.window.__dashscopeMounted as () => void)();
    assert.equal(page.app.attributes.has('aria-busy'), false);
    page.runTimers();
    assert.equal(page.box.hidden, true, 'no timeout error once mounted');
    page.fire('error', { target: {}, message: 'late failure' });
    assert.equal(page.app.hidden, false);
    page.reload.listeners.get('click')!({});
    assert.deepEqual(page.posted.at(-1), { type: 'reload' });
  });
});
