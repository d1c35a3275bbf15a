import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { DashScopeClient } from '../../src/dashscope';
import { registerApps } from '../../src/extension/apps/registerApps';
import { Commands } from '../../src/extension/ids';
import { ChatService } from '../../src/extension/chat/chatService';
import { ConnectionHealth } from '../../src/extension/connectionState';
import { Log } from '../../src/extension/log';
import { SecretRedactor } from '../../src/extension/secretRedactor';
import type { Services } from '../../src/extension/services';
import { createUsageRecorder } from '../../src/extension/usage/registerUsage';
import { WindowPresence } from '../../src/extension/windowPresence';
import { startSimulator, type Simulator } from '../simulator';
import { closeWindowsAfterEach, until } from './hostWindows';

const test = vscode as unknown as typeof double;
const APP = '0123456789abcdef0123456789abcdef';

describe('chat with a Bailian application (host, vscode double, simulator)', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ rateLimits: false });
  });
  after(() => sim.close());
  const closeAfterTest = closeWindowsAfterEach();

  /** One window: the chat service over `storage` and the application commands, talking to the simulator. */
  async function window(storage: string, globalState?: vscode.Memento, withCommands = true) {
    const connection = {
      client: async () => new DashScopeClient({ apiKey: sim.keyFor('cn'), baseUrl: sim.regionOrigin('cn'), retry: { maxAttempts: 1 } }),
      settings: { region: 'cn', plan: 'payg', chatModel: 'qwen-plus' },
      hasKey: true,
      onDidChange: () => ({ dispose: () => undefined }),
    };
    const context = test.createExtensionContext({ globalStorage: storage });
    if (globalState) Object.assign(context, { globalState });
    const log = new Log(new SecretRedactor());
    const services = { context, log, connection, usage: createUsageRecorder(context as unknown as vscode.ExtensionContext, log) } as unknown as Services;
    const windows = new WindowPresence(path.join(storage, 'windows'));
    await windows.start();
    const service = await ChatService.create(services, windows, new ConnectionHealth(async () => undefined));
    closeAfterTest(service, windows);
    let shown: string | undefined;
    const commands = withCommands ? registerApps(services, { service, open: async (id) => ((shown = id ?? shown), { conversationId: async () => shown! }) }) : [];
    closeAfterTest({ dispose: () => commands.forEach((command) => command.dispose()) }, new WindowPresence(path.join(storage, 'unused')));
    return { service, services, context, shown: () => shown!, show: (id: string) => (shown = id) };
  }

  const appBodies = () => sim.requests.filter((request) => request.path.endsWith(`/apps/${APP}/completion`)).map((request) => JSON.parse(request.body) as { input: Record<string, unknown> });

  async function turn(service: ChatService, conversationId: string, text: string) {
    assert.ok(await service.send(conversationId, text));
    await until(() => service.store.peek(conversationId)?.messages.at(-1)?.status !== 'streaming' && service.store.peek(conversationId)?.messages.length !== 0 && service.store.peek(conversationId)?.messages.at(-1)?.role === 'assistant', 'the reply ended');
    return service.store.peek(conversationId)!.messages.at(-1)!;
  }

  it('adds an application, lists it by name, and keeps its session across turns and a reload', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'dashscope-apps-'));
    const first = await window(storage);
    const answers = [`  ${APP} `, 'Support bot'];
    test.ui.respond((prompt) => {
      if (prompt.kind !== 'inputBox') return undefined;
      if (answers.length === 2) assert.ok(prompt.validate?.('not-an-id'), 'a bad id is refused');
      return answers.shift();
    });
    await vscode.commands.executeCommand(Commands.addApp);
    const conversationId = first.shown();
    const conversation = await first.service.initialConversation(conversationId);
    assert.equal(conversation.settings.model, `app:${APP}`);
    assert.deepEqual(first.service.state(conversation).models[0], { id: `app:${APP}`, label: 'Support bot', vision: false, thinking: 'never', contextWindow: 131_072, known: true });

    const reply = await turn(first.service, conversationId, 'What is DashScope?');
    assert.equal(reply.status, 'done');
    assert.match(reply.content, /^The application answered: What is DashScope\?/);
    assert.deepEqual(reply.references?.map(({ title, source }) => [title, source]), [['Simulator handbook', 'handbook.pdf']]);
    assert.match(reply.references![0]!.text, /^What the handbook says/);
    assert.equal(reply.appName, 'Support bot', 'the reply is shown as from the application, by name');
    const saved = first.service.store.peek(conversationId)!;
    first.service.store.remember({ ...saved, messages: saved.messages.map(({ appName: _name, ...message }) => message) });
    assert.equal(first.service.state(saved).conversation.messages.at(-1)!.appName, 'Support bot', 'a reply saved before names were kept is shown by name too');
    assert.match(reply.reasoning ?? '', /\*\*knowledge retrieval\*\* \(retrieval\)/);
    const session = first.service.store.peek(conversationId)!.app?.sessionId;
    assert.ok(session, 'the session is kept with the conversation');
    assert.equal(appBodies().at(-1)!.input.session_id, undefined, 'the first turn starts a session');

    const second = await turn(first.service, conversationId, 'And then?');
    assert.match(second.content, /\(turn 2\): And then\?/);
    assert.equal(appBodies().at(-1)!.input.session_id, session);
    await first.service.close();

    const reloaded = await window(storage, first.context.globalState, false);
    assert.equal(reloaded.service.state(await reloaded.service.initialConversation(conversationId)).models[0]?.label, 'Support bot');
    await reloaded.service.initialConversation(conversationId);
    const third = await turn(reloaded.service, conversationId, 'Still there?');
    assert.match(third.content, /\(turn 3\): Still there\?/);
    assert.equal(appBodies().at(-1)!.input.session_id, session);
    await reloaded.services.usage.ledger.flush();
    const { entries } = await reloaded.services.usage.ledger.read(0, Date.now() + 1000);
    assert.ok(entries.some((entry) => entry.model === 'qwen-plus' && entry.kind === 'chat' && (entry.usage.outputTokens ?? 0) > 0), 'the application\'s model usage is in the ledger');
  });

  it('sends the conversation\'s custom variables, refusing text that is not a JSON object', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'dashscope-apps-'));
    const opened = await window(storage);
    const conversation = opened.service.newConversation();
    await opened.service.updateSettings(conversation.id, { model: `app:${APP}` });
    await opened.service.updateApp(conversation.id, { appId: APP });
    const problems: unknown[] = [];
    test.ui.respond((prompt) => {
      if (prompt.kind !== 'inputBox') return undefined;
      problems.push(prompt.validate?.('[1, 2]'), prompt.validate?.('{"city":'), prompt.validate?.('{"city": "Hangzhou"}'));
      return '{"city": "Hangzhou"}';
    });
    opened.show(conversation.id);
    await vscode.commands.executeCommand(Commands.setAppVariables);
    assert.deepEqual(problems.map(Boolean), [true, true, false]);
    assert.deepEqual(opened.service.store.peek(conversation.id)!.app?.variables, { city: 'Hangzhou' });
    const reply = await turn(opened.service, conversation.id, 'Weather?');
    assert.match(reply.content, /Weather\? \[variables: city="Hangzhou"\]/);
    assert.deepEqual(appBodies().at(-1)!.input.biz_params, { city: 'Hangzhou' });
  });

  it('shows an application\'s error plainly, with the service\'s message and code', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'dashscope-apps-'));
    const opened = await window(storage);
    const conversation = opened.service.newConversation();
    await opened.service.updateSettings(conversation.id, { model: `app:${APP}` });
    const reply = await turn(opened.service, conversation.id, 'hello [[sim:app-not-published]]');
    assert.equal(reply.status, 'error');
    assert.match(reply.error?.message ?? '', /has not been published.*\[FlowNotPublished\]/);
  });
});
