import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI, { AuthenticationError, RateLimitError } from 'openai';
import { startSimulator, type Simulator } from '../simulator';

/** The official openai package must take the simulator's compatible-mode answers as it takes the real service's. */
describe('openai package against the simulator', () => {
  let sim: Simulator;
  let openai: OpenAI;
  before(async () => {
    sim = await startSimulator({ clock: 'manual', rateLimits: false });
    openai = new OpenAI({ apiKey: sim.keyFor('intl'), baseURL: `${sim.regionOrigin('intl')}/compatible-mode/v1`, maxRetries: 0 });
  });
  after(() => sim.close());

  it('parses a non-streaming completion, with reasoning and usage', async () => {
    const completion = await openai.chat.completions.create({ model: 'qwen-plus', messages: [{ role: 'user', content: 'hello openai' }], enable_thinking: true } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    assert.match(completion.id, /^chatcmpl-/);
    assert.equal(completion.choices[0]!.finish_reason, 'stop');
    assert.match(completion.choices[0]!.message.content ?? '', /hello openai/);
    assert.ok(((completion.choices[0]!.message as unknown as { reasoning_content: string }).reasoning_content).length > 0);
    assert.ok(completion.usage!.total_tokens > 0);
    const { response } = await openai.chat.completions.create({ model: 'qwen-plus', messages: [{ role: 'user', content: 'x' }] }).withResponse();
    assert.match(response.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('streams content, thinking, the finish chunk and the choices:[] usage chunk', async () => {
    const stream = await openai.chat.completions.create({
      model: 'qwen3-32b', messages: [{ role: 'user', content: 'stream with openai' }], stream: true, stream_options: { include_usage: true },
    });
    let content = '';
    let reasoning = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      content += choice?.delta.content ?? '';
      reasoning += (choice?.delta as { reasoning_content?: string | null } | undefined)?.reasoning_content ?? '';
      finish = choice?.finish_reason ?? finish;
      if (chunk.choices.length === 0) usage = chunk.usage;
    }
    assert.match(content, /stream with openai/);
    assert.ok(reasoning.length > 0);
    assert.equal(finish, 'stop');
    assert.ok(usage && usage.total_tokens === usage.prompt_tokens + usage.completion_tokens);
  });

  it('assembles streamed tool calls with its stream helper', async () => {
    const runner = openai.chat.completions.stream({
      model: 'qwen-plus', messages: [{ role: 'user', content: 'what is the weather?' }],
      tools: [{ type: 'function', function: { name: 'get_current_weather', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } } }],
    });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0]!.message.tool_calls![0]! as OpenAI.ChatCompletionMessageFunctionToolCall;
    assert.match(call.id, /^call_/);
    assert.equal(call.function.name, 'get_current_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { location: 'Hangzhou' });
    assert.equal(final.choices[0]!.finish_reason, 'tool_calls');
  });

  it('types a wrong-region key as AuthenticationError', async () => {
    const wrong = new OpenAI({ apiKey: sim.keyFor('cn'), baseURL: `${sim.regionOrigin('intl')}/compatible-mode/v1`, maxRetries: 0 });
    await assert.rejects(wrong.models.list(), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.status, 401);
      assert.equal(error.code, 'invalid_api_key');
      return true;
    });
  });

  it('types a 429 as RateLimitError', async () => {
    sim.injectFault({ fault: '429', path: 'chat/completions' });
    await assert.rejects(openai.chat.completions.create({ model: 'qwen-plus', messages: [{ role: 'user', content: 'x' }] }), (error: unknown) => {
      assert.ok(error instanceof RateLimitError);
      assert.equal(error.code, 'limit_requests');
      assert.equal(error.headers.get('retry-after'), '1');
      return true;
    });
  });

  it('lists models', async () => {
    const ids: string[] = [];
    for await (const model of openai.models.list()) ids.push(model.id);
    assert.ok(ids.includes('qwen3-max') && ids.includes('qwen-plus'));
  });
});
