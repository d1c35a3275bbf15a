import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { pcmToWav } from '../../src/extension/speech/wavFile';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG of the given size: a diagonal gradient whose colours follow the seed, so results differ. */
export function makePng(seed: number, width = 256, height = 256): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour RGB
  const stride = width * 3 + 1;
  const rows = Buffer.alloc(stride * height);
  const r = (seed * 97) % 256;
  const g = (seed * 57 + 80) % 256;
  const b = (seed * 31 + 160) % 256;
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2;
      const at = row + 1 + x * 3;
      rows[at] = r + (255 - r) * t;
      rows[at + 1] = g * (1 - t);
      rows[at + 2] = b * t + 40 * (1 - t);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows, { level: 3 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** 16-bit mono PCM samples of a soft tone at 24 kHz (the service's TTS rate). */
export function makePcm(seconds: number, frequency = 440, sampleRate = 24_000): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) pcm.writeInt16LE(Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * 6000), i * 2);
  return pcm;
}

/** A real WAV file around the given PCM (the header the extension writes for streamed speech). */
export const makeWav = (pcm: Buffer, sampleRate = 24_000): Buffer => pcmToWav(pcm, sampleRate);

const FIXTURES = path.join(__dirname, 'fixtures');

/** Small committed MP4s made with Debian's ffmpeg (see fixtures/README.md). */
export function fixture(name: 'video.mp4' | 'video-aac.mp4'): Buffer {
  const file = path.join(FIXTURES, name);
  if (!existsSync(file)) throw new Error(`Missing simulator fixture ${file}`);
  return readFileSync(file);
}

