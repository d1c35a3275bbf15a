import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DashScopeError } from '../../src/dashscope';
import { completionRoute } from '../../src/shared/models/completion';
import { fetchCompletion } from '../../src/extension/lm/completionRequests';
import { harness, type Harness } from './client-helpers';

const input = { prefix: 'const answer = ', suffix: '\nexport default answer;\n', languageId: 'typescript', fileName: 'a.ts' };

describe('inline completions against the simulator', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());
  const signal = () => new AbortController().signal;

  it('fills in the middle on /completions with a China (Beijing) key', async () => {
    const text = await fetchCompletion(h.clientFor('cn'), completionRoute('cn', '')!, input, signal());
    assert.equal(text, '42; // qwen-coder-turbo');
    const sent = JSON.parse(h.sim.requests.at(-1)!.body) as { prompt: string; max_tokens: number };
    assert.equal(sent.prompt, '<|fim_prefix|>const answer = <|fim_suffix|>\nexport default answer;\n<|fim_middle|>');
    assert.ok(sent.max_tokens <= 128);
  });

  it('is refused FIM outside China (Beijing), and continues the prefix in partial mode there instead', async () => {
    await assert.rejects(fetchCompletion(h.clientFor('intl'), { mode: 'fim', model: 'qwen-coder-turbo' }, input, signal()), (error: unknown) => error instanceof DashScopeError && error.code === 'model_not_found');
    const text = await fetchCompletion(h.clientFor('intl'), completionRoute('intl', '')!, input, signal());
    assert.match(text, /^42; \/\/ qwen3-coder-flash/);
    const sent = JSON.parse(h.sim.requests.at(-1)!.body) as { messages: { role: string; partial?: boolean; content: string }[] };
    assert.deepEqual(sent.messages.at(-1), { role: 'assistant', content: 'const answer = ', partial: true });
  });
});
