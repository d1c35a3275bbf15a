import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { webviewHtml } from '../../src/extension/webviews/webviewHtml';

const test = vscode as unknown as typeof double;

/** A panel's real HTML (with its boot script) in jsdom; the bundle is not loaded, as if it had not run yet. */
function page() {
  const posted: unknown[] = [];
  const html = webviewHtml(new test.FakeWebview() as unknown as vscode.Webview, test.Uri.file(path.join(__dirname, '..', '..')), { script: 'image', title: 'Image' });
  const dom = new JSDOM(html, {
    runScripts: 'dangerously',
    beforeParse: (window) => Object.assign(window, { acquireVsCodeApi: () => ({ postMessage: (message: unknown) => posted.push(JSON.parse(JSON.stringify(message))) }) }),
  });
  const document = dom.window.document;
  const app = document.getElementById('app')!;
  const errorScreen = document.getElementById('boot-error')!;
  /** Adds a picture or video to the page whose file cannot be loaded, as the browser reports it (an `error` event at the element). */
  const broken = (tag: 'img' | 'video', className: string) => {
    const element = document.createElement(tag);
    element.className = className;
    element.setAttribute('src', 'https://webview.test/results/deleted.png');
    app.append(element);
    element.dispatchEvent(new dom.window.Event('error'));
    return element;
  };
  return { dom, document, app, errorScreen, posted, broken, close: () => dom.window.close() };
}

describe('webview boot script in jsdom: only script errors mean "did not start"', () => {
  it('shows a placeholder for a picture or video that cannot be loaded, and keeps the page', () => {
    const { document, app, errorScreen, posted, broken, close } = page();
    try {
      const thumb = broken('img', 'chip-thumb');
      const video = broken('video', 'thumb');
      assert.equal(errorScreen.hidden, true, 'no error screen');
      assert.equal(app.hidden, false);
      assert.deepEqual(posted, [], 'nothing reported as a failure');
      assert.equal(thumb.isConnected || video.isConnected, false, 'the broken elements are replaced');
      const placeholders = [...document.querySelectorAll('.media-missing')];
      assert.deepEqual(placeholders.map((element) => [element.className, element.getAttribute('role'), element.getAttribute('aria-label')]), [
        ['media-missing chip-thumb', 'img', 'This file cannot be shown: it was moved or deleted, or it cannot be played here.'],
        ['media-missing thumb', 'img', 'This file cannot be shown: it was moved or deleted, or it cannot be played here.'],
      ]);
    } finally {
      close();
    }
  });

  it('still shows the error screen for a panel script that fails to load or throws', () => {
    const load = page();
    try {
      const script = load.document.querySelector('script[src]')!;
      script.dispatchEvent(new load.dom.window.Event('error'));
      assert.equal(load.errorScreen.hidden, false);
      assert.equal(load.errorScreen.querySelector('.boot-error-detail')!.textContent, 'The panel script could not be loaded.');
    } finally {
      load.close();
    }
    const thrown = page();
    try {
      thrown.dom.window.dispatchEvent(new thrown.dom.window.ErrorEvent('error', { message: 'Uncaught TypeError: boom' }));
      assert.equal(thrown.errorScreen.hidden, false);
      assert.deepEqual(thrown.posted, [{ type: 'failed', message: 'Uncaught TypeError: boom' }]);
    } finally {
      thrown.close();
    }
  });
});
