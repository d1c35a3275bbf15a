/**
 * Characters never written raw into generated code: controls (NUL, `\r`, `\n`, …), C1 controls (U+0085),
 * the Unicode line and paragraph separators, bidirectional controls and the BOM. Some end a line in one
 * language or editor but not another; others hide or reorder what the reader sees.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\0-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** `\uXXXX`: the one escape JSON, JavaScript and Python strings (and jq) all read the same way. */
export const unicodeEscape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Whether the text holds a character that must not be written raw. */
export const hasUnsafe = (text: string) => text.search(UNSAFE) !== -1;

/** Replaces every unsafe character. */
export const replaceUnsafe = (text: string, replace: (char: string) => string) => text.replace(UNSAFE, replace);

/** Text for a one-line comment: line breaks and controls are shown as `\uXXXX`, so the comment stays one line. */
export const commentText = (text: string) => replaceUnsafe(text, unicodeEscape);

/** How a language writes text inside a literal: the quotes around it and the escaping within. */
export interface Quoting {
  readonly open: string;
  readonly close: string;
  readonly escape: (text: string) => string;
}

/** A complete literal. */
export const quote = (quoting: Quoting, text: string) => `${quoting.open}${quoting.escape(text)}${quoting.close}`;

/**
 * The inside of a double-quoted JSON string, which JavaScript and Python read the same way: `"` and `\`
 * escaped, and every unsafe character (even those JSON allows raw) as `\uXXXX`.
 */
export const jsonStringText = (text: string) => replaceUnsafe(JSON.stringify(text).slice(1, -1), unicodeEscape);

/** Double-quoted JSON (and JavaScript, Python and jq) strings. */
export const JSON_STRING: Quoting = { open: '"', close: '"', escape: jsonStringText };
