import { commentText, hasUnsafe, replaceUnsafe, type Quoting } from './text';

/**
 * Quoting for bash. Text a user can read stays in single quotes, where nothing expands (not even `!` when
 * pasted into a terminal); unsafe characters go in `$'\xNN'` segments of their UTF-8 bytes, which bash 3.2
 * (macOS) reads too. NUL cannot be in a bash string or argument at all: it is refused.
 */
export const bashComment = (text: string) => `# ${commentText(text)}`;

const ansiC = (char: string) => {
  if (char === '\0') throw new Error('A NUL character cannot be passed to a bash command.');
  return `'$'${[...new TextEncoder().encode(char)].map((byte) => `\\x${byte.toString(16).padStart(2, '0')}`).join('')}''`;
};

/** Single quotes: `'` written as `'\''`, unsafe characters as `$'\xNN'` segments. */
export const SINGLE_QUOTED: Quoting = {
  open: "'",
  close: "'",
  escape: (text) => replaceUnsafe(text.replace(/'/g, "'\\''"), ansiC),
};

/** Inside double quotes (where `$VARIABLES` in the same string expand): `\`, `$`, `` ` `` and `"` escaped. */
export const doubleQuotedText = (text: string) => {
  if (hasUnsafe(text)) throw new Error('Line breaks and control characters cannot be written inside a bash double-quoted string.');
  return text.replace(/[\\$`"]/g, (char) => `\\${char}`);
};
