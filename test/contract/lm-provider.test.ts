import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import type { DashScopeClient } from '../../src/dashscope';
import { DashScopeChatProvider } from '../../src/extension/lm/dashscopeChatProvider';
import type { DashScopeModelInformation } from '../../src/extension/lm/lmModels';
import { ToolMode, type LanguageModelChatRequestMessage, type LanguageModelResponsePart, type ProvideLanguageModelChatResponseOptions } from '../../src/extension/lm/vscodeLmApi';
import type { Services } from '../../src/extension/services';
import { UsageLedger } from '../../src/extension/usage/usageLedger';
import { UsageRecorder } from '../../src/extension/usage/usageRecorder';
import { harness, type Harness } from './client-helpers';

const test = vscode as unknown as typeof double;
const user = (...content: unknown[]): LanguageModelChatRequestMessage => ({ role: 1, content, name: undefined });
const assistant = (...content: unknown[]): LanguageModelChatRequestMessage => ({ role: 2, content, name: undefined });
const text = (value: string) => new test.LanguageModelTextPart(value);
const AUTO: ProvideLanguageModelChatResponseOptions = { toolMode: ToolMode.Auto };

/** The provider over a client of the simulator (or no key), with what it logs kept. */
function providerWith(client: DashScopeClient | undefined) {
  const changed = new test.EventEmitter<void>();
  const logged: string[] = [];
  const services = {
    connection: { client: async () => client, onDidChange: changed.event, settings: { plan: 'payg', region: 'cn' } },
    log: { info: (line: string) => logged.push(line), warn: (line: string) => logged.push(line) },
    usage: new UsageRecorder(new UsageLedger(mkdtempSync(path.join(tmpdir(), 'dashscope-usage-')), { onProblem: (line) => logged.push(line) })),
  } as unknown as Services;
  return { provider: new DashScopeChatProvider(services), changed, logged };
}

async function respond(provider: DashScopeChatProvider, model: DashScopeModelInformation, messages: LanguageModelChatRequestMessage[], options = AUTO, token = new test.CancellationTokenSource().token) {
  const parts: LanguageModelResponsePart[] = [];
  await provider.provideLanguageModelChatResponse(model, messages, options, { report: (part) => parts.push(part) }, token as vscode.CancellationToken);
  return parts;
}

const texts = (parts: readonly LanguageModelResponsePart[]) => parts.filter((part) => part instanceof test.LanguageModelTextPart).map((part) => (part as { value: string }).value);
const lastChatBody = (h: Harness) => JSON.parse(h.sim.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!.body) as Record<string, unknown>;

describe('language model provider against the simulator', () => {
  let h: Harness;
  let models: DashScopeModelInformation[];
  const find = (id: string) => models.find((model) => model.id === id)!;
  before(async () => {
    h = await harness({ clock: 'real' });
    models = await providerWith(h.client).provider.provideLanguageModelChatInformation({ silent: true });
  });
  after(() => h.close());
  afterEach(() => test.resetVscode());

  it('lists the account\'s chat models, and none without a key (asking to set one only when not silent)', async () => {
    assert.ok(find('qwen-plus') && find('qwen3-coder-plus') && find('qwen-vl-max').capabilities.imageInput);
    assert.ok(!models.some((model) => /image|tts|asr|embedding/.test(model.id)));
    const none = providerWith(undefined).provider;
    assert.deepEqual(await none.provideLanguageModelChatInformation({ silent: true }), []);
    assert.equal(test.ui.messages('info').length, 0);
    assert.deepEqual(await none.provideLanguageModelChatInformation({ silent: false }), []);
    assert.match(test.ui.messages('info').join('\n'), /API key/);
  });

  it('streams a reply as text parts, asking for usage and (for optional thinkers) no thinking', async () => {
    const { provider, logged } = providerWith(h.client);
    const parts = await respond(provider, find('qwen3-32b'), [user(text('[[sim:pace=5]] hello from the editor'))]);
    assert.ok(texts(parts).length > 1);
    assert.match(texts(parts).join(''), /hello from the editor/);
    const body = lastChatBody(h);
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(body.enable_thinking, false);
    assert.match(logged.join('\n'), /usage .*total_tokens/);
  });

  it('assembles a streamed tool call into one tool call part, then answers from the tool\'s result', async () => {
    const { provider } = providerWith(h.client);
    const tools = [{ name: 'readFile', description: 'Reads a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } }];
    const first = await respond(provider, find('qwen3-coder-plus'), [user(text('Use the tool to read a.ts'))], { tools, toolMode: ToolMode.Auto });
    const calls = first.filter((part) => part instanceof test.LanguageModelToolCallPart) as unknown as { callId: string; name: string; input: object }[];
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.name, 'readFile');
    assert.deepEqual(calls[0]!.input, { path: 'sample path' });
    assert.match(calls[0]!.callId, /^call_/);

    const second = await respond(provider, find('qwen3-coder-plus'), [
      user(text('Use the tool to read a.ts')),
      assistant(new test.LanguageModelToolCallPart(calls[0]!.callId, 'readFile', calls[0]!.input)),
      user(new test.LanguageModelToolResultPart(calls[0]!.callId, [text('export const a = 1;')])),
    ], { tools, toolMode: ToolMode.Auto });
    assert.match(texts(second).join(''), /readFile returned export const a = 1;/);
    const sent = (lastChatBody(h).messages as { role: string; tool_call_id?: string }[]).map((message) => message.role);
    assert.deepEqual(sent, ['user', 'assistant', 'tool']);
  });

  it('fails with the service\'s message and code', async () => {
    const { provider } = providerWith(h.client);
    await assert.rejects(respond(provider, { ...find('qwen-plus'), id: 'wanx-nonexistent' }, [user(text('hi'))]), /does not exist.*\(model_not_found, request /);
    await assert.rejects(respond(provider, find('qwen-plus'), [user(text('hi')), { role: 1, content: [new test.LanguageModelToolResultPart('call_unknown', [text('x')])], name: undefined }]), /must be a response to a preceding message.*invalid_parameter_error/);
  });

  it('stops streaming when VS Code cancels, without an error', async () => {
    const { provider } = providerWith(h.client);
    const source = new test.CancellationTokenSource();
    const parts: LanguageModelResponsePart[] = [];
    const started = Date.now();
    await provider.provideLanguageModelChatResponse(find('qwen-plus'), [user(text('[[sim:long=400]][[sim:pace=10]] go'))], AUTO, {
      report: (part) => {
        parts.push(part);
        if (parts.length === 3) source.cancel();
      },
    }, source.token as vscode.CancellationToken);
    assert.ok(parts.length < 10, `${parts.length} parts after cancelling`);
    assert.ok(Date.now() - started < 2000);
  });
});
