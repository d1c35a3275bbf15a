import { chunk, compressRegion, header, type Rgba } from './png';

export interface Frame {
  readonly image: Rgba;
  /** How long the frame stays on screen. */
  readonly ms: number;
}

/** The smallest rectangle holding every pixel that differs between two images of the same size, or undefined if none does. */
function changedRegion(before: Rgba, after: Rgba): { x: number; y: number; width: number; height: number } | undefined {
  const a = new Uint32Array(before.data.buffer, before.data.byteOffset, before.data.length / 4);
  const b = new Uint32Array(after.data.buffer, after.data.byteOffset, after.data.length / 4);
  let top = -1, bottom = -1, left = after.width, right = -1;
  for (let y = 0; y < after.height; y++) {
    const row = y * after.width;
    let first = -1, last = -1;
    for (let x = 0; x < after.width; x++) {
      if (a[row + x] !== b[row + x]) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first < 0) continue;
    if (top < 0) top = y;
    bottom = y;
    left = Math.min(left, first);
    right = Math.max(right, last);
  }
  return top < 0 ? undefined : { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

function frameControl(sequence: number, region: { x: number; y: number; width: number; height: number }, ms: number): Buffer {
  const data = Buffer.alloc(26);
  data.writeUInt32BE(sequence, 0);
  data.writeUInt32BE(region.width, 4);
  data.writeUInt32BE(region.height, 8);
  data.writeUInt32BE(region.x, 12);
  data.writeUInt32BE(region.y, 16);
  data.writeUInt16BE(Math.min(ms, 65_535), 20);
  data.writeUInt16BE(1000, 22);
  // dispose_op 0 (keep) and blend_op 0 (replace): each frame only carries what changed since the one before.
  return chunk('fcTL', data);
}

/**
 * An animated PNG that loops forever. Each frame after the first stores only the rectangle that changed,
 * and a frame identical to the one before only lengthens it, so a tour of mostly still screens stays small.
 */
export function encodeApng(frames: readonly Frame[]): Buffer {
  const first = frames[0];
  if (!first) throw new Error('an animation needs at least one frame');
  const { width, height } = first.image;
  const kept: { region: { x: number; y: number; width: number; height: number }; image: Rgba; ms: number }[] = [];
  let previous: Rgba | undefined;
  for (const frame of frames) {
    if (frame.image.width !== width || frame.image.height !== height) throw new Error(`frame of ${frame.image.width}×${frame.image.height} in a ${width}×${height} animation`);
    const region = previous ? changedRegion(previous, frame.image) : { x: 0, y: 0, width, height };
    if (!region) kept[kept.length - 1] = { ...kept[kept.length - 1]!, ms: kept[kept.length - 1]!.ms + frame.ms };
    else kept.push({ region, image: frame.image, ms: frame.ms });
    previous = frame.image;
  }
  const control = Buffer.alloc(8);
  control.writeUInt32BE(kept.length, 0);
  const parts = [header(width, height), chunk('acTL', control)];
  let sequence = 0;
  kept.forEach(({ region, image, ms }, index) => {
    parts.push(frameControl(sequence++, region, ms));
    const data = compressRegion(image, region.x, region.y, region.width, region.height);
    if (index === 0) {
      parts.push(chunk('IDAT', data));
      return;
    }
    const numbered = Buffer.alloc(4 + data.length);
    numbered.writeUInt32BE(sequence++, 0);
    data.copy(numbered, 4);
    parts.push(chunk('fdAT', numbered));
  });
  parts.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}
