import { buildSync } from 'esbuild';
import { JSDOM } from 'jsdom';
import path from 'node:path';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { webviewHtml } from '../../src/extension/webviews/webviewHtml';

const test = vscode as unknown as typeof double;
const root = path.join(__dirname, '..', '..');
const bundles = new Map<string, string>();

/** A page's bundle as esbuild.mjs makes it for VS Code (an IIFE for the browser), built once per test run. */
function bundle(script: string): string {
  const known = bundles.get(script);
  if (known) return known;
  const built = buildSync({ entryPoints: [path.join(root, 'src', 'webview', script, 'main.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome120', logLevel: 'silent' });
  const code = built.outputFiles[0]!.text;
  bundles.set(script, code);
  return code;
}

export interface PostedMessage {
  readonly type: string;
  readonly method?: string;
  readonly params?: Record<string, unknown>;
}

/**
 * A panel's page in jsdom: its real HTML (boot script included) and bundle, with the test as the host. `posted`
 * holds what the page sent; `notify` plays a host notification. Close it to stop its timers.
 */
export function openPage(script: string) {
  const posted: PostedMessage[] = [];
  const html = webviewHtml(new test.FakeWebview() as unknown as vscode.Webview, test.Uri.file(root), { script, title: script });
  const dom = new JSDOM(html, {
    runScripts: 'dangerously',
    pretendToBeVisual: true,
    // Messages cross as structured clones: copied into this realm.
    beforeParse: (window) => {
      Object.assign(window, { acquireVsCodeApi: () => ({ postMessage: (message: unknown) => posted.push(JSON.parse(JSON.stringify(message))), getState: () => undefined, setState: () => undefined }) });
      // Not in jsdom (no layout).
      window.Element.prototype.scrollIntoView = () => undefined;
    },
  });
  const { window } = dom;
  window.eval(bundle(script));
  const document = window.document;
  const control = <T extends Element = HTMLElement & { value: string }>(field: string, selector = 'vscode-text-area, vscode-text-field') =>
    document.querySelector(`[data-field="${field}"]`)!.querySelector(selector) as unknown as T;
  return {
    window,
    document,
    posted,
    control,
    /** What the page asked the host to do, oldest first. */
    commands: (method: string) => posted.filter((message) => message.type === 'command' && message.method === method).map((message) => message.params!),
    notify: (method: string, params: unknown) => window.dispatchEvent(new window.MessageEvent('message', { data: { type: 'notification', method, params } })),
    /** Types into a text field as a user does: the value changes and the control reports an input. */
    type: (field: string, text: string) => {
      const element = control(field);
      element.value = text;
      element.dispatchEvent(new window.Event('input', { bubbles: true, composed: true }));
    },
    click: (element: Element) => element.dispatchEvent(new window.MouseEvent('click', { bubbles: true })),
    close: () => window.close(),
  };
}
