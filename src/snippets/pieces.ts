import type { RuntimeRef, SlotRef, SlotSpec } from './model';
import { quote, type Quoting } from './quoting/text';

/** A tab stop in rendered code, with how its language quotes a value there (so any value stays text). */
export interface SlotPiece {
  readonly slot: string;
  readonly quoting: Quoting;
}

/** Rendered code: literal text and the tab stops the user fills in. */
export type Piece = string | SlotPiece;

export const slotIn = (name: string, quoting: Quoting): SlotPiece => ({ slot: name, quoting });

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
 * occurrences mirror the first, choices as `${n|a,b|}`. Defaults and choices are escaped for where they sit.
 */
export function toSnippet(pieces: readonly Piece[], slots: Readonly<Record<string, SlotSpec>>): string {
  const numbers = new Map<string, number>();
  return pieces.map((piece) => {
    if (typeof piece === 'string') return escapeText(piece);
    const { open, close, escape } = piece.quoting;
    const known = numbers.get(piece.slot);
    if (known !== undefined) return `${escapeText(open)}$${known}${escapeText(close)}`;
    const number = numbers.size + 1;
    numbers.set(piece.slot, number);
    const spec = slotSpec(slots, piece.slot);
    const stop = spec.choices && spec.choices.length > 1
      ? `\${${number}|${spec.choices.map((choice) => escapeChoice(escape(choice))).join(',')}|}`
      : `\${${number}:${escapeText(escape(spec.default))}}`;
    return `${escapeText(open)}${stop}${escapeText(close)}`;
  }).join('');
}

/** The pieces as plain code: every slot at its default, or the given value, quoted for where it sits. */
export function toPlain(pieces: readonly Piece[], slots: Readonly<Record<string, SlotSpec>>, values: Readonly<Record<string, string>> = {}): string {
  return pieces.map((piece) => (typeof piece === 'string' ? piece : quote(piece.quoting, values[piece.slot] ?? slotSpec(slots, piece.slot).default))).join('');
}

function slotSpec(slots: Readonly<Record<string, SlotSpec>>, name: string): SlotSpec {
  const spec = slots[name];
  if (!spec) throw new Error(`Snippet slot "${name}" is not declared.`);
  return spec;
}

