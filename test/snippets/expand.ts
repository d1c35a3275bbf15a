/**
 * Expands VS Code snippet syntax the way the editor does on insertion, for the subset the catalog
 * emits: `${n:default}`, `${n|a,b|}`, `$n` mirrors and the escapes `\$`, `\}`, `\\` (`\,` `\|` in choices).
 * Any other `$` or unbalanced brace is an error, so a wrongly escaped body fails the test.
 */
export function expandSnippet(body: string, values: Readonly<Record<number, string>> = {}): string {
  const chosen = new Map<number, string>();
  let out = '';
  let i = 0;
  const readUntil = (stops: string, escapable: string): string => {
    let text = '';
    while (i < body.length && !stops.includes(body[i]!)) {
      if (body[i] === '\\' && escapable.includes(body[i + 1] ?? '')) {
        text += body[i + 1];
        i += 2;
      } else {
        text += body[i++];
      }
    }
    if (i >= body.length) throw new Error('Unterminated placeholder.');
    return text;
  };
  while (i < body.length) {
    const char = body[i]!;
    if (char === '\\' && '\\$}'.includes(body[i + 1] ?? '')) {
      out += body[i + 1];
      i += 2;
      continue;
    }
    if (char === '}') throw new Error(`Unescaped } at ${i}: ${body.slice(Math.max(0, i - 40), i + 10)}`);
    if (char !== '$') {
      out += char;
      i++;
      continue;
    }
    const mirror = /^\$(\d+)/.exec(body.slice(i));
    if (mirror) {
      const number = Number(mirror[1]);
      if (!chosen.has(number)) throw new Error(`$${number} before its placeholder.`);
      out += chosen.get(number);
      i += mirror[0].length;
      continue;
    }
    const open = /^\$\{(\d+)([:|])/.exec(body.slice(i));
    if (!open) throw new Error(`Unescaped $ at ${i}: ${body.slice(Math.max(0, i - 40), i + 10)}`);
    const number = Number(open[1]);
    i += open[0].length;
    let value: string;
    if (open[2] === ':') {
      value = readUntil('}', '\\$}');
      i++;
    } else {
      const choices = [readUntil(',|', '\\,|$}')];
      while (body[i] === ',') {
        i++;
        choices.push(readUntil(',|', '\\,|$}'));
      }
      if (body.slice(i, i + 2) !== '|}') throw new Error('Malformed choice.');
      i += 2;
      value = choices[0]!;
    }
    value = values[number] ?? value;
    chosen.set(number, value);
    out += value;
  }
  return out;
}
