import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DashScopeError } from '../../src/dashscope/errors';
import { eventStatus, MAX_SSE_EVENT_CHARS, SseParser, type SseEvent } from '../../src/dashscope/sse';

const bytes = (text: string) => new TextEncoder().encode(text);

function parseInPieces(text: string, sizes: number[]): SseEvent[] {
  const parser = new SseParser('POST /test');
  const data = bytes(text);
  const events: SseEvent[] = [];
  let offset = 0;
  for (let i = 0; offset < data.length; i++) {
    const size = sizes[i % sizes.length]!;
    events.push(...parser.push(data.subarray(offset, offset + size)));
    offset += size;
  }
  events.push(...parser.end());
  return events;
}

describe('SseParser', () => {
  const compatible = 'data: {"a":1}\n\ndata: {"b":"你好"}\n\ndata: [DONE]\n\n';

  it('parses compatible-mode frames split anywhere, including inside a multi-byte character', () => {
    for (const sizes of [[1], [2], [3], [5, 1, 7], [1000]]) {
      const events = parseInPieces(compatible, sizes);
      assert.deepEqual(events.map((e) => e.data), ['{"a":1}', '{"b":"你好"}', '[DONE]'], `pieces of ${sizes.join(',')}`);
    }
  });

  it('accepts CRLF and CR line ends', () => {
    assert.deepEqual(parseInPieces(compatible.replace(/\n/g, '\r\n'), [3]).map((e) => e.data), ['{"a":1}', '{"b":"你好"}', '[DONE]']);
    assert.deepEqual(parseInPieces(compatible.replace(/\n/g, '\r'), [4]).map((e) => e.data), ['{"a":1}', '{"b":"你好"}', '[DONE]']);
  });

  it('reads native events with id, event and the :HTTP_STATUS comment', () => {
    const native = 'id:1\nevent:result\n:HTTP_STATUS/200\ndata:{"x":1}\n\nid:2\nevent:error\n:HTTP_STATUS/400\ndata:{"code":"InvalidParameter"}\n\n';
    const events = parseInPieces(native, [7]);
    assert.equal(events.length, 2);
    assert.equal(events[0]!.event, 'result');
    assert.equal(events[0]!.id, '1');
    assert.equal(eventStatus(events[0]!), 200);
    assert.equal(events[1]!.event, 'error');
    assert.equal(eventStatus(events[1]!), 400);
  });

  it('separates native events captured without blank lines', () => {
    const events = parseInPieces('id:1\nevent:result\ndata:{"n":1}\nid:2\nevent:result\ndata:{"n":2}\n', [5]);
    assert.deepEqual(events.map((e) => [e.id, e.data]), [['1', '{"n":1}'], ['2', '{"n":2}']]);
  });

  it('separates blank-line-less native events that carry no id, keeping each event its status', () => {
    const events = parseInPieces('event:result\n:HTTP_STATUS/200\ndata:{"n":1}\nevent:error\n:HTTP_STATUS/400\ndata:{"code":"InvalidParameter"}\n', [3]);
    assert.deepEqual(events.map((e) => [e.event, eventStatus(e), e.data]), [['result', 200, '{"n":1}'], ['error', 400, '{"code":"InvalidParameter"}']]);
  });

  it('keeps comments, ignores unknown fields and reads a field without a colon', () => {
    const events = parseInPieces(': keep-alive\nretry: 3000\nfoo:bar\ndata\ndata:x\n\n', [2]);
    assert.deepEqual(events.map((e) => [e.data, e.comments]), [['\nx', [' keep-alive']]]);
  });

  it('handles a CRLF split between two reads', () => {
    const parser = new SseParser('POST /test');
    const events = [...parser.push(bytes('data: a\r')), ...parser.push(bytes('\ndata: b\r')), ...parser.push(bytes('\n\r\n')), ...parser.end()];
    assert.deepEqual(events.map((e) => e.data), ['a\nb']);
  });

  it('joins multi-line data and flushes a final event without a blank line', () => {
    const events = parseInPieces('data: line one\ndata: line two', [4]);
    assert.deepEqual(events.map((e) => e.data), ['line one\nline two']);
  });

  it('parses a 16 MB event in linear time when the cap allows it', () => {
    // Quadratic rescanning took about a minute here; a linear parse takes well under a second.
    const parser = new SseParser('POST /test', 32 * 2 ** 20);
    const piece = bytes('x'.repeat(64 * 1024));
    const started = performance.now();
    parser.push(bytes('data: '));
    for (let i = 0; i < 256; i++) parser.push(piece);
    const [event] = [...parser.push(bytes('\n\n'))];
    const elapsed = performance.now() - started;
    assert.equal(event?.data.length, 16 * 2 ** 20);
    assert.ok(elapsed < 2000, `took ${elapsed.toFixed(0)} ms`);
  });

  it('refuses a line longer than the cap with a clear DashScopeError, before reading it all', () => {
    const parser = new SseParser('POST /test');
    const piece = bytes('x'.repeat(64 * 1024));
    parser.push(bytes('data: '));
    let pushed = 0;
    const refused = (error: unknown) => error instanceof DashScopeError && error.code === 'BadResponse' && !error.retryable && /longer than 4 MB/.test(error.message) && error.endpoint === 'POST /test';
    assert.throws(() => {
      for (; pushed < 256; pushed++) parser.push(piece);
    }, refused);
    assert.ok(pushed * piece.length <= MAX_SSE_EVENT_CHARS + piece.length, `read ${pushed} pieces`);
  });

  it('refuses an event made of many short data or comment lines past the cap', () => {
    const line = bytes(`data: ${'y'.repeat(1000)}\n`);
    const comment = bytes(`:${'z'.repeat(1000)}\n`);
    for (const repeated of [line, comment]) {
      const parser = new SseParser('POST /test');
      assert.throws(() => {
        for (let i = 0; i < 5000; i++) parser.push(repeated);
      }, DashScopeError);
    }
  });

  it('accepts any number of events below the cap', () => {
    const parser = new SseParser('POST /test');
    const event = bytes(`data: ${'y'.repeat(1000)}\n\n`);
    let count = 0;
    for (let i = 0; i < 10_000; i++) count += parser.push(event).length;
    assert.equal(count, 10_000);
  });
});
