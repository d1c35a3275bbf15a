import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type * as double from '../vscode';
import { Log } from '../../src/extension/log';
import { SecretRedactor } from '../../src/extension/secretRedactor';
import { WebviewChannel } from '../../src/extension/webviews/webviewChannel';
import { defineCommand, defineNotification, defineRequest } from '../../src/shared/protocol/define';

const test = vscode as unknown as typeof double;

const protocol = {
  requests: { echo: defineRequest(z.object({ text: z.string() }), z.string()) },
  commands: { poke: defineCommand(z.object({})) },
  notifications: { state: defineNotification(z.object({ n: z.number() })) },
};

/** A channel on a fake webview whose page is ready; `settle` lets the asynchronous dispatch finish. */
function readyChannel() {
  const webview = new test.FakeWebview();
  const log = new Log(new SecretRedactor());
  const channel = new WebviewChannel(webview as unknown as vscode.Webview, protocol, log, 'test');
  const poked: unknown[] = [];
  channel.serve({ echo: async ({ text }) => text, poke: (params) => void poked.push(params) }, { onReady: () => undefined, onReload: () => undefined, onFailed: () => undefined });
  webview.receive({ type: 'ready' });
  const lines = () => test.window.outputChannels.find((output) => output.name === 'DashScope')!.lines;
  return { webview, channel, poked, lines, settle: () => new Promise((resolve) => setTimeout(resolve, 10)) };
}

describe('WebviewChannel dispatch: a page names methods, only the protocol\'s own are called', () => {
  afterEach(() => test.resetVscode());

  for (const method of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
    it(`answers a request for "${method}" with a clear error, and drops such a command, without throwing`, async () => {
      const rejections: unknown[] = [];
      const onRejection = (reason: unknown) => rejections.push(reason);
      process.on('unhandledRejection', onRejection);
      try {
        const { webview, poked, lines, settle } = readyChannel();
        webview.receive({ type: 'request', id: 7, method, params: {} });
        webview.receive({ type: 'command', method, params: {} });
        await settle();
        assert.deepEqual(webview.posted, [{ type: 'response', id: 7, ok: false, error: { message: `Unknown request "${method}".`, code: 'InvalidMessage' } }]);
        assert.deepEqual(poked, []);
        assert.ok(lines().some((line) => line.includes(`dropped command "${method}": unknown command`)), lines().join('\n'));
        assert.deepEqual(rejections, [], 'nothing crashed');
      } finally {
        process.off('unhandledRejection', onRejection);
      }
    });
  }

  it('still answers and runs the protocol\'s own methods, and says which parameters were wrong', async () => {
    const { webview, poked, settle } = readyChannel();
    webview.receive({ type: 'request', id: 1, method: 'echo', params: { text: 'hi' } });
    webview.receive({ type: 'request', id: 2, method: 'echo', params: { text: 3 } });
    webview.receive({ type: 'command', method: 'poke', params: {} });
    await settle();
    const byId = (message: unknown) => (message as { id: number }).id;
    assert.deepEqual([...webview.posted].sort((a, b) => byId(a) - byId(b)), [
      { type: 'response', id: 1, ok: true, result: 'hi' },
      { type: 'response', id: 2, ok: false, error: { message: 'Invalid parameters for request "echo".', code: 'InvalidMessage' } },
    ]);
    assert.deepEqual(poked, [{}]);
  });

  it('notifies a ready page only: a page still loading gets its state on ready instead', () => {
    const webview = new test.FakeWebview();
    const channel = new WebviewChannel(webview as unknown as vscode.Webview, protocol, new Log(new SecretRedactor()), 'test');
    channel.serve({ echo: async ({ text }) => text, poke: () => undefined }, { onReady: () => channel.notify('state', { n: 2 }), onReload: () => undefined, onFailed: () => undefined });
    channel.notify('state', { n: 1 });
    assert.deepEqual(webview.posted, []);
    webview.receive({ type: 'ready' });
    channel.notify('state', { n: 3 });
    channel.reset();
    channel.notify('state', { n: 4 });
    assert.deepEqual(webview.posted.map((message) => (message as { params: { n: number } }).params.n), [2, 3]);
  });
});
