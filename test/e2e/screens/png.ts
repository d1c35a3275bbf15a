import { crc32, deflateSync, inflateSync } from 'node:zlib';

/** An 8-bit RGBA image, row by row. */
export interface Rgba {
  readonly width: number;
  readonly height: number;
  readonly data: Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0);
  return Buffer.concat([head, data, crc]);
}

const paeth = (a: number, b: number, c: number) => {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/**
 * Decodes the PNGs Chromium writes (8-bit RGB or RGBA, not interlaced) into RGBA. Anything else is refused:
 * these are our own screenshots, not arbitrary files.
 */
export function decodePng(png: Buffer): Rgba {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let width = 0, height = 0, channels = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      channels = colour === 6 ? 4 : colour === 2 ? 3 : 0;
      if (depth !== 8 || channels === 0 || interlace !== 0) throw new Error(`unsupported PNG (depth ${depth}, colour type ${colour}, interlace ${interlace})`);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? pixels[out + x - channels]! : 0;
      const up = y > 0 ? pixels[out - stride + x]! : 0;
      const upLeft = y > 0 && x >= channels ? pixels[out - stride + x - channels]! : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter!] ?? 0;
      pixels[out + x] = (row[x]! + predictor) & 0xff;
    }
  }
  if (channels === 4) return { width, height, data: pixels };
  const data = Buffer.alloc(width * height * 4, 0xff);
  for (let i = 0, j = 0; i < pixels.length; i += 3, j += 4) pixels.copy(data, j, i, i + 3);
  return { width, height, data };
}

/** The scanlines of an RGBA region, each with the filter (none, sub, up or Paeth) that leaves the smallest sum. */
function filteredScanlines(image: Rgba, x0: number, y0: number, width: number, height: number): Buffer {
  const stride = width * 4;
  const out = Buffer.alloc((stride + 1) * height);
  const candidates = [0, 1, 2, 4].map(() => Buffer.alloc(stride));
  for (let y = 0; y < height; y++) {
    const row = image.data.subarray(((y0 + y) * image.width + x0) * 4, ((y0 + y) * image.width + x0) * 4 + stride);
    const prev = y > 0 ? image.data.subarray(((y0 + y - 1) * image.width + x0) * 4, ((y0 + y - 1) * image.width + x0) * 4 + stride) : undefined;
    let best = 0, bestSum = Infinity;
    [0, 1, 2, 4].forEach((filter, index) => {
      const target = candidates[index]!;
      let sum = 0;
      for (let x = 0; x < stride; x++) {
        const left = x >= 4 ? row[x - 4]! : 0;
        const up = prev ? prev[x]! : 0;
        const upLeft = prev && x >= 4 ? prev[x - 4]! : 0;
        const predictor = filter === 1 ? left : filter === 2 ? up : filter === 4 ? paeth(left, up, upLeft) : 0;
        const value = (row[x]! - predictor) & 0xff;
        target[x] = value;
        sum += value < 128 ? value : 256 - value;
      }
      if (sum < bestSum) [best, bestSum] = [index, sum];
    });
    out[y * (stride + 1)] = [0, 1, 2, 4][best]!;
    candidates[best]!.copy(out, y * (stride + 1) + 1);
  }
  return out;
}

/** The zlib stream of a region of an image, as IDAT (or APNG's fdAT) carries it. */
export function compressRegion(image: Rgba, x: number, y: number, width: number, height: number): Buffer {
  return deflateSync(filteredScanlines(image, x, y, width, height), { level: 9 });
}

export function header(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr)]);
}

/** Standard deviation of the luminance of an image's pixels (0 for a blank one). */
export function luminanceSpread(image: Rgba): number {
  let sum = 0, squares = 0;
  const count = image.width * image.height;
  for (let i = 0; i < image.data.length; i += 4) {
    const luma = 0.2126 * image.data[i]! + 0.7152 * image.data[i + 1]! + 0.0722 * image.data[i + 2]!;
    sum += luma;
    squares += luma * luma;
  }
  const mean = sum / count;
  return Math.sqrt(Math.max(0, squares / count - mean * mean));
}
