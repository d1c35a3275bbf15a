import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { DashScopeError, type ChatStreamEvent } from '../../src/dashscope';
import { harness, type Harness } from './client-helpers';

describe('chat against the simulator', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  const user = (content: string) => [{ role: 'user' as const, content }];

  it('lists models', async () => {
    const models = await h.client.models.list();
    assert.ok(models.some((m) => m.id === 'qwen-plus'));
  });

  it('answers a non-streaming completion with usage and request id', async () => {
    const completion = await h.client.chat.create({ model: 'qwen-plus', messages: user('hello') });
    assert.match(completion.choices[0]!.message.content ?? '', /hello/);
    assert.equal(completion.id, `chatcmpl-${completion.request_id}`);
    assert.ok(completion.usage!.total_tokens > 0);
  });

  it('streams content, reasoning, finish and the final usage chunk in order', async () => {
    const stream = h.client.chat.stream({ model: 'qwen-plus', messages: user('think about it'), enable_thinking: true });
    const kinds: string[] = [];
    for await (const event of stream) if (kinds.at(-1) !== event.type) kinds.push(event.type);
    assert.deepEqual(kinds, ['role', 'reasoning', 'content', 'finish', 'usage']);
    const result = await stream.final();
    assert.match(result.reasoning, /The user asked/);
    assert.match(result.content, /think about it/);
    assert.equal(result.finishReason, 'stop');
    assert.ok(result.usage);
  });

  it('keeps Chinese intact when the stream splits a character across writes', async () => {
    const result = await h.client.chat.stream({ model: 'qwen-plus', messages: user('你好，世界') }).final();
    assert.match(result.content, /你好！这是 DashScope 模拟器/);
    assert.ok(!result.content.includes('\uFFFD'));
  });

  it('assembles tool calls without letting continuation fragments erase the id and name', async () => {
    const stream = h.client.chat.stream({ model: 'qwen-plus', messages: user('what is the weather?'), tools: [{ type: 'function', function: { name: 'get_current_weather', parameters: {} } }] });
    const calls: ChatStreamEvent[] = [];
    for await (const event of stream) if (event.type === 'toolCall') calls.push(event);
    assert.equal(calls.length, 2);
    const result = await stream.final();
    assert.equal(result.finishReason, 'tool_calls');
    assert.equal(result.toolCalls.length, 1);
    assert.match(result.toolCalls[0]!.id, /^call_/);
    assert.equal(result.toolCalls[0]!.function.name, 'get_current_weather');
    assert.deepEqual(JSON.parse(result.toolCalls[0]!.function.arguments), { location: 'Hangzhou', unit: 'celsius' });
  });

  it('streams instead of failing when thinking is asked of a model that refuses it without streaming', async () => {
    await assert.rejects(h.client.chat.create({ model: 'qwen3-32b', messages: user('hi'), enable_thinking: true }), (error: DashScopeError) => {
      assert.equal(error.code, 'invalid_parameter_error');
      return true;
    });
    const result = await h.client.chat.send({ model: 'qwen3-32b', messages: user('hi'), enable_thinking: true });
    assert.ok(result.reasoning.length > 0 && result.content.length > 0);
  });

  it('reports an error frame inside an HTTP 200 stream as a DashScopeError', async () => {
    const stream = h.client.chat.stream({ model: 'qwen-plus', messages: user('[[sim:stream-error]] tell me more') });
    await assert.rejects(stream.final(), (error: DashScopeError) => error instanceof DashScopeError && error.code === 'data_inspection_failed');
    assert.ok(stream.result().content.length > 0, 'what arrived before the error is kept');
  });

  it('surfaces a stream cut mid-way and keeps what arrived', async () => {
    const stream = h.client.chat.stream({ model: 'qwen-plus', messages: user('[[sim:cut]] [[sim:long=50]]') });
    await assert.rejects(stream.final());
    assert.ok(stream.result().content.length > 0);
  });

  it('retries a stream only before its first byte', async () => {
    const chatRequests = () => h.sim.requests.filter((r) => r.path.includes('chat/completions')).length;
    let before = chatRequests();
    h.sim.injectFault({ fault: '503', times: 1, path: 'chat/completions' });
    assert.match((await h.client.chat.stream({ model: 'qwen-plus', messages: user('again please') }).final()).content, /again please/);
    assert.equal(chatRequests() - before, 2, 'refused before streaming: sent again');
    before = chatRequests();
    await assert.rejects(h.client.chat.stream({ model: 'qwen-plus', messages: user('[[sim:cut]] [[sim:long=50]]') }).final());
    assert.equal(chatRequests() - before, 1, 'cut after the first byte: not sent again');
  });

  it('aborts a long stream promptly', async () => {
    const controller = new AbortController();
    const stream = h.client.chat.stream({ model: 'qwen-plus', messages: user('[[sim:long=200000]]') }, { signal: controller.signal });
    let count = 0;
    await assert.rejects((async () => {
      for await (const event of stream) {
        if (event.type === 'content' && ++count === 100) controller.abort();
      }
    })(), (error: Error) => error.name === 'AbortError');
    assert.ok(count >= 100 && count < 200_000);
  });

  it('streams the native protocol, incremental or not, with errors as events', async () => {
    const whole = await h.client.generation.stream({ model: 'qwen-plus', messages: user('native please'), parameters: { incremental_output: false } }).final();
    const pieces = await h.client.generation.stream({ model: 'qwen-plus', messages: user('native please') }).final();
    assert.equal(whole.content, pieces.content);
    assert.match(whole.content, /native please/);
    assert.equal(whole.finishReason, 'stop');
    const plain = await h.client.generation.call({ model: 'qwen-plus', messages: user('native please') });
    assert.equal(plain.content, whole.content);
    await assert.rejects(h.client.generation.stream({ model: 'qwen-plus', messages: user('[[sim:stream-error]] x y z') }).final(),
      (error: DashScopeError) => error.code === 'DataInspectionFailed' && error.status === 400);
  });

  it('is accepted by the openai package too (fidelity of the simulator)', async () => {
    const openai = new OpenAI({ apiKey: h.sim.keyFor('cn'), baseURL: `${h.sim.regionOrigin('cn')}/compatible-mode/v1`, maxRetries: 0 });
    const completion = await openai.chat.completions.create({ model: 'qwen-plus', messages: user('hello') });
    assert.match(completion.choices[0]!.message.content ?? '', /hello/);
    const stream = await openai.chat.completions.create({ model: 'qwen-plus', messages: user('stream'), stream: true, stream_options: { include_usage: true } });
    let text = '';
    let usage = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage?.total_tokens ?? usage;
    }
    assert.match(text, /stream/);
    assert.ok(usage > 0);
    const wrong = new OpenAI({ apiKey: h.sim.keyFor('intl'), baseURL: `${h.sim.regionOrigin('cn')}/compatible-mode/v1`, maxRetries: 0 });
    await assert.rejects(wrong.models.list(), (error: unknown) => error instanceof OpenAI.AuthenticationError);
    await assert.rejects(openai.chat.completions.create({ model: 'qwen-plus', messages: user('[[sim:429]]') }), (error: unknown) => error instanceof OpenAI.RateLimitError);
  });
});
