import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MockAgent } from 'undici';
import { DashScopeClient } from '../../src/dashscope';
import { decodeCompatible } from '../../src/dashscope/chat';
import { DeltaTemplate } from '../../src/dashscope/deltaTemplate';
import { DashScopeError } from '../../src/dashscope/errors';
import { ChatStream, type ChatStreamEvent } from '../../src/dashscope/replyStream';

const head = '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"qwen-plus","usage":null,"choices":[{"index":0,"delta":';
const tail = ',"finish_reason":null,"logprobs":null}],"system_fingerprint":null}';
const chunk = (delta: unknown, extra = '') => `${head}${JSON.stringify(delta)}${tail.replace('"finish_reason":null', extra || '"finish_reason":null')}`;
const text = (content: string) => chunk({ content, role: null });

/** An SSE body delivered in network reads of the given sizes (bytes), so frames and characters split anywhere. */
function body(frames: readonly string[], readSize = 64): () => Promise<{ endpoint: string; body: AsyncIterable<Uint8Array>; requestId: string }> {
  const bytes = new TextEncoder().encode(frames.map((data) => `data: ${data}\n\n`).join(''));
  return async () => ({
    endpoint: 'POST /test',
    requestId: 'req-1',
    body: (async function* () {
      for (let offset = 0; offset < bytes.length; offset += readSize) yield bytes.subarray(offset, offset + readSize);
    })(),
  });
}

async function collect(stream: ChatStream): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('DeltaTemplate', () => {
  const learned = () => {
    const template = new DeltaTemplate('content');
    template.learn(text('Hello'), 'Hello');
    return template;
  };

  it('answers chunks of the learned shape with the text JSON.parse would give', () => {
    const template = learned();
    for (const value of ['world', '', '你好，世界', 'a b c', '😀 emoji']) {
      const data = text(value);
      assert.equal(template.match(data), value);
      assert.equal(template.match(data), (JSON.parse(data) as { choices: { delta: { content: string } }[] }).choices[0]!.delta.content);
    }
  });

  it('leaves escapes, other shapes and errors to the full parser', () => {
    const template = learned();
    assert.equal(template.match(text('line\nbreak')), undefined, 'escaped newline');
    assert.equal(template.match(text('say "hi"')), undefined, 'escaped quote');
    assert.equal(template.match(text('back\\slash')), undefined, 'escaped backslash');
    assert.equal(template.match(chunk({ content: 'x' }, '"finish_reason":"stop"')), undefined, 'finish chunk');
    assert.equal(template.match(chunk({ content: 'x', role: 'assistant' })), undefined, 'role chunk');
    assert.equal(template.match('{"error":{"message":"m","code":"c"}}'), undefined, 'error frame');
    assert.equal(template.match(text('x').replace('"id":"chatcmpl-1"', '"id":"chatcmpl-2"')), undefined, 'another reply');
  });

  it('learns nothing from a chunk where the field is not unique or the value needs escapes', () => {
    const twice = new DeltaTemplate('content');
    const nested = `${head}{"content":"a","role":null},"extra":{"content":"a"}${tail}`;
    twice.learn(nested, 'a');
    assert.equal(twice.match(nested), undefined);
    const escaped = new DeltaTemplate('content');
    escaped.learn(text('a\nb'), 'a\nb');
    assert.equal(escaped.match(text('plain')), undefined);
  });
});

describe('ChatStream over compatible-mode chunks', () => {
  it('gives the same text through the template as through full parsing, whatever the read size', async () => {
    const words = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? `"quoted ${i}"\n` : i % 5 === 0 ? `中文${i} ` : `w${i} `));
    const frames = [chunk({ content: '', role: 'assistant' }), ...words.map(text), chunk({ content: '' }, '"finish_reason":"stop"'), '[DONE]'];
    for (const size of [1, 7, 64, 100_000]) {
      const stream = new ChatStream(body(frames, size), decodeCompatible());
      const events = await collect(stream);
      const result = stream.result();
      assert.equal(result.content, words.join(''), `read size ${size}`);
      assert.equal(events.filter((e) => e.type === 'content').map((e) => (e as { text: string }).text).join(''), words.join(''));
      assert.equal(result.finishReason, 'stop');
      assert.equal(result.id, 'chatcmpl-1');
      assert.equal(result.requestId, 'req-1');
    }
  });

  it('delivers the text of one network read as one event, in order with the other deltas', async () => {
    const frames = [
      chunk({ content: null, reasoning_content: '', role: 'assistant' }),
      chunk({ content: null, reasoning_content: 'think ' }),
      chunk({ content: null, reasoning_content: 'more' }),
      text('answer '),
      text('here'),
      chunk({ content: '' }, '"finish_reason":"stop"'),
      '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"qwen-plus","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}',
      '[DONE]',
    ];
    const events = await collect(new ChatStream(body(frames, 100_000), decodeCompatible()));
    assert.deepEqual(events, [
      { type: 'role', role: 'assistant' },
      { type: 'reasoning', text: 'think more' },
      { type: 'content', text: 'answer here' },
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } },
    ]);
  });

  it('assembles parallel tool calls; continuation fragments with empty id and name keep the first ones', async () => {
    const call = (index: number, id: string, name: string | undefined, args: string) =>
      chunk({ content: null, tool_calls: [{ index, id, type: 'function', function: { ...(name === undefined ? {} : { name }), arguments: args } }] });
    const frames = [
      chunk({ content: '', role: 'assistant' }),
      call(0, 'call_a', 'get_weather', '{"city":'),
      call(1, 'call_b', 'get_time', ''),
      call(0, '', '', '"Hangzhou"}'),
      call(1, '', undefined, '{"zone":"UTC+8"}'),
      chunk({ content: '' }, '"finish_reason":"tool_calls"'),
      '[DONE]',
    ];
    const stream = new ChatStream(body(frames, 13), decodeCompatible());
    const fragments = (await collect(stream)).filter((e) => e.type === 'toolCall');
    assert.equal(fragments.length, 4);
    assert.deepEqual(stream.result().toolCalls, [
      { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Hangzhou"}' } },
      { id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{"zone":"UTC+8"}' } },
    ]);
    assert.equal(stream.result().finishReason, 'tool_calls');
  });

  it('throws the error frames of an HTTP 200 stream as DashScopeError and keeps the text before them', async () => {
    const shapes = [
      '{"error":{"message":"Input data may contain inappropriate content.","type":"data_inspection_failed","code":"data_inspection_failed"},"id":"chatcmpl-1"}',
      '{"code":"invalid_model_error","message":"Unsupported model","request_id":"r-9"}',
    ];
    for (const error of shapes) {
      const stream = new ChatStream(body([chunk({ content: '', role: 'assistant' }), text('partial '), text('answer'), error], 100_000), decodeCompatible());
      await assert.rejects(stream.final(), (e: unknown) => e instanceof DashScopeError && e.status === 200 && e.code !== '' && /inappropriate|Unsupported/.test(e.message));
      assert.equal(stream.result().content, 'partial answer');
    }
  });

  it('names the field when a chunk does not fit the schema', async () => {
    const stream = new ChatStream(body(['{"id":"x","choices":"nope"}'], 100), decodeCompatible());
    await assert.rejects(stream.final(), (e: unknown) => e instanceof DashScopeError && /field "choices"/.test(e.message) && /chat\/completions/.test(e.message));
  });

  it('closes the connection when the reader stops early, and can be read once', async () => {
    let closed = false;
    const frames = [chunk({ content: '', role: 'assistant' }), ...Array.from({ length: 50 }, (_, i) => text(`t${i} `)), '[DONE]'];
    const open = body(frames, 40);
    const stream = new ChatStream(async () => {
      const opened = await open();
      return { endpoint: opened.endpoint, requestId: opened.requestId, body: (async function* () {
        try {
          yield* opened.body;
        } finally {
          closed = true;
        }
      })() };
    }, decodeCompatible());
    for await (const event of stream) if (event.type === 'content') break;
    assert.equal(closed, true);
    assert.throws(() => stream[Symbol.asyncIterator]());
  });
});

describe('native streams (X-DashScope-SSE)', () => {
  const nativeEvent = (id: number, message: Record<string, unknown>, finish: string, outputTokens: number, event = 'result', status = 200) =>
    `id:${id}\nevent:${event}\n:HTTP_STATUS/${status}\ndata:${JSON.stringify({ output: { choices: [{ finish_reason: finish, message: { role: 'assistant', ...message } }] }, usage: { input_tokens: 5, output_tokens: outputTokens, total_tokens: 5 + outputTokens }, request_id: 'r-7' })}\n\n`;

  function clientFor(sse: string) {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('http://native.test').intercept({ path: '/api/v1/services/aigc/text-generation/generation', method: 'POST' })
      .reply(200, sse, { headers: { 'content-type': 'text/event-stream;charset=UTF-8', 'x-request-id': 'r-7' } });
    return new DashScopeClient({ apiKey: 'sk-sim-cn-native-unit', baseUrl: 'http://native.test', dispatcher: agent });
  }

  it('reads text, tool-call fragments, the "null" finish reason and the last cumulative usage', async () => {
    const sse = nativeEvent(1, { content: 'Hel' }, 'null', 1)
      + nativeEvent(2, { content: 'lo' }, 'null', 2)
      + nativeEvent(3, { content: '', tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":' } }] }, 'null', 3)
      + nativeEvent(4, { content: '', tool_calls: [{ index: 0, id: '', type: 'function', function: { arguments: '"x"}' } }] }, 'tool_calls', 4);
    const stream = clientFor(sse).generation.stream({ model: 'qwen-plus', messages: [{ role: 'user', content: 'hi' }] });
    const events = await collect(stream);
    assert.deepEqual(events.map((e) => e.type), ['content', 'toolCall', 'toolCall', 'finish', 'usage']);
    const result = stream.result();
    assert.equal(result.content, 'Hello');
    assert.deepEqual(result.toolCalls, [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }]);
    assert.equal(result.finishReason, 'tool_calls');
    assert.deepEqual(result.usage, { input_tokens: 5, output_tokens: 4, total_tokens: 9 });
  });

  it('turns whole-text-so-far events into deltas when incremental output is off', async () => {
    const sse = nativeEvent(1, { content: 'Hel' }, 'null', 1) + nativeEvent(2, { content: 'Hello' }, 'null', 2) + nativeEvent(3, { content: 'Hello!' }, 'stop', 3);
    const stream = clientFor(sse).generation.stream({ model: 'qwen-plus', messages: [{ role: 'user', content: 'hi' }], parameters: { incremental_output: false } });
    assert.equal((await stream.final()).content, 'Hello!');
  });

  it('raises an error event under HTTP 200 with its per-event status and code', async () => {
    const sse = nativeEvent(1, { content: 'Hel' }, 'null', 1)
      + 'id:2\nevent:error\n:HTTP_STATUS/400\ndata:{"code":"DataInspectionFailed","message":"Output data may contain inappropriate content.","request_id":"r-7"}\n\n';
    const stream = clientFor(sse).generation.stream({ model: 'qwen-plus', messages: [{ role: 'user', content: 'hi' }] });
    await assert.rejects(stream.final(), (e: unknown) => e instanceof DashScopeError && e.status === 400 && e.code === 'DataInspectionFailed' && e.requestId === 'r-7' && !e.retryable);
    assert.equal(stream.result().content, 'Hel');
  });
});
