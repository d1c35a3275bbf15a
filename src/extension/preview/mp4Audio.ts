import { promises as fs } from 'node:fs';

/**
 * The audio codec of an MP4/MOV file, read from its sample descriptions (moov/trak/mdia/minf/stbl/stsd)
 * without reading the media data. VS Code's media stack cannot decode AAC, so such a file plays silent there.
 */
export type Mp4Audio = 'none' | 'aac' | 'other';

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);

interface Box {
  readonly type: string;
  readonly start: number;
  readonly headerSize: number;
  readonly size: number;
}

function readBoxes(buffer: Buffer, start: number, end: number): Box[] {
  const boxes: Box[] = [];
  let offset = start;
  while (offset + 8 <= end) {
    let size = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    let headerSize = 8;
    if (size === 1 && offset + 16 <= end) {
      size = Number(buffer.readBigUInt64BE(offset + 8));
      headerSize = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < headerSize || offset + size > end) break;
    boxes.push({ type, start: offset, headerSize, size });
    offset += size;
  }
  return boxes;
}

/** Sample entry types of every track's `stsd` inside a `moov` box. */
export function sampleEntries(moov: Buffer): string[] {
  const entries: string[] = [];
  const walk = (start: number, end: number) => {
    for (const box of readBoxes(moov, start, end)) {
      if (CONTAINERS.has(box.type)) walk(box.start + box.headerSize, box.start + box.size);
      // stsd: version/flags (4) + entry count (4), then sample entries that are boxes themselves.
      else if (box.type === 'stsd') for (const entry of readBoxes(moov, box.start + box.headerSize + 8, box.start + box.size)) entries.push(entry.type);
    }
  };
  walk(0, moov.length);
  return entries;
}

const AUDIO_ENTRIES = new Set(['mp4a', 'ac-3', 'ec-3', 'Opus', 'fLaC', 'alac', 'samr', '.mp3', 'lpcm', 'sowt', 'twos', 'ulaw', 'alaw']);

export async function mp4Audio(file: string): Promise<Mp4Audio> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(16);
    for (let offset = 0; offset + 8 <= size;) {
      await handle.read(header, 0, 16, offset);
      let boxSize = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      let headerSize = 8;
      if (boxSize === 1) {
        boxSize = Number(header.readBigUInt64BE(8));
        headerSize = 16;
      } else if (boxSize === 0) {
        boxSize = size - offset;
      }
      if (boxSize < headerSize) return 'none';
      if (type === 'moov') {
        const moov = Buffer.alloc(boxSize - headerSize);
        await handle.read(moov, 0, moov.length, offset + headerSize);
        const audio = sampleEntries(moov).filter((entry) => AUDIO_ENTRIES.has(entry));
        return audio.length === 0 ? 'none' : audio.includes('mp4a') ? 'aac' : 'other';
      }
      offset += boxSize;
    }
    return 'none';
  } finally {
    await handle.close();
  }
}
