const QUOTE = 34;
const BACKSLASH = 92;
const FIRST_PRINTABLE = 32;

/** True when `text` can sit between JSON string quotes as it is: no quote, backslash or control character. */
function isPlainJsonStringBody(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE || code === BACKSLASH || code < FIRST_PRINTABLE) return false;
  }
  return true;
}

/**
 * The chunks of a long reply repeat one JSON text whose only change is the string value of one delta
 * field. After a chunk has been parsed and validated in full, `learn` keeps the text before that string
 * (ending with its opening quote) and after it (starting with its closing quote). A later chunk with the
 * same prefix and suffix and a plain middle is the same JSON object with that middle as the field's value,
 * which is exactly what `JSON.parse` would return, so `match` answers it without parsing. Anything else
 * (another shape, an escape sequence in the text, an error frame) does not match and is parsed in full.
 */
export class DeltaTemplate {
  private readonly marker: string;
  private prefix: string | undefined;
  private suffix = '';

  constructor(field: string) {
    this.marker = `"${field}":"`;
  }

  /** Learns the shape of a validated chunk `data` whose field holds the non-empty `value`. */
  learn(data: string, value: string): void {
    this.prefix = undefined;
    const at = data.indexOf(this.marker);
    if (at === -1 || data.indexOf(this.marker, at + 1) !== -1 || !isPlainJsonStringBody(value)) return;
    const valueStart = at + this.marker.length;
    const valueEnd = valueStart + value.length;
    if (data.charCodeAt(valueEnd) !== QUOTE || !data.startsWith(value, valueStart)) return;
    this.prefix = data.slice(0, valueStart);
    this.suffix = data.slice(valueEnd);
  }

  /** The field's value when `data` has the learned shape, otherwise undefined. */
  match(data: string): string | undefined {
    const prefix = this.prefix;
    if (prefix === undefined || data.length < prefix.length + this.suffix.length) return undefined;
    const valueEnd = data.length - this.suffix.length;
    // Comparing slices is several times faster in V8 than startsWith/endsWith on these strings.
    if (data.slice(0, prefix.length) !== prefix || data.slice(valueEnd) !== this.suffix) return undefined;
    const value = data.slice(prefix.length, valueEnd);
    return isPlainJsonStringBody(value) ? value : undefined;
  }
}
