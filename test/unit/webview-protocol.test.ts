import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { defineCommand, defineNotification, defineRequest, RemoteRequestError, toHostMessage } from '../../src/shared/protocol/define';
import { HostConnection, type VsCodeApi } from '../../src/webview/shared/hostConnection';

const protocol = {
  requests: { add: defineRequest(z.object({ a: z.number(), b: z.number() }), z.number()) },
  commands: { log: defineCommand(z.object({ text: z.string() })) },
  notifications: { progress: defineNotification(z.object({ percent: z.number().check(z.minimum(0), z.maximum(100)) })) },
};

/** A page with a fake `window` and VS Code API: returns what the page posted and a way to deliver host messages. */
function page() {
  const posted: unknown[] = [];
  let listener: ((event: { data: unknown }) => void) | undefined;
  const api: VsCodeApi = { postMessage: (message) => void posted.push(message), getState: () => undefined, setState: () => undefined };
  (globalThis as { window?: unknown }).window = {
    addEventListener: (_type: string, handler: (event: { data: unknown }) => void) => (listener = handler),
    __dashscopeMounted: () => undefined,
  };
  const received: number[] = [];
  const connection = new HostConnection(protocol, { progress: ({ percent }) => void received.push(percent) }, api);
  connection.start();
  return { connection, posted, received, deliver: (data: unknown) => listener!({ data }) };
}

describe('webview protocol', () => {
  it('says ready first, then sends requests with ids and resolves their validated replies', async () => {
    const { connection, posted, deliver } = page();
    assert.deepEqual(posted[0], { type: 'ready' });
    const sum = connection.request('add', { a: 2, b: 3 });
    assert.deepEqual(posted[1], { type: 'request', id: 1, method: 'add', params: { a: 2, b: 3 } });
    deliver({ type: 'response', id: 1, ok: true, result: 5 });
    assert.equal(await sum, 5);
  });

  it('rejects a reply that breaks the schema, and surfaces host errors', async () => {
    const { connection, deliver } = page();
    const bad = connection.request('add', { a: 1, b: 1 });
    deliver({ type: 'response', id: 1, ok: true, result: 'two' });
    await assert.rejects(bad);
    const failed = connection.request('add', { a: 1, b: 1 });
    deliver({ type: 'response', id: 2, ok: false, error: { message: 'Set an API key first.', code: 'NoKey' } });
    await assert.rejects(failed, (error: RemoteRequestError) => error instanceof RemoteRequestError && error.detail.code === 'NoKey');
  });

  it('delivers valid notifications and drops invalid or unknown ones', () => {
    const { received, deliver } = page();
    deliver({ type: 'notification', method: 'progress', params: { percent: 40 } });
    deliver({ type: 'notification', method: 'progress', params: { percent: 400 } });
    deliver({ type: 'notification', method: 'nope', params: {} });
    deliver({ nonsense: true });
    assert.deepEqual(received, [40]);
  });

  it('sends commands and validates what reaches the host', () => {
    const { connection, posted } = page();
    connection.command('log', { text: 'hi' });
    assert.deepEqual(posted.at(-1), { type: 'command', method: 'log', params: { text: 'hi' } });
    assert.ok(toHostMessage.safeParse(posted.at(-1)).success);
    assert.ok(!toHostMessage.safeParse({ type: 'request', id: -1, method: 'add' }).success);
  });
});
