import { commentText, JSON_STRING, jsonStringText, type Quoting } from './text';

/** Quoting for Python 3. */
export const pyComment = (text: string) => `# ${commentText(text)}`;

/** A double-quoted string literal (JSON's escapes mean the same in Python). */
export const PY_STRING: Quoting = JSON_STRING;
export const pyString = (text: string) => `"${jsonStringText(text)}"`;

/** Text inside a double-quoted f-string: braces doubled, `"` and `\` escaped, unsafe characters as `\uXXXX`. */
export const pyFStringText = (text: string) => jsonStringText(text).replace(/[{}]/g, (brace) => brace + brace);
