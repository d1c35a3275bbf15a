import assert from 'node:assert/strict';
import { beforeEach, describe, it, mock } from 'node:test';
import type { ConversationEvent } from '../../src/extension/chat/chatService';
import { DeltaBatcher } from '../../src/extension/chat/deltaBatcher';

const text = (messageId: string, content?: string, reasoning?: string, conversationId = 'c1'): ConversationEvent => ({
  conversationId,
  event: { type: 'textAppended', messageId, ...(content ? { content } : {}), ...(reasoning ? { reasoning } : {}) },
});

describe('chat delta batcher', () => {
  let sent: ConversationEvent[];
  let batcher: DeltaBatcher;
  beforeEach(() => {
    mock.timers.reset();
    mock.timers.enable({ apis: ['setTimeout'] });
    sent = [];
    batcher = new DeltaBatcher((event) => sent.push(event), 16);
  });

  it('sends the deltas of one interval as one event, reasoning and content joined in order', () => {
    batcher.push(text('a1', undefined, 'Let me '));
    batcher.push(text('a1', undefined, 'think.'));
    batcher.push(text('a1', 'The answer'));
    batcher.push(text('a1', ' is 42.'));
    assert.equal(sent.length, 0, 'nothing is sent before the interval ends');
    mock.timers.tick(16);
    assert.deepEqual(sent, [{ conversationId: 'c1', event: { type: 'textAppended', messageId: 'a1', content: 'The answer is 42.', reasoning: 'Let me think.' } }]);
    batcher.push(text('a1', ' Done'));
    mock.timers.tick(16);
    assert.equal(sent.length, 2, 'a new interval starts with the next delta');
  });

  it('sends the gathered text before any other event, so the page sees them in order', () => {
    batcher.push(text('a1', 'partial'));
    batcher.push({ conversationId: 'c1', event: { type: 'messageFinished', messageId: 'a1', status: 'stopped' } });
    assert.deepEqual(sent.map((item) => item.event.type), ['textAppended', 'messageFinished']);
    mock.timers.tick(100);
    assert.equal(sent.length, 2, 'the timer of a flushed batch sends nothing more');
  });

  it('never merges deltas of different messages or conversations', () => {
    batcher.push(text('a1', 'one'));
    batcher.push(text('a2', 'two'));
    batcher.push(text('a2', 'three', undefined, 'c2'));
    batcher.flush();
    assert.deepEqual(sent.map((item) => [item.conversationId, item.event.type === 'textAppended' && item.event.content]), [['c1', 'one'], ['c1', 'two'], ['c2', 'three']]);
  });

  it('drops the gathered text when a whole state replaces the page, and after disposal', () => {
    batcher.push(text('a1', 'already in the state'));
    batcher.discard();
    mock.timers.tick(16);
    assert.equal(sent.length, 0);
    batcher.push(text('a1', 'late'));
    batcher.dispose();
    mock.timers.tick(16);
    assert.equal(sent.length, 0);
  });
});
