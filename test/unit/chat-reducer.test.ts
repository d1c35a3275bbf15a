import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessageView } from '../../src/shared/protocol/chat';
import { chatEvent } from '../../src/shared/protocol/chat';
import { isStreaming, reduceMessages } from '../../src/shared/protocol/chatState';

const user: ChatMessageView = { id: 'u1', role: 'user', content: 'Hello' };
const reply: ChatMessageView = { id: 'a1', role: 'assistant', content: '', reasoning: '', status: 'streaming', model: 'qwen-plus' };

describe('chat message reducer', () => {
  it('adds messages and appends content and reasoning to the right one', () => {
    let messages = reduceMessages([], { type: 'messageAdded', message: user });
    messages = reduceMessages(messages, { type: 'messageAdded', message: reply });
    messages = reduceMessages(messages, { type: 'textAppended', messageId: 'a1', reasoning: 'Think' });
    messages = reduceMessages(messages, { type: 'textAppended', messageId: 'a1', content: 'Hi' });
    messages = reduceMessages(messages, { type: 'textAppended', messageId: 'a1', content: ' there' });
    assert.equal(messages[1]!.content, 'Hi there');
    assert.equal(messages[1]!.reasoning, 'Think');
    assert.equal(messages[0], user, 'untouched messages keep their identity');
    assert.ok(isStreaming(messages));
  });

  it('finishes a reply with metrics and error, keeping what had arrived', () => {
    const messages = reduceMessages([user, { ...reply, content: 'Partial' }], {
      type: 'messageFinished', messageId: 'a1', status: 'error', metrics: { firstTokenMs: 5, totalMs: 9 },
      error: { kind: 'throttled', message: 'Slow down', retryAfterSeconds: 3 },
    });
    assert.equal(messages[1]!.content, 'Partial');
    assert.equal(messages[1]!.status, 'error');
    assert.equal(messages[1]!.error?.retryAfterSeconds, 3);
    assert.ok(!isStreaming(messages));
  });

  it('truncates from a message (regenerate, edit and resend) and ignores unknown ids', () => {
    const messages = [user, { ...reply, status: 'done' as const }];
    assert.deepEqual(reduceMessages(messages, { type: 'truncated', fromMessageId: 'a1' }), [user]);
    assert.deepEqual(reduceMessages(messages, { type: 'truncated', fromMessageId: 'nope' }), messages);
    assert.deepEqual(reduceMessages(messages, { type: 'textAppended', messageId: 'nope', content: 'x' }), messages);
  });

  it('validates events with the protocol schema', () => {
    assert.ok(chatEvent.safeParse({ type: 'textAppended', messageId: 'a1', content: 'x' }).success);
    assert.ok(!chatEvent.safeParse({ type: 'textAppended', messageId: '', content: 'x' }).success);
    assert.ok(!chatEvent.safeParse({ type: 'messageFinished', messageId: 'a1', status: 'exploded' }).success);
  });
});
