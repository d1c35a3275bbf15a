import { commentText, JSON_STRING, jsonStringText, type Quoting } from './text';

/** Quoting for JavaScript and TypeScript. */
export const jsComment = (text: string) => `// ${commentText(text)}`;

/** A double-quoted string literal. */
export const JS_STRING: Quoting = JSON_STRING;
export const jsString = (text: string) => `"${jsonStringText(text)}"`;

/** Text inside a template literal: `` ` ``, `\` and `${` escaped, unsafe characters as `\uXXXX`. */
export const jsTemplateText = (text: string) => jsonStringText(text).replace(/`|\$\{/g, (match) => `\\${match}`);
