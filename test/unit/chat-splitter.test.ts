import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BlockSplitter, type Block, type SplitEvent } from '../../src/webview/chat/blockSplitter';

/** Streams text in pieces of `size` characters; returns the finished blocks and every event. */
function split(text: string, size = 1): { blocks: Block[]; events: SplitEvent[] } {
  const splitter = new BlockSplitter();
  const events: SplitEvent[] = [];
  for (let index = 0; index < text.length; index += size) events.push(...splitter.append(text.slice(index, index + size)));
  events.push(...splitter.end());
  return { blocks: events.filter((event) => event.type === 'close').map((event) => event.block).filter((block) => block.kind === 'fence' || block.text.trim()), events };
}

const sample = 'Intro with **bold**\nsecond line\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\n- one\n- two\n\n  continued item\n\nEnd.';

describe('markdown block splitter', () => {
  it('splits paragraphs, a fence with a blank line inside, and a list continued after a blank line', () => {
    const { blocks } = split(sample);
    assert.deepEqual(blocks, [
      { kind: 'markdown', text: 'Intro with **bold**\nsecond line\n' },
      { kind: 'fence', language: 'ts', code: 'const a = 1;\n\nconst b = 2;' },
      { kind: 'markdown', text: '- one\n- two\n\n  continued item\n' },
      { kind: 'markdown', text: 'End.' },
    ]);
  });

  it('gives the same blocks whatever the chunk sizes', () => {
    const expected = split(sample, sample.length).blocks;
    for (const size of [1, 2, 3, 7, 16]) assert.deepEqual(split(sample, size).blocks, expected, `chunks of ${size}`);
  });

  it('streams every character of the open block as text, and opens fences for code', () => {
    const { events } = split('Hi\n```py\nprint(1)\n```\n', 4);
    const opened = events.filter((event) => event.type === 'open');
    assert.deepEqual(opened[0], { type: 'open', fence: { language: 'py' } });
    assert.equal(events.filter((event) => event.type === 'text').map((event) => (event as { text: string }).text).join(''), 'Hi\n```py\nprint(1)\n```\n');
  });

  it('ends an unclosed fence at the end of the stream with what it has', () => {
    assert.deepEqual(split('```js\nlet x').blocks, [{ kind: 'fence', language: 'js', code: 'let x' }]);
  });

  it('keeps an indented fence inside its list item', () => {
    const { blocks } = split('1. step\n   ```sh\n   echo\n\n   ```\n2. next\n');
    assert.equal(blocks.length, 1);
    assert.equal(blocks[0]!.kind, 'markdown');
  });

  it('does not grow the cost of a chunk with the length of a one-line reply', () => {
    const splitter = new BlockSplitter();
    for (let index = 0; index < 20_000; index++) {
      const events = splitter.append('word ');
      assert.deepEqual(events, [{ type: 'text', text: 'word ' }]);
    }
    const end = splitter.end();
    assert.equal((end[0] as { block: { text: string } }).block.text.length, 100_000);
  });
});
