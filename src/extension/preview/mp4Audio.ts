import { promises as fs } from 'node:fs';

/**
 * The audio codec of an MP4/MOV file, read from its sample descriptions (moov/trak/mdia/minf/stbl/stsd)
 * without reading the media data. VS Code's media stack cannot decode AAC, so such a file plays silent there.
 */
export type Mp4Audio = 'none' | 'aac' | 'other';

/** The file's boxes contradict its real size or exceed what is worth reading: its sound cannot be told. */
export class Mp4FormatError extends Error {
  override readonly name = 'Mp4FormatError';
}

/** A `moov` is sample tables, a few MB for hours of video; a larger one is not read. */
export const MAX_MOOV_BYTES = 32 * 1024 * 1024;
/** Top-level boxes looked at before giving up on finding `moov` (real files have fewer than ten). */
const MAX_TOP_LEVEL_BOXES = 4096;
/** moov → trak → mdia → minf → stbl is four levels; anything deeper is not a sample table. */
const MAX_DEPTH = 6;

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);

interface Box {
  readonly type: string;
  readonly start: number;
  readonly headerSize: number;
  readonly size: number;
}

/**
 * The box whose header starts at `offset` in `header` (at least 8 bytes available up to `end`), or undefined when
 * its declared size does not fit between `offset` and `end`. 64-bit sizes are compared as bigints, so no declared
 * size, however large, turns into an allocation or a read.
 */
function boxAt(header: Buffer, at: number, offset: number, end: number): Box | undefined {
  const declared = header.readUInt32BE(at);
  const type = header.toString('latin1', at + 4, at + 8);
  if (declared === 0) return { type, start: offset, headerSize: 8, size: end - offset };
  if (declared !== 1) return declared < 8 || offset + declared > end ? undefined : { type, start: offset, headerSize: 8, size: declared };
  if (offset + 16 > end) return undefined;
  const large = header.readBigUInt64BE(at + 8);
  return large < 16n || large > BigInt(end - offset) ? undefined : { type, start: offset, headerSize: 16, size: Number(large) };
}

function readBoxes(buffer: Buffer, start: number, end: number): Box[] {
  const boxes: Box[] = [];
  for (let offset = start; offset + 8 <= end;) {
    const box = boxAt(buffer, offset, offset, end);
    if (!box) break;
    boxes.push(box);
    offset += box.size;
  }
  return boxes;
}

/** Sample entry types of every track's `stsd` inside a `moov` box. */
export function sampleEntries(moov: Buffer): string[] {
  const entries: string[] = [];
  const walk = (start: number, end: number, depth: number) => {
    for (const box of readBoxes(moov, start, end)) {
      if (CONTAINERS.has(box.type)) {
        if (depth < MAX_DEPTH) walk(box.start + box.headerSize, box.start + box.size, depth + 1);
      }
      // stsd: version/flags (4) + entry count (4), then sample entries that are boxes themselves.
      else if (box.type === 'stsd') for (const entry of readBoxes(moov, box.start + box.headerSize + 8, box.start + box.size)) entries.push(entry.type);
    }
  };
  walk(0, moov.length, 0);
  return entries;
}

const AUDIO_ENTRIES = new Set(['mp4a', 'ac-3', 'ec-3', 'Opus', 'fLaC', 'alac', 'samr', '.mp3', 'lpcm', 'sowt', 'twos', 'ulaw', 'alaw']);

async function findMoov(handle: fs.FileHandle, size: number): Promise<Buffer | undefined> {
  const header = Buffer.alloc(16);
  let offset = 0;
  for (let count = 0; offset + 8 <= size && count < MAX_TOP_LEVEL_BOXES; count++) {
    await handle.read(header, 0, Math.min(16, size - offset), offset);
    const box = boxAt(header, 0, offset, size);
    // A box running past the end is a truncated file or not an MP4 at all: it has no movie header to read.
    if (!box) return header.toString('latin1', 4, 8) === 'moov' ? overrun(offset, size) : undefined;
    if (box.type === 'moov') {
      const length = box.size - box.headerSize;
      if (length > MAX_MOOV_BYTES) throw new Mp4FormatError(`The movie header is ${length} bytes, more than the ${MAX_MOOV_BYTES} bytes read to find its sound.`);
      const moov = Buffer.alloc(length);
      const { bytesRead } = await handle.read(moov, 0, length, offset + box.headerSize);
      if (bytesRead < length) throw new Mp4FormatError('The file ended inside its movie header.');
      return moov;
    }
    offset += box.size;
  }
  return undefined;
}

function overrun(offset: number, size: number): never {
  throw new Mp4FormatError(`The movie header at byte ${offset} declares a size larger than the ${size}-byte file.`);
}

/**
 * Which sound the file has. Every size the file declares is checked against its real size before anything is
 * allocated or read, so a damaged or hostile file rejects with an Mp4FormatError instead of exhausting memory.
 */
export async function mp4Audio(file: string): Promise<Mp4Audio> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const moov = await findMoov(handle, size);
    if (!moov) return 'none';
    const audio = sampleEntries(moov).filter((entry) => AUDIO_ENTRIES.has(entry));
    return audio.length === 0 ? 'none' : audio.includes('mp4a') ? 'aac' : 'other';
  } finally {
    await handle.close();
  }
}
