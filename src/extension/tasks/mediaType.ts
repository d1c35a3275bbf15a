/** What a result file is, told from its first bytes, and the extension it is saved with. */
export interface MediaType {
  readonly extension: string;
  readonly kind: 'image' | 'video' | 'audio' | 'json';
}

const ascii = (head: Uint8Array, offset: number, text: string) =>
  head.length >= offset + text.length && [...text].every((char, i) => head[offset + i] === char.charCodeAt(0));

const startsWith = (head: Uint8Array, bytes: readonly number[]) => head.length >= bytes.length && bytes.every((byte, i) => head[i] === byte);

/** The first non-whitespace byte after an optional UTF-8 byte order mark. */
function firstSignificant(head: Uint8Array): number | undefined {
  let i = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return head[i];
}

/** Recognises the image, video, audio and JSON files DashScope returns by their magic bytes; undefined for anything else. */
export function mediaTypeOf(head: Uint8Array): MediaType | undefined {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { extension: '.png', kind: 'image' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { extension: '.jpg', kind: 'image' };
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return { extension: '.gif', kind: 'image' };
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return { extension: '.webp', kind: 'image' };
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return { extension: '.wav', kind: 'audio' };
  if (ascii(head, 4, 'ftyp')) return { extension: ascii(head, 8, 'qt  ') ? '.mov' : '.mp4', kind: 'video' };
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return { extension: '.webm', kind: 'video' };
  if (ascii(head, 0, 'fLaC')) return { extension: '.flac', kind: 'audio' };
  if (ascii(head, 0, 'OggS')) return { extension: '.ogg', kind: 'audio' };
  if (ascii(head, 0, 'ID3') || (head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0)) return { extension: '.mp3', kind: 'audio' };
  const first = firstSignificant(head);
  if (first === 0x7b || first === 0x5b) return { extension: '.json', kind: 'json' };
  return undefined;
}
