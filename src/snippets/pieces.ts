import type { RuntimeRef, SlotRef, SlotSpec } from './model';

/** Rendered code: literal text and the tab stops the user fills in. */
export type Piece = string | SlotRef;

/** Collects pieces line by line. */
export class Code {
  readonly pieces: Piece[] = [];

  add(...parts: readonly Piece[]): this {
    this.pieces.push(...parts);
    return this;
  }

  line(...parts: readonly Piece[]): this {
    return this.add(...parts, '\n');
  }

  lines(...lines: readonly string[]): this {
    for (const line of lines) this.line(line);
    return this;
  }
}

/** A path template split into text, slots (`{name}`) and runtime values (`{@name}`). */
export function pathParts(path: string): (string | SlotRef | RuntimeRef)[] {
  return path.split(/(\{@?\w+\})/).filter(Boolean).map((part) => {
    const match = /^\{(@?)(\w+)\}$/.exec(part);
    if (!match) return part;
    return match[1] ? { ref: match[2]! } : { slot: match[2]! };
  });
}

export const snakeCase = (name: string) => name.replace(/[A-Z]/g, (char) => `_${char.toLowerCase()}`);

/** Escapes literal text for a snippet body: `\`, `$` and `}` are syntax there. */
const escapeText = (text: string) => text.replace(/[\\$}]/g, (char) => `\\${char}`);
const escapeChoice = (text: string) => text.replace(/[\\,|$}]/g, (char) => `\\${char}`);

/**
 * The pieces as a VS Code snippet: tab stops numbered in order of first appearance, a slot's later
 * occurrences mirror the first, choices as `${n|a,b|}`.
 */
export function toSnippet(pieces: readonly Piece[], slots: Readonly<Record<string, SlotSpec>>): string {
  const numbers = new Map<string, number>();
  return pieces.map((piece) => {
    if (typeof piece === 'string') return escapeText(piece);
    const known = numbers.get(piece.slot);
    if (known !== undefined) return `$${known}`;
    const number = numbers.size + 1;
    numbers.set(piece.slot, number);
    const spec = slotSpec(slots, piece.slot);
    return spec.choices && spec.choices.length > 1
      ? `\${${number}|${spec.choices.map(escapeChoice).join(',')}|}`
      : `\${${number}:${escapeText(spec.default)}}`;
  }).join('');
}

/** The pieces as plain code: every slot at its default, or the given value. */
export function toPlain(pieces: readonly Piece[], slots: Readonly<Record<string, SlotSpec>>, values: Readonly<Record<string, string>> = {}): string {
  return pieces.map((piece) => (typeof piece === 'string' ? piece : values[piece.slot] ?? slotSpec(slots, piece.slot).default)).join('');
}

function slotSpec(slots: Readonly<Record<string, SlotSpec>>, name: string): SlotSpec {
  const spec = slots[name];
  if (!spec) throw new Error(`Snippet slot "${name}" is not declared.`);
  return spec;
}

