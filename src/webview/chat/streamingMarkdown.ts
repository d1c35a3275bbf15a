import { BlockSplitter, type Block, type SplitEvent } from './blockSplitter';
import { renderInline, renderMarkdown, type CodeBlockRenderer } from './markdown';

/**
 * The open block is re-rendered from its unfrozen tail only; once the tail is longer than this, its head
 * is rendered for good (at a line end, or at a space outside inline markup) and dropped from the tail.
 * So a token costs at most one render of this many characters, however long the reply is.
 */
const SEGMENT_CHARS = 1500;
/**
 * Finished blocks are grouped in pages of this many; pages off screen are skipped by layout (see chat.css),
 * so the browser's work per token does not grow with the number of blocks above.
 */
const BLOCKS_PER_PAGE = 24;

/** Where a tail can be frozen: the last line end, else the last space with inline markup closed before it. */
export function freezePoint(tail: string): { at: number; inline: boolean } | undefined {
  const newline = tail.lastIndexOf('\n', tail.length - 2);
  if (newline > 0) return { at: newline + 1, inline: false };
  let ticks = 0;
  let stars = 0;
  let brackets = 0;
  let best: number | undefined;
  for (let index = 0; index < tail.length - 1; index++) {
    const char = tail[index];
    if (char === '`') ticks++;
    else if (char === '*' || char === '_') stars++;
    else if (char === '[') brackets++;
    else if (char === ']') brackets--;
    else if (char === ' ' && ticks % 2 === 0 && stars % 2 === 0 && brackets === 0) best = index + 1;
  }
  return best === undefined ? undefined : { at: best, inline: true };
}

/**
 * Renders Markdown as it streams: finished blocks once, the open block from its tail, code of an open
 * fence appended to a text node. `append` only records text; `render` updates the DOM (call it once per
 * animation frame, or per token in the benchmark); `end` renders the last block for good.
 */
export class StreamingMarkdown {
  readonly element = document.createElement('div');
  private readonly splitter = new BlockSplitter();
  private pending: SplitEvent[] = [];
  private open: HTMLElement | undefined;
  private fenceCode: Text | undefined;
  private tail: string[] = [];
  private tailView: HTMLElement | undefined;
  private inlineTail = false;
  private tailChanged = false;
  private page: HTMLElement | undefined;
  private blocksInPage = 0;
  /** The open block's frozen segments, grouped in pages like finished blocks. */
  private segmentPage: HTMLElement | undefined;
  private segmentsInPage = 0;

  constructor(private readonly codeBlock: CodeBlockRenderer) {
    this.element.className = 'markdown';
  }

  /** Renders a finished text at once. */
  static finished(text: string, codeBlock: CodeBlockRenderer): HTMLElement {
    const renderer = new StreamingMarkdown(codeBlock);
    renderer.append(text);
    renderer.end();
    return renderer.element;
  }

  append(text: string): void {
    if (text) this.pending.push(...this.splitter.append(text));
  }

  render(): void {
    const events = this.pending;
    this.pending = [];
    for (const event of events) this.apply(event);
    this.renderTail();
  }

  end(): void {
    this.pending.push(...this.splitter.end());
    this.render();
  }

  private apply(event: SplitEvent): void {
    switch (event.type) {
      case 'text':
        if (this.fenceCode) {
          this.fenceCode.appendData(event.text);
        } else {
          this.tail.push(event.text);
          this.tailChanged = true;
        }
        return;
      case 'close': {
        const final = this.renderBlock(event.block);
        if (this.open) this.open.replaceWith(final);
        else this.currentPage().append(final);
        this.reset();
        if (++this.blocksInPage >= BLOCKS_PER_PAGE) this.page = undefined;
        return;
      }
      case 'open':
        this.reset();
        if (event.fence) this.openFence(event.fence.language);
        return;
    }
  }

  private reset(): void {
    this.open = undefined;
    this.fenceCode = undefined;
    this.tail = [];
    this.tailView = undefined;
    this.inlineTail = false;
    this.tailChanged = false;
    this.segmentPage = undefined;
  }

  private openFence(language: string): void {
    const pre = document.createElement('pre');
    const code = document.createElement('code');
    this.fenceCode = document.createTextNode('');
    code.append(this.fenceCode);
    pre.append(code);
    this.open = document.createElement('div');
    this.open.className = 'code-block streaming';
    this.open.dataset.language = language;
    this.open.append(pre);
    this.currentPage().append(this.open);
  }

  private currentSegmentPage(): HTMLElement {
    if (!this.segmentPage || this.segmentsInPage >= BLOCKS_PER_PAGE) {
      this.segmentPage = document.createElement('div');
      this.segmentPage.className = 'page';
      this.segmentsInPage = 0;
      if (this.tailView) this.tailView.before(this.segmentPage);
      else this.open!.append(this.segmentPage);
    }
    this.segmentsInPage++;
    return this.segmentPage;
  }

  private currentPage(): HTMLElement {
    if (!this.page) {
      this.page = document.createElement('div');
      this.page.className = 'page';
      this.blocksInPage = 0;
      this.element.append(this.page);
    }
    return this.page;
  }

  private renderBlock(block: Block): Node {
    if (block.kind === 'fence') return this.codeBlock(block.code, block.language);
    const container = document.createElement('div');
    container.className = 'block';
    container.append(renderMarkdown(block.text, this.codeBlock));
    return container;
  }

  /** Re-renders the open block's tail, freezing its head first when it has grown long. */
  private renderTail(): void {
    if (this.fenceCode || !this.tailChanged) return;
    this.tailChanged = false;
    let tail = this.tail.length === 1 ? this.tail[0]! : this.tail.join('');
    if (!this.open) {
      this.open = document.createElement('div');
      this.open.className = 'block streaming';
      this.currentPage().append(this.open);
    }
    const point = tail.length > SEGMENT_CHARS ? freezePoint(tail) : undefined;
    if (point) {
      const head = tail.slice(0, point.at);
      tail = tail.slice(point.at);
      this.tailView?.remove();
      this.tailView = undefined;
      this.currentSegmentPage().append(this.segment(head, this.inlineTail || point.inline));
      this.inlineTail = point.inline;
    }
    this.tail = [tail];
    const view = this.segment(tail, this.inlineTail);
    if (this.tailView) this.tailView.replaceWith(view);
    else this.open.append(view);
    this.tailView = view;
  }

  /**
   * A piece of the open block, its own box so the browser lays out only the tail again: one long
   * paragraph laid out whole per token would cost more with every token. A paragraph cut at a space
   * continues as inline Markdown (on a new line until the block ends and is rendered whole).
   */
  private segment(text: string, inline: boolean): HTMLElement {
    const element = document.createElement('div');
    element.className = 'segment';
    element.append(inline ? renderInline(text) : renderMarkdown(text, this.codeBlock));
    return element;
  }
}
