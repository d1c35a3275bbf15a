/** A finished top-level Markdown block: a fenced code block, or anything else (rendered by the Markdown parser). */
export type Block =
  | { readonly kind: 'fence'; readonly language: string; readonly code: string }
  | { readonly kind: 'markdown'; readonly text: string };

/**
 * What a renderer does with streamed Markdown, in order: `text` appends to the open block (raw Markdown,
 * or code inside an open fence); `close` replaces the open block by its final form; `open` starts a new one.
 */
export type SplitEvent =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'close'; readonly block: Block }
  | { readonly type: 'open'; readonly fence?: { readonly language: string } };

const FENCE = /^([ \t]*)(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;

interface OpenFence {
  readonly marker: string;
  readonly language: string;
  /** Indented fences belong to the block around them (a list item); top-level ones are blocks of their own. */
  readonly topLevel: boolean;
}

/**
 * Splits streamed Markdown into top-level blocks as it arrives. It keeps text as pieces and joins a line
 * once, when it ends, so the cost of a chunk does not grow with what came before it (one long string
 * appended to and read on every token would be copied whole every time).
 * A block ends at a blank line (unless the next line is indented, continuing a list item); a top-level
 * fence is a block of its own. A line is classified when complete; until then it streams into the open block.
 */
export class BlockSplitter {
  private partial: string[] = [];
  private lines: string[] = [];
  private code: string[] = [];
  private blanks: string[] = [];
  private fence: OpenFence | undefined;
  private events: SplitEvent[] = [];

  append(chunk: string): SplitEvent[] {
    let from = 0;
    for (let newline = chunk.indexOf('\n'); newline >= 0; newline = chunk.indexOf('\n', from)) {
      this.stream(chunk.slice(from, newline + 1));
      const line = this.partial.join('');
      this.partial = [];
      this.complete(line);
      from = newline + 1;
    }
    if (from < chunk.length) this.stream(chunk.slice(from));
    return this.take();
  }

  /** Ends the stream: the unfinished last line is classified like any other, then the open block is complete. */
  end(): SplitEvent[] {
    const last = this.partial.join('');
    this.partial = [];
    if (last) this.complete(last);
    if (this.fence?.topLevel) {
      this.closeFence(this.fence.language, false);
    } else {
      this.blanks = [];
      this.closeMarkdown();
    }
    this.fence = undefined;
    return this.take();
  }

  private stream(text: string): void {
    this.partial.push(text);
    this.events.push({ type: 'text', text });
  }

  private take(): SplitEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  private complete(line: string): void {
    const fence = this.fence;
    if (fence) {
      const closing = FENCE.exec(line);
      if (closing && closing[2]![0] === fence.marker[0] && closing[2]!.length >= fence.marker.length && !closing[3]) {
        this.fence = undefined;
        if (fence.topLevel) return this.closeFence(fence.language, true);
      }
      (fence.topLevel ? this.code : this.lines).push(line);
      return;
    }
    if (line.trim() === '') {
      this.blanks.push(line);
      return;
    }
    const indented = /^[ \t]/.test(line);
    const opening = FENCE.exec(line);
    if ((this.blanks.length > 0 && !indented) || (opening && !indented)) {
      this.blanks = [];
      this.closeMarkdown();
      if (opening) {
        this.fence = { marker: opening[2]!, language: opening[3] ?? '', topLevel: true };
        this.events.push({ type: 'open', fence: { language: this.fence.language } });
      } else {
        this.events.push({ type: 'open' }, { type: 'text', text: line });
        this.lines.push(line);
      }
      return;
    }
    this.lines.push(...this.blanks, line);
    this.blanks = [];
    if (opening) this.fence = { marker: opening[2]!, language: opening[3] ?? '', topLevel: false };
  }

  private closeMarkdown(): void {
    const text = this.lines.join('');
    this.lines = [];
    this.events.push({ type: 'close', block: { kind: 'markdown', text } });
  }

  private closeFence(language: string, reopen: boolean): void {
    const code = this.code.join('');
    this.code = [];
    this.events.push({ type: 'close', block: { kind: 'fence', language, code: code.replace(/\n$/, '') } });
    if (reopen) this.events.push({ type: 'open' });
  }
}
