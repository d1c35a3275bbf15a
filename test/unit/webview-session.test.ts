import assert from 'node:assert/strict';
import { afterEach, describe, it, mock } from 'node:test';
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type * as double from '../vscode';
import { Log } from '../../src/extension/log';
import { SecretRedactor } from '../../src/extension/secretRedactor';
import { PAGE_START_TIMEOUT_MS, WebviewSession } from '../../src/extension/webviews/webviewSession';
import { defineNotification } from '../../src/shared/protocol/define';

const test = vscode as unknown as typeof double;
const protocol = { requests: {}, commands: {}, notifications: { state: defineNotification(z.object({ n: z.number() })) } };

/** A session on a fake webview; `builds` counts the HTML it was given (each one a fresh page). */
function session(visible: () => boolean) {
  const webview = new test.FakeWebview();
  let builds = 0;
  let html = '';
  Object.defineProperty(webview, 'html', { get: () => html, set: (value: string) => { html = value; builds++; } });
  const ready: number[] = [];
  const page = new WebviewSession(webview as unknown as vscode.Webview, vscode.Uri.file('/ext'), {
    page: { script: 'chat', title: 'DashScope Chat' },
    protocol,
    handlers: () => ({}),
    onReady: () => void ready.push(builds),
    visible,
  }, new Log(new SecretRedactor()));
  return { webview, page, ready, builds: () => builds };
}

describe('a webview page that does not start', () => {
  afterEach(() => {
    mock.timers.reset();
    test.resetVscode();
  });

  it('is built again when shown and not started in time, or when it reports a failure before starting (was left blank)', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const { webview, page, ready, builds } = session(() => true);
    assert.equal(builds(), 1);
    mock.timers.tick(PAGE_START_TIMEOUT_MS);
    assert.equal(builds(), 2, 'rebuilt after the timeout');
    webview.receive({ type: 'failed', message: 'The panel script could not be loaded.' });
    assert.equal(builds(), 3, 'rebuilt after its script failed to load');
    webview.receive({ type: 'ready' });
    assert.deepEqual(ready, [3]);
    for (let step = 0; step < 3; step++) mock.timers.tick(PAGE_START_TIMEOUT_MS);
    webview.receive({ type: 'failed', message: 'a later error in a started page' });
    assert.equal(builds(), 3, 'a started page is left alone');
    page.dispose();
  });

  it('waits while hidden (a hidden webview loads only once shown)', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    let shown = false;
    const { page, builds } = session(() => shown);
    for (let step = 0; step < 4; step++) mock.timers.tick(PAGE_START_TIMEOUT_MS);
    assert.equal(builds(), 1);
    shown = true;
    mock.timers.tick(PAGE_START_TIMEOUT_MS);
    assert.equal(builds(), 1, 'shown just before the check: it gets a whole period to start');
    mock.timers.tick(PAGE_START_TIMEOUT_MS);
    assert.equal(builds(), 2);
    page.dispose();
  });

  it('after two rebuilds, tells the user and offers Reload Window instead of looping', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const { page, builds } = session(() => true);
    for (let step = 0; step < 10; step++) mock.timers.tick(PAGE_START_TIMEOUT_MS);
    assert.equal(builds(), 3);
    assert.match(test.ui.messages('error').join('\n'), /DashScope Chat page could not be loaded/);
    page.dispose();
  });
});
