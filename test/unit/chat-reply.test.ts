import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DashScopeError, type ChatStreamEvent } from '../../src/dashscope';
import { runReply } from '../../src/extension/chat/replyStreamer';
import { buildChatRequest, requestOptions } from '../../src/extension/chat/requestBuilder';
import { describeModel } from '../../src/extension/chat/chatModels';
import type { ChatEvent } from '../../src/shared/protocol/chat';

/** A stream of the given events with a manual clock that moves 10 ms per event; throws `failure` at the end if given. */
function fakeRun(events: ChatStreamEvent[], failure?: unknown, controller = new AbortController()) {
  let now = 0;
  const emitted: ChatEvent[] = [];
  async function* stream() {
    for (const event of events) {
      now += 10;
      yield event;
    }
    if (failure) throw failure;
  }
  return { emitted, controller, run: runReply({ messageId: 'a1', events: stream(), signal: controller.signal, now: () => now, startedAt: 0, emit: (event) => void emitted.push(event) }) };
}

describe('reply streaming controller', () => {
  it('emits text as it arrives, then latency and usage', async () => {
    const { emitted, run } = fakeRun([
      { type: 'reasoning', text: 'Hmm' },
      { type: 'content', text: 'Hi' },
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12, completion_tokens_details: { reasoning_tokens: 3 } } },
    ]);
    assert.deepEqual(await run, { status: 'done' });
    assert.deepEqual(emitted.slice(0, 2), [
      { type: 'textAppended', messageId: 'a1', reasoning: 'Hmm' },
      { type: 'textAppended', messageId: 'a1', content: 'Hi' },
    ]);
    assert.deepEqual(emitted[2], {
      type: 'messageFinished', messageId: 'a1', status: 'done', finishReason: 'stop',
      metrics: { firstTokenMs: 10, totalMs: 40, usage: { promptTokens: 5, completionTokens: 7, totalTokens: 12, reasoningTokens: 3 } },
    });
  });

  it('keeps what arrived when the stream fails, with an error the page can act on', async () => {
    const throttled = new DashScopeError({ status: 429, code: 'Throttling.RateQuota', message: 'Requests rate limit exceeded', endpoint: 'chat', retryAfterSeconds: 7 });
    const { emitted, run } = fakeRun([{ type: 'content', text: 'Part' }], throttled);
    const outcome = await run;
    assert.equal(outcome.status, 'error');
    assert.equal(outcome.error?.kind, 'throttled');
    assert.equal(outcome.error?.retryAfterSeconds, 7);
    assert.equal(emitted.filter((event) => event.type === 'textAppended').length, 1);
  });

  it('reports a stopped reply as stopped, not as an error', async () => {
    const controller = new AbortController();
    controller.abort();
    const { run } = fakeRun([{ type: 'content', text: 'Part' }], new Error('aborted'), controller);
    assert.deepEqual(await run, { status: 'stopped' });
  });

  it('maps a refused key and rejected content to their kinds', async () => {
    const refused = fakeRun([], new DashScopeError({ status: 401, code: 'invalid_api_key', message: 'Incorrect API key provided.', endpoint: 'chat' }));
    assert.equal((await refused.run).error?.kind, 'auth');
    const rejected = fakeRun([], new DashScopeError({ status: 400, code: 'data_inspection_failed', message: 'Input data may contain inappropriate content.', endpoint: 'chat' }));
    assert.equal((await rejected.run).error?.kind, 'rejected');
  });
});

describe('chat request builder', () => {
  const conversation = {
    id: 'c', title: 't', createdAt: 0, updatedAt: 0,
    settings: { model: 'qwen-vl-plus', systemPrompt: 'Be brief.', thinking: false, temperature: 0.2 },
    messages: [
      { id: 'u1', role: 'user' as const, content: 'What is this?', attachments: [{ id: 's', kind: 'selection' as const, name: 'a.ts', sizeBytes: 3 }, { id: 'i', kind: 'image' as const, name: 'p.png', sizeBytes: 9 }] },
      { id: 'a1', role: 'assistant' as const, content: '', status: 'error' as const },
      { id: 'u2', role: 'user' as const, content: 'Again' },
    ],
    attachments: {
      s: { id: 's', kind: 'selection' as const, name: 'a.ts', language: 'typescript', source: 'src/a.ts:1-1', text: 'let a = "```";', sizeBytes: 3 },
      i: { id: 'i', kind: 'image' as const, name: 'p.png', path: '/tmp/p.png', sizeBytes: 9 },
    },
  };

  it('sends the system prompt, selections fenced with their source, images as parts, and skips empty failed replies', () => {
    const request = buildChatRequest(conversation, describeModel('qwen-vl-plus'), { urls: new Map([['i', 'data:image/png;base64,AA==']]), gone: new Set() });
    assert.equal(request.temperature, 0.2);
    assert.deepEqual(request.messages.map((message) => message.role), ['system', 'user', 'user']);
    const parts = request.messages[1]!.content as { type: string; text?: string }[];
    assert.deepEqual(parts[0], { type: 'image_url', image_url: { url: 'data:image/png;base64,AA==' } });
    assert.match(parts[1]!.text!, /^src\/a\.ts:1-1:\n````typescript\nlet a = "```";\n````\n\nWhat is this\?$/);
  });

  it('sends enable_thinking explicitly for models where it is optional, and the budget only when thinking', () => {
    const base = { model: 'qwen3-32b', systemPrompt: '', thinking: false, thinkingBudget: 500 };
    assert.deepEqual(requestOptions(base, describeModel('qwen3-32b')), { enable_thinking: false });
    assert.deepEqual(requestOptions({ ...base, thinking: true }, describeModel('qwen3-32b')), { enable_thinking: true, thinking_budget: 500 });
    assert.deepEqual(requestOptions(base, describeModel('qwq-plus')), { thinking_budget: 500 });
    assert.deepEqual(requestOptions(base, describeModel('qwen-max')), {});
  });
});
