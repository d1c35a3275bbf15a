import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chatModelChoices, contextWindowOf, DEFAULT_CONTEXT_WINDOW, describeModel } from '../../src/extension/chat/chatModels';
import { estimateTokens, measureContext } from '../../src/extension/chat/contextMeter';

describe('context meter', () => {
  it('estimates tokens: one per CJK character, one per four other characters', () => {
    assert.equal(estimateTokens('abcdefgh'), 2);
    assert.equal(estimateTokens('你好世界'), 4);
  });

  it('counts from the last reply\'s usage (less its reasoning) plus what came after it', () => {
    const meter = measureContext({
      systemPrompt: 'ignored: already in the usage',
      contextWindow: 1000,
      messages: [
        { id: 'u', role: 'user', content: 'x'.repeat(400) },
        { id: 'a', role: 'assistant', content: 'y', status: 'done', metrics: { usage: { promptTokens: 500, completionTokens: 300, reasoningTokens: 100, totalTokens: 800 } } },
        { id: 'u2', role: 'user', content: 'z'.repeat(40) },
      ],
    });
    assert.equal(meter.usedTokens, 700 + 4 + 10);
    assert.equal(meter.level, 'ok');
  });

  it('warns at 80% and is full past the window', () => {
    const at = (chars: number) => measureContext({ systemPrompt: '', contextWindow: 100, messages: [{ id: 'u', role: 'user', content: 'x'.repeat(chars) }] }).level;
    assert.equal(at(100), 'ok');
    assert.equal(at(320), 'warn');
    assert.equal(at(400), 'full');
  });

  it('knows context windows of model families, longest prefix first, with a conservative default', () => {
    assert.equal(contextWindowOf('qwen3-max-preview'), 262_144);
    assert.equal(contextWindowOf('qwen3-32b'), 131_072);
    assert.equal(contextWindowOf('qwen-max-latest'), 32_768);
    assert.equal(contextWindowOf('mystery-model'), DEFAULT_CONTEXT_WINDOW);
  });

  it('keeps chat models of a model list, preferred first, and tells vision and thinking', () => {
    const choices = chatModelChoices(['wan2.7-image', 'qwen-vl-plus', 'qwen-plus', 'qwen3-tts-flash', 'qwq-plus', 'text-embedding-v4', 'qwen-max'], ['qwen-max']);
    assert.deepEqual(choices.map((choice) => choice.id), ['qwen-max', 'qwen-plus', 'qwen-vl-plus', 'qwq-plus']);
    assert.equal(describeModel('qwen-vl-plus').vision, true);
    assert.equal(describeModel('qwq-plus').thinking, 'always');
    assert.equal(describeModel('qwen3-32b').thinking, 'optional');
    assert.equal(describeModel('qwen3-coder-plus').thinking, 'never');
  });
});
