/**
 * Hostile text for generated code: each item closes a literal, expands, runs or ends a line in at least
 * one of bash, JavaScript and Python. Payloads that would run something create `pwned` in the working
 * directory, which a test then expects not to exist.
 */
export const CANARY = 'pwned';

const ITEMS: Readonly<Record<string, string>> = {
  quotes: `"double" 'single' “curly” «guillemets» """triple''' \\"`,
  backslashes: 'back\\slash \\n \\r \\u0041 \\x41 \\0 \\\\ \\N{DASH} \\',
  command: `$(touch ${CANARY}) $((1+1))`,
  backticks: `\`touch ${CANARY}\``,
  expansions: '${HOME} ${IFS} $HOME $1 $5 $$ !! !-1 ~ * {x} {{y}} %s %(x)s #{x}',
  javascript: `" + require("fs").writeFileSync("${CANARY}", "") + " \${require("fs").writeFileSync("${CANARY}", "")} */ //`,
  python: `" + __import__("os").system("touch ${CANARY}") + " {__import__("os").system("touch ${CANARY}")} """ + ''' #`,
  lineBreaks: 'line\nnext\r\nwindows\rcarriage\n',
  separators: 'ls\u2028ps\u2029nel\u0085vt\u000bff\u000c',
  nul: 'a\u0000b',
  hereDocs: `\nEOF\ntouch ${CANARY}\nJSON\ntouch ${CANARY}\n'JSON'\nPY\n`,
  unicode: '中文 😀 é\u0301 \u202eRTL\u202c \ufeff zero\u200bwidth',
};

/** Every item, each name once, NUL only where the language can carry it. */
export function hostileText(options: { nul: boolean }): string {
  return Object.entries(ITEMS).filter(([name]) => options.nul || name !== 'nul').map(([name, text]) => `<${name}>${text}</${name}>`).join('\n');
}

/** Every item, then filler up to 300 KB of UTF-8. */
export function hostileLongText(): string {
  const head = hostileText({ nul: true });
  const filler = 'A long prompt, 很长的提示词. ';
  const size = 300 * 1024;
  let text = head;
  while (Buffer.byteLength(text) + Buffer.byteLength(filler) <= size) text += filler;
  return text + 'x'.repeat(size - Buffer.byteLength(text));
}

/**
 * A file name with what a file name can hold: no NUL or `/`, at most 255 bytes. curl's `-F` cannot send
 * a name with `"`, `;` or a line break, so those stay out (they are in the text above).
 */
export const HOSTILE_FILE_NAME = `it's $(touch ${CANARY}) \`touch ${CANARY}\` \${HOME} {x} %s \u2028 中文.png`;
