import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type Simulator } from '../simulator';
import { compatEvents, nativeEvents, raw } from '../simulator/testClient';

const CHAT = '/compatible-mode/v1/chat/completions';
const TEXT = '/api/v1/services/aigc/text-generation/generation';
const MULTIMODAL = '/api/v1/services/aigc/multimodal-generation/generation';
const SSE = { 'x-dashscope-sse': 'enable' };
const user = (content: string) => [{ role: 'user', content }];
type Chunk = { id: string; object: string; model: string; usage: unknown; choices: { index: number; delta: Record<string, unknown>; finish_reason: string | null }[] };

/** Whether a byte chunk ends inside a multi-byte UTF-8 character. */
function endsMidCharacter(chunk: Buffer): boolean {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const byte = chunk[chunk.length - back]!;
    if (byte < 0x80) return false;
    if (byte >= 0xc0) return back < (byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2);
  }
  return false;
}

describe('simulator: chat', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ clock: 'manual', rateLimits: false });
  });
  after(() => sim.close());

  describe('compatible mode', () => {
    it('answers non-streaming calls in the chat.completion shape, id = chatcmpl- + request id', async () => {
      const response = await raw(sim, CHAT, { body: { model: 'qwen-plus', messages: user('hello there') } });
      assert.equal(response.status, 200);
      const body = response.json<{ id: string; object: string; model: string; created: number; choices: { finish_reason: string; index: number; message: { role: string; content: string } }[]; usage: Record<string, unknown> }>();
      assert.equal(body.id, `chatcmpl-${response.headers['x-request-id']}`);
      assert.equal(body.object, 'chat.completion');
      assert.equal(body.model, 'qwen-plus');
      assert.equal(body.created, Math.floor(sim.now() / 1000));
      assert.equal(body.choices[0]!.finish_reason, 'stop');
      assert.equal(body.choices[0]!.message.role, 'assistant');
      assert.match(body.choices[0]!.message.content, /hello there/);
      assert.ok(!('request_id' in body), 'no request_id in a compatible success body');
      const usage = body.usage as { prompt_tokens: number; completion_tokens: number; total_tokens: number; prompt_tokens_details: { cached_tokens: number } };
      assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
      assert.equal(usage.prompt_tokens_details.cached_tokens, 0);
    });

    it('replies deterministically, with a fenced code block when asked for code and Chinese to Chinese', async () => {
      const ask = async (content: string) => (await raw(sim, CHAT, { body: { model: 'qwen-plus', messages: user(content) } })).json<{ choices: { message: { content: string } }[] }>().choices[0]!.message.content;
      assert.equal(await ask('same prompt'), await ask('same prompt'));
      assert.match(await ask('write some code please'), /```typescript\n[\s\S]+\n```/);
      assert.match(await ask('你好，模拟器'), /[\u4e00-\u9fff]/);
    });

    it('streams a role chunk, content deltas, a finish chunk and [DONE]; usage only on request', async () => {
      const response = await raw(sim, CHAT, { body: { model: 'qwen-plus', messages: user('stream me please'), stream: true } });
      assert.equal(response.headers['content-type'], 'text/event-stream;charset=utf-8');
      assert.ok(response.text.split('\n\n').slice(0, -1).every((frame) => frame.startsWith('data: ')));
      const events = compatEvents(response.text);
      assert.equal(events.at(-1), '[DONE]');
      const chunks = events.slice(0, -1) as Chunk[];
      assert.deepEqual(chunks[0]!.choices[0]!.delta, { content: '', role: 'assistant' });
      assert.ok(chunks.every((chunk) => chunk.id === `chatcmpl-${response.headers['x-request-id']}` && chunk.object === 'chat.completion.chunk' && chunk.usage === null));
      const finish = chunks.at(-1)!;
      assert.equal(finish.choices[0]!.finish_reason, 'stop');
      assert.deepEqual(finish.choices[0]!.delta, { content: '' });
      assert.ok(chunks.slice(0, -1).every((chunk) => chunk.choices[0]!.finish_reason === null));
      assert.match(chunks.map((chunk) => chunk.choices[0]!.delta.content ?? '').join(''), /stream me please/);

      const withUsage = compatEvents((await raw(sim, CHAT, { body: { model: 'qwen-plus', messages: user('x'), stream: true, stream_options: { include_usage: true } } })).text);
      const usageChunk = withUsage.at(-2) as Chunk & { usage: { total_tokens: number } };
      assert.deepEqual(usageChunk.choices, []);
      assert.ok(usageChunk.usage.total_tokens > 0);
      assert.equal((withUsage.at(-3) as Chunk).choices[0]!.finish_reason, 'stop');
    });

    it('streams reasoning before content when thinking, and reports reasoning tokens', async () => {
      const events = compatEvents((await raw(sim, CHAT, { body: { model: 'qwen-plus', messages: user('think first'), stream: true, enable_thinking: true, stream_options: { include_usage: true } } })).text);
      const chunks = events.slice(0, -2) as Chunk[];
      assert.deepEqual(chunks[0]!.choices[0]!.delta, { content: null, reasoning_content: '', role: 'assistant' });
      const kinds = chunks.slice(1, -1).map((chunk) => (chunk.choices[0]!.delta.reasoning_content ? 'r' : 'c')).join('');
      assert.match(kinds, /^r+c+$/);
      assert.ok(chunks.slice(1, -1).every((chunk) => (chunk.choices[0]!.delta.reasoning_content ? chunk.choices[0]!.delta.content === null : chunk.choices[0]!.delta.reasoning_content === null)));
      assert.deepEqual(chunks.at(-1)!.choices[0]!.delta, { content: '', reasoning_content: null });
      const usage = (events.at(-2) as { usage: { completion_tokens_details: { reasoning_tokens: number } } }).usage;
      assert.ok(usage.completion_tokens_details.reasoning_tokens > 0);
      const plain = (await raw(sim, CHAT, { body: { model: 'qwen-plus', messages: user('think'), enable_thinking: true } })).json<{ choices: { message: { reasoning_content: string } }[] }>();
      assert.ok(plain.choices[0]!.message.reasoning_content.length > 0, 'commercial models think on non-streaming calls');
    });

    it('refuses thinking on non-streaming calls of open-source Qwen3, which think by default', async () => {
      for (const body of [{ model: 'qwen3-32b', enable_thinking: true }, { model: 'qwen3-8b' }, { model: 'qwen3-235b-a22b' }]) {
        const response = await raw(sim, CHAT, { body: { ...body, messages: user('hi') } });
        assert.equal(response.status, 400, body.model);
        const error = response.json<{ error: { code: string; message: string; type: string }; id: string; request_id: string }>();
        assert.deepEqual([error.error.code, error.error.type, error.error.message], ['invalid_parameter_error', 'invalid_request_error', 'parameter.enable_thinking must be set to false for non-streaming calls']);
        assert.equal(error.id, `chatcmpl-${error.request_id}`);
      }
      assert.equal((await raw(sim, CHAT, { body: { model: 'qwen3-32b', enable_thinking: false, messages: user('hi') } })).status, 200);
      const streamed = compatEvents((await raw(sim, CHAT, { body: { model: 'qwen3-32b', stream: true, messages: user('hi') } })).text);
      assert.ok((streamed as Chunk[]).some((chunk) => typeof chunk === 'object' && chunk.choices[0]?.delta.reasoning_content), 'streams reasoning by default');
    });

    it('streams tool-call fragments: the first carries id and name, continuations empty ones', async () => {
      const tools = [{ type: 'function', function: { name: 'lookup_city', parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city', 'days'] } } }];
      const events = compatEvents((await raw(sim, CHAT, { body: { model: 'qwen-plus', messages: user('use the tool [[sim:tool]]'), tools, stream: true } })).text);
      const chunks = events.slice(0, -1) as Chunk[];
      const fragments = chunks.flatMap((chunk) => (chunk.choices[0]!.delta.tool_calls as { index: number; id: string; type: string; function: { name?: string; arguments: string } }[] | undefined) ?? []);
      assert.ok(fragments.length >= 2);
      assert.match(fragments[0]!.id, /^call_/);
      assert.equal(fragments[0]!.function.name, 'lookup_city');
      for (const continuation of fragments.slice(1)) {
        assert.equal(continuation.id, '');
        assert.equal(continuation.function.name, '');
        assert.equal(continuation.index, 0);
      }
      assert.deepEqual(JSON.parse(fragments.map((f) => f.function.arguments).join('')), { city: 'Hangzhou', days: 1 });
      assert.equal(chunks.at(-1)!.choices[0]!.finish_reason, 'tool_calls');
      const plain = (await raw(sim, CHAT, { body: { model: 'qwen-plus', messages: user('what is the weather?'), tools } })).json<{ choices: { finish_reason: string; message: { tool_calls: { id: string; function: { name: string } }[] } }[] }>();
      assert.equal(plain.choices[0]!.finish_reason, 'tool_calls');
      assert.equal(plain.choices[0]!.message.tool_calls[0]!.function.name, 'lookup_city');
    });

    it('plays a two-round agent task: read the file, then replace in it, then say what was done', async () => {
      const schema = (names: string[]) => ({ type: 'object', properties: Object.fromEntries(names.map((name) => [name, { type: 'string' }])), required: names });
      const tools = [
        { type: 'function', function: { name: 'list_dir', parameters: schema(['path']) } },
        { type: 'function', function: { name: 'read_file', parameters: schema(['filePath']) } },
        { type: 'function', function: { name: 'replace_string_in_file', parameters: schema(['filePath', 'oldString', 'newString']) } },
      ];
      type Answer = { choices: { finish_reason: string; message: { content: string | null; tool_calls?: { id: string; function: { name: string; arguments: string } }[] } }[] };
      const messages: Record<string, unknown>[] = user('Mark the task in notes.md done [[sim:agent=/ws/notes.md]]');
      const calls: { name: string; args: Record<string, unknown> }[] = [];
      for (let round = 0; round < 3; round++) {
        const message = (await raw(sim, CHAT, { body: { model: 'qwen-plus', messages, tools } })).json<Answer>().choices[0]!.message;
        const call = message.tool_calls?.[0];
        if (!call) {
          assert.match(message.content ?? '', /I read \/ws\/notes\.md and replaced "TODO: greet the reader" with "DONE: greeted the reader"/);
          break;
        }
        calls.push({ name: call.function.name, args: JSON.parse(call.function.arguments) as Record<string, unknown> });
        messages.push({ role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: call.function }] }, { role: 'tool', tool_call_id: call.id, content: 'ok' });
      }
      assert.deepEqual(calls.map((call) => call.name), ['read_file', 'replace_string_in_file']);
      assert.equal(calls[0]!.args.filePath, '/ws/notes.md');
      assert.deepEqual([calls[1]!.args.oldString, calls[1]!.args.newString], ['TODO: greet the reader', 'DONE: greeted the reader']);
    });

    it('truncates at max_tokens with finish_reason "length"', async () => {
      const body = (await raw(sim, CHAT, { body: { model: 'qwen-plus', messages: user('[[sim:long=50]]'), max_tokens: 5 } })).json<{ choices: { finish_reason: string; message: { content: string } }[]; usage: { completion_tokens: number } }>();
      assert.equal(body.choices[0]!.finish_reason, 'length');
      assert.equal(body.usage.completion_tokens, 5);
    });

    it('validates bodies like the service: unknown model, bad ranges, json_object without "json"', async () => {
      const unknown = await raw(sim, CHAT, { body: { model: 'gpt-4o', messages: user('x') } });
      assert.deepEqual([unknown.status, unknown.json<{ error: { code: string } }>().error.code], [404, 'model_not_found']);
      const range = await raw(sim, CHAT, { body: { model: 'qwen-plus', messages: user('x'), max_tokens: 0 } });
      assert.deepEqual([range.status, range.json<{ error: { code: string } }>().error.code], [400, 'invalid_parameter_error']);
      const empty = await raw(sim, CHAT, { body: { model: 'qwen-plus', messages: [] } });
      assert.equal(empty.status, 400);
      const json = await raw(sim, CHAT, { body: { model: 'qwen-plus', messages: user('x'), response_format: { type: 'json_object' } } });
      assert.equal(json.status, 400);
      const ok = (await raw(sim, CHAT, { body: { model: 'qwen-plus', messages: user('answer in JSON'), response_format: { type: 'json_object' } } })).json<{ choices: { message: { content: string } }[] }>();
      assert.equal(typeof JSON.parse(ok.choices[0]!.message.content), 'object');
    });

    it('streams [[sim:long=N]] as N one-token content chunks', async () => {
      const chunks = compatEvents((await raw(sim, CHAT, { body: { model: 'qwen-plus', messages: user('[[sim:long=1000]]'), stream: true } })).text).slice(1, -2) as Chunk[];
      assert.equal(chunks.length, 1000);
      assert.ok(chunks.every((chunk) => /^\S+ $/.test(String(chunk.choices[0]!.delta.content))));
    });

    it('streams [[sim:pace=MS]] one chunk at a time, that long apart, as a real model does', async () => {
      const started = performance.now();
      const response = await raw(sim, CHAT, { body: { model: 'qwen-plus', messages: user('[[sim:long=5]] [[sim:pace=30]]'), stream: true } });
      assert.ok(performance.now() - started >= 5 * 30, 'the chunks were paced');
      assert.ok(response.chunks.length >= 5, `each chunk arrived on its own (${response.chunks.length} reads)`);
      assert.equal((compatEvents(response.text).slice(1, -2) as Chunk[]).length, 5);
    });

    it('splits multi-byte characters across socket writes', async () => {
      const response = await raw(sim, CHAT, { body: { model: 'qwen-plus', messages: user('请用中文回答'), stream: true } });
      assert.ok(response.chunks.some(endsMidCharacter), 'some chunk ends inside a character');
      const text = (compatEvents(response.text).slice(0, -1) as Chunk[]).map((chunk) => chunk.choices[0]!.delta.content ?? '').join('');
      assert.match(text, /请用中文回答/);
    });
  });

  describe('native', () => {
    it('answers text-generation with choices (message format) or output.text (text format)', async () => {
      const message = await raw(sim, TEXT, { body: { model: 'qwen-plus', input: { messages: user('native hello') }, parameters: { result_format: 'message' } } });
      const body = message.json<{ output: { choices: { finish_reason: string; message: { role: string; content: string } }[] }; usage: Record<string, number>; request_id: string }>();
      assert.equal(body.request_id, message.headers['x-request-id']);
      assert.equal(body.output.choices[0]!.finish_reason, 'stop');
      assert.match(body.output.choices[0]!.message.content, /native hello/);
      assert.equal(body.usage.total_tokens, body.usage.input_tokens! + body.usage.output_tokens!);
      const text = (await raw(sim, TEXT, { body: { model: 'qwen-plus', input: { prompt: 'legacy prompt' }, parameters: { result_format: 'text' } } })).json<{ output: { text: string; finish_reason: string } }>();
      assert.match(text.output.text, /legacy prompt/);
      assert.equal(text.output.finish_reason, 'stop');
    });

    it('answers multimodal chat with content parts', async () => {
      const body = (await raw(sim, MULTIMODAL, { body: { model: 'qwen3-vl-plus', input: { messages: [{ role: 'user', content: [{ image: 'https://example.com/a.png' }, { text: 'describe it' }] }] } } })).json<{ output: { choices: { message: { content: { text: string }[] } }[] } }>();
      assert.match(body.output.choices[0]!.message.content[0]!.text, /describe it/);
    });

    it('frames SSE as id:/event:result/:HTTP_STATUS/200/data: with a blank line, "null" finish mid-stream, cumulative usage', async () => {
      const response = await raw(sim, TEXT, { body: { model: 'qwen-plus', input: { messages: user('one two three four') }, parameters: { incremental_output: true } }, headers: SSE });
      assert.equal(response.headers['content-type'], 'text/event-stream;charset=UTF-8');
      assert.match(response.text, /^id:1\nevent:result\n:HTTP_STATUS\/200\ndata:\{.*\}\n\nid:2\n/);
      assert.ok(!response.text.includes('[DONE]'));
      const events = nativeEvents(response.text);
      assert.deepEqual(events.map((event) => event.id), events.map((_, i) => String(i + 1)));
      const finish = events.map((event) => (event.data.output as { choices: { finish_reason: string }[] }).choices[0]!.finish_reason);
      assert.ok(finish.slice(0, -1).every((reason) => reason === 'null'));
      assert.equal(finish.at(-1), 'stop');
      const outputs = events.map((event) => (event.data.usage as { output_tokens: number }).output_tokens);
      assert.ok(outputs.every((n, i) => i === 0 || n >= outputs[i - 1]!), 'usage is cumulative');
      const pieces = events.map((event) => (event.data.output as { choices: { message: { content: string } }[] }).choices[0]!.message.content);
      assert.match(pieces.join(''), /one two three four/);
    });

    it('repeats the whole text so far when incremental_output is false', async () => {
      const events = nativeEvents((await raw(sim, TEXT, { body: { model: 'qwen-plus', input: { messages: user('alpha beta gamma') } }, headers: SSE })).text);
      const texts = events.map((event) => (event.data.output as { choices: { message: { content: string } }[] }).choices[0]!.message.content);
      for (let i = 1; i < texts.length; i++) assert.ok(texts[i]!.startsWith(texts[i - 1]!), 'each event extends the previous text');
      assert.match(texts.at(-1)!, /alpha beta gamma/);
    });

    it('refuses incremental_output without SSE, and sends request errors of SSE calls as event:error under HTTP 200', async () => {
      const plain = await raw(sim, TEXT, { body: { model: 'qwen-plus', input: { messages: user('x') }, parameters: { incremental_output: true } } });
      assert.equal(plain.status, 400);
      assert.deepEqual([plain.json().code, plain.json().message], ['InvalidParameter', 'parameter incremental_output only support stream call']);
      const streamed = await raw(sim, TEXT, { body: { model: 'qwen-plus', input: { messages: [{ role: 'user', content: '' }] } }, headers: SSE });
      assert.equal(streamed.status, 200);
      const [event] = nativeEvents(streamed.text);
      assert.deepEqual([event!.event, event!.status, event!.data.code], ['error', '400', 'InvalidParameter']);
      assert.equal(event!.data.message, 'Role must be user or assistant and Content length must be greater than 0');
    });

    it('refuses non-streaming thinking of open-source Qwen3 natively too, and streams reasoning first', async () => {
      const refused = await raw(sim, TEXT, { body: { model: 'qwen3-32b', input: { messages: user('x') }, parameters: { enable_thinking: true } } });
      assert.deepEqual([refused.status, refused.json().code, refused.json().message], [400, 'InvalidParameter', 'parameter.enable_thinking must be set to false for non-streaming calls']);
      const events = nativeEvents((await raw(sim, TEXT, { body: { model: 'qwen3-32b', input: { messages: user('x') }, parameters: { incremental_output: true } }, headers: SSE })).text);
      const first = (events[0]!.data.output as { choices: { message: { reasoning_content: string; content: string } }[] }).choices[0]!.message;
      assert.ok(first.reasoning_content.length > 0 && first.content === '');
      assert.ok(((events.at(-1)!.data.usage as { output_tokens_details: { reasoning_tokens: number } }).output_tokens_details.reasoning_tokens) > 0);
    });

    it('streams native tool calls as fragments and ends with tool_calls', async () => {
      const tools = [{ type: 'function', function: { name: 'get_current_weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } } }];
      const events = nativeEvents((await raw(sim, TEXT, { body: { model: 'qwen-plus', input: { messages: user('weather in Hangzhou?') }, parameters: { tools, result_format: 'message', incremental_output: true } }, headers: SSE })).text);
      const calls = events.flatMap((event) => ((event.data.output as { choices: { message: { tool_calls?: { id: string; function: { name?: string; arguments: string } }[] } }[] }).choices[0]!.message.tool_calls ?? []));
      assert.match(calls[0]!.id, /^call_/);
      assert.equal(calls[0]!.function.name, 'get_current_weather');
      assert.ok(calls.slice(1).every((call) => call.id === '' && call.function.name === undefined));
      assert.deepEqual(JSON.parse(calls.map((call) => call.function.arguments).join('')), { location: 'Hangzhou' });
      assert.equal((events.at(-1)!.data.output as { choices: { finish_reason: string }[] }).choices[0]!.finish_reason, 'tool_calls');
    });

    it('splits multi-byte characters across socket writes in native SSE too', async () => {
      const response = await raw(sim, TEXT, { body: { model: 'qwen-plus', input: { messages: user('中文') }, parameters: { incremental_output: true } }, headers: SSE });
      assert.ok(response.chunks.some(endsMidCharacter));
      assert.ok(nativeEvents(response.text).length > 2);
    });
  });
});
