import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { ClientErrorCode, DashScopeError, type ChatRequest, type ChatStreamEvent } from '../../src/dashscope';
import { ChatService } from '../../src/extension/chat/chatService';
import { ChatView, EditorTracker } from '../../src/extension/chat/chatView';
import { ConnectionHealth } from '../../src/extension/connectionState';
import { Log } from '../../src/extension/log';
import { SecretRedactor } from '../../src/extension/secretRedactor';
import type { Services } from '../../src/extension/services';
import { WindowPresence } from '../../src/extension/windowPresence';
import { closeWindowsAfterEach, until } from './hostWindows';
import { createUsageRecorder } from '../../src/extension/usage/registerUsage';

const test = vscode as unknown as typeof double;

/** A reply stream the test feeds: `push` text, `fail` with an error, `end`. */
function controlledStream() {
  const queue: (ChatStreamEvent | Error | 'end')[] = [];
  let wake: (() => void) | undefined;
  const put = (item: ChatStreamEvent | Error | 'end') => {
    queue.push(item);
    wake?.();
  };
  async function* events(signal: AbortSignal): AsyncGenerator<ChatStreamEvent> {
    for (;;) {
      while (queue.length === 0) {
        if (signal.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
        await new Promise<void>((resolve) => {
          wake = resolve;
          signal.addEventListener('abort', () => resolve(), { once: true });
        });
      }
      const item = queue.shift()!;
      if (item === 'end') return;
      if (item instanceof Error) throw item;
      yield item;
    }
  }
  return { events, push: (text: string) => put({ type: 'content', text }), fail: (error: Error) => put(error), end: () => put('end') };
}

const dropped = () => new DashScopeError({ message: 'other side closed', code: ClientErrorCode.Network, endpoint: 'POST /chat/completions' });

/** One window's chat service over a global storage folder; its streams are answered by `streams` in order. */
async function openWindow(storage: string, listModels: () => Promise<{ id: string }[]> = async () => [], health = new ConnectionHealth(async () => undefined)) {
  const streams: ReturnType<typeof controlledStream>[] = [];
  const requests: ChatRequest[] = [];
  const client = {
    chat: {
      stream: (request: ChatRequest, options: { signal: AbortSignal }) => {
        requests.push(request);
        const stream = controlledStream();
        streams.push(stream);
        return stream.events(options.signal);
      },
    },
    models: { list: listModels },
  };
  const connection = {
    client: async () => client,
    settings: { region: 'cn', plan: 'payg', chatModel: 'qwen-plus' },
    hasKey: true,
    onDidChange: () => ({ dispose: () => undefined }),
  };
  const context = test.createExtensionContext({ globalStorage: storage });
  const log = new Log(new SecretRedactor());
  const services = { context, log, connection, usage: createUsageRecorder(context as unknown as vscode.ExtensionContext, log) } as unknown as Services;
  const windows = new WindowPresence(path.join(storage, 'windows'));
  await windows.start();
  const service = await ChatService.create(services, windows, health);
  return { service, windows, streams, requests, services };
}


const closeAfterTest = closeWindowsAfterEach();

async function window(storage: string, ...rest: Parameters<typeof openWindow> extends [unknown, ...infer R] ? R : never) {
  const opened_ = await openWindow(storage, ...rest);
  closeAfterTest(opened_.service, opened_.windows);
  return opened_;
}

describe('chat replies across crashes and errors (host, vscode double)', () => {
  it('a reply cut by a window reload reopens interrupted, its text kept, and can be continued', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'dashscope-chat-'));
    const first = await window(storage);
    const conversation = first.service.newConversation();
    await first.service.send(conversation.id, 'Tell me a story');
    await until(() => first.streams.length === 1, 'the reply started');
    first.streams[0]!.push('Once upon');
    // The window closes mid-reply: what it wrote while streaming is what the next window finds.
    await first.service.close();
    await first.windows.release();

    const second = await window(storage);
    const reopened = await second.service.initialConversation(conversation.id);
    const reply = reopened.messages.at(-1)!;
    assert.deepEqual([reply.status, reply.content], ['interrupted', 'Once upon']);
    assert.equal(second.service.state(reopened).busy, false, 'Enter sends, no Stop');

    const continuing = second.service.continueReply(conversation.id, reply.id);
    await until(() => second.streams.length === 1, 'continued');
    assert.deepEqual(second.requests[0]!.messages.at(-1), { role: 'assistant', content: 'Once upon', partial: true });
    second.streams[0]!.push(' a time');
    second.streams[0]!.end();
    await continuing;
    const done = (await second.service.initialConversation(conversation.id)).messages;
    assert.deepEqual([done.length, done.at(-1)!.content, done.at(-1)!.status], [2, 'Once upon a time', 'done']);
  });

  it('a reply streaming in another live window is neither interrupted nor stoppable here, and nothing is sent until it ends', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'dashscope-chat-'));
    const first = await window(storage);
    const conversation = first.service.newConversation();
    await first.service.send(conversation.id, 'Tell me a story');
    await until(() => first.streams.length === 1, 'the reply started');
    first.streams[0]!.push('Once');
    await first.service['saveCurrent'](conversation.id);
    const second = await window(storage);
    await second.windows.scan();
    const seen = await second.service.initialConversation(conversation.id);
    const shown = second.service.state(seen);
    assert.deepEqual([shown.conversation.messages.at(-1)!.status, shown.streamingElsewhere, shown.busy], ['streaming', true, false], 'streaming elsewhere, not here');
    assert.equal(await second.service.send(conversation.id, 'And another'), false, 'not sent while the other window answers');
    await second.service.regenerate(conversation.id, seen.messages.at(-1)!.id);
    assert.equal(second.streams.length, 0, 'nothing asked from this window');

    first.streams[0]!.end();
    await until(() => first.service.store.peek(conversation.id)!.messages.at(-1)!.status === 'done', 'the reply ended');
    await first.service['saveCurrent'](conversation.id);
    await second.service.store.reload();
    const after = second.service.state(await second.service.initialConversation(conversation.id));
    assert.deepEqual([after.conversation.messages.at(-1)!.status, after.streamingElsewhere], ['done', undefined]);
    assert.equal(await second.service.send(conversation.id, 'And another'), true, 'sent once it ended');
    await until(() => second.streams.length === 1, 'asked from this window');
    second.streams[0]!.end();
  });

  it('after a failed model list, fetches it again when the connection comes back', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'dashscope-chat-'));
    let up = false;
    const health = new ConnectionHealth(async () => undefined);
    const { service } = await window(storage, async () => {
      if (!up) throw new DashScopeError({ message: 'connect ECONNREFUSED 127.0.0.1:8787', code: ClientErrorCode.Network, endpoint: 'GET /models' });
      return [{ id: 'qwen3.6-plus' }];
    }, health);
    const conversation = service.newConversation();
    service.state(conversation);
    await until(() => service.state(conversation).modelsProblem !== undefined, 'the list failed');
    assert.match(service.state(conversation).modelsProblem!, /could not be reached/);
    assert.equal(health.state.reachable, false);
    up = true;
    health.succeeded();
    await until(() => service.state(conversation).modelsProblem === undefined && service.state(conversation).models.some((model) => model.id === 'qwen3.6-plus'), 'fetched again');
    health.dispose();
  });

  it('retry after a network error keeps the partial text until the new reply arrives, and keeps it when the retry fails', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'dashscope-chat-'));
    const { service, streams } = await window(storage);
    const conversation = service.newConversation();
    await service.send(conversation.id, 'Explain');
    await until(() => streams.length === 1, 'the reply started');
    streams[0]!.push('Partial answer');
    streams[0]!.fail(dropped());
    const last = () => service.store.peek(conversation.id)!.messages.at(-1)!;
    await until(() => last().status === 'error', 'the reply failed');
    const failedId = last().id;

    const retry = service.regenerate(conversation.id, failedId);
    await until(() => streams.length === 2, 'asked again');
    assert.deepEqual([last().id, last().content, last().status, last().error], [failedId, 'Partial answer', 'streaming', undefined], 'still shown while waiting');
    assert.equal(streams.length, 2);
    streams[1]!.fail(dropped());
    await retry;
    assert.deepEqual([last().id, last().content, last().status], [failedId, 'Partial answer', 'error'], 'a failed retry loses nothing');

    const again = service.regenerate(conversation.id, failedId);
    await until(() => streams.length === 3, 'asked a third time');
    streams[2]!.push('New');
    await until(() => last().content === 'New', 'replaced by the first new text');
    streams[2]!.end();
    await again;
    const messages = service.store.peek(conversation.id)!.messages;
    assert.deepEqual(messages.map((message) => [message.role, message.content, message.status]), [['user', 'Explain', undefined], ['assistant', 'New', 'done']]);
  });
});

describe('one conversation in several windows (host, vscode double)', () => {
  it('keeps the prompts and replies of two windows that asked in one conversation at the same time (lost one pair before)', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'dashscope-chat-'));
    const first = await window(storage);
    const conversation = first.service.newConversation();
    await first.service.send(conversation.id, 'Question one');
    await until(() => first.streams.length === 1, 'the first reply started');
    first.streams[0]!.push('Answer one');
    first.streams[0]!.end();
    await until(() => first.service.store.peek(conversation.id)!.messages.at(-1)!.status === 'done', 'the first reply ended');
    await first.service['saveCurrent'](conversation.id);

    const second = await window(storage);
    await second.service.initialConversation(conversation.id);
    // Both ask before either window has seen the other's prompt.
    assert.equal(await first.service.send(conversation.id, 'From window A'), true);
    assert.equal(await second.service.send(conversation.id, 'From window B'), true);
    await until(() => first.streams.length === 2 && second.streams.length === 1, 'both replies started');
    first.streams[1]!.push('Reply in A');
    second.streams[0]!.push('Reply in B');
    first.streams[1]!.end();
    second.streams[0]!.end();
    const finished = (service: ChatService) => service.store.peek(conversation.id)!.messages.filter((message) => message.status === 'done').length;
    await until(() => finished(first.service) >= 2 && finished(second.service) >= 2, 'both replies ended');
    await Promise.all([first.service['saveCurrent'](conversation.id), second.service['saveCurrent'](conversation.id)]);

    const third = await window(storage);
    const contents = (await third.service.initialConversation(conversation.id)).messages.map((message) => message.content);
    assert.deepEqual([...contents].sort(), ['Answer one', 'From window A', 'From window B', 'Question one', 'Reply in A', 'Reply in B']);
    assert.deepEqual(contents.slice(0, 2), ['Question one', 'Answer one']);
    assert.equal(contents[contents.indexOf('From window A') + 1], 'Reply in A', 'each prompt is followed by its reply');
    assert.equal(contents[contents.indexOf('From window B') + 1], 'Reply in B');
  });

  it('a chat page stays on a new conversation asked for while its first state was still being read', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'dashscope-chat-'));
    const first = await window(storage);
    const earlier = first.service.newConversation();
    await first.service.send(earlier.id, 'An earlier question');
    await until(() => first.streams.length === 1, 'the reply started');
    first.streams[0]!.end();
    await until(() => first.service.store.list().length === 1, 'listed');

    const second = await window(storage);
    const { store } = second.service;
    const read = store.get.bind(store);
    let release: () => void = () => undefined;
    const slowRead = new Promise<void>((resolve) => (release = resolve));
    let staleReadDone: () => void = () => undefined;
    const staleRead = new Promise<void>((resolve) => (staleReadDone = resolve));
    store.get = async (id) => {
      if (id !== earlier.id) return read(id);
      await slowRead;
      const found = await read(id);
      setImmediate(staleReadDone);
      return found;
    };
    const webview = new test.FakeWebview();
    const view = new ChatView(webview as unknown as vscode.Webview, { services: second.services, service: second.service, editors: new EditorTracker(), visible: () => true });
    webview.receive({ type: 'ready' });
    await view.newConversation();
    release();
    await staleRead;
    await new Promise((resolve) => setImmediate(resolve));
    const shownIds = webview.posted.flatMap((message) => {
      const { method, params } = message as { method?: string; params?: { conversation: { id: string } } };
      return method === 'state' && params ? [params.conversation.id] : [];
    });
    assert.ok(shownIds.length >= 1, 'a state was sent');
    assert.notEqual(shownIds.at(-1), earlier.id, 'the page shows the new conversation, not the one read for its first state');
    assert.notEqual(await view.conversationId(), earlier.id, 'and a prompt sent now goes to the new conversation');
    view.dispose();
  });
});
