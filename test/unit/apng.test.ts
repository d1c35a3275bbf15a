import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import { encodeApng } from '../e2e/screens/apng';
import { decodePng, luminanceSpread, type Rgba } from '../e2e/screens/png';

const image = (width: number, height: number, paint: (x: number, y: number) => [number, number, number]): Rgba => {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([...paint(x, y), 255], (y * width + x) * 4);
  return { width, height, data };
};

/** The chunks of a PNG as [type, data]. */
function chunks(png: Buffer): [string, Buffer][] {
  const found: [string, Buffer][] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    found.push([png.toString('ascii', at + 4, at + 8), png.subarray(at + 8, at + 8 + length)]);
    at += 12 + length;
  }
  return found;
}

describe('screenshot PNG and animated PNG codec', () => {
  const gradient = image(37, 23, (x, y) => [x * 7, y * 11, (x * y) % 256]);

  it('decodes what it encodes (every row filter), and a still PNG reader sees the first frame', () => {
    const decoded = decodePng(encodeApng([{ image: gradient, ms: 100 }]));
    assert.equal(decoded.width, 37);
    assert.equal(decoded.height, 23);
    assert.ok(decoded.data.equals(gradient.data));
  });

  it('stores only the changed rectangle of a frame, merges unchanged frames and numbers chunks in order', () => {
    const changed = image(37, 23, (x, y) => (x >= 10 && x < 14 && y >= 5 && y < 8 ? [1, 2, 3] : [x * 7, y * 11, (x * y) % 256]));
    const apng = encodeApng([{ image: gradient, ms: 500 }, { image: gradient, ms: 700 }, { image: changed, ms: 300 }]);
    const list = chunks(apng);
    assert.deepEqual(list.map(([type]) => type), ['IHDR', 'acTL', 'fcTL', 'IDAT', 'fcTL', 'fdAT', 'IEND']);
    assert.equal(list[1]![1].readUInt32BE(0), 2, 'two frames: the repeated one only lengthens the first');
    const [first, second] = list.filter(([type]) => type === 'fcTL').map(([, data]) => data);
    assert.deepEqual([first!.readUInt32BE(0), first!.readUInt16BE(20), first!.readUInt16BE(22)], [0, 1200, 1000]);
    assert.deepEqual([1, 2, 3, 4].map((i) => second!.readUInt32BE(i * 4)), [4, 3, 10, 5], 'width, height, x, y of the change');
    const fdat = list.find(([type]) => type === 'fdAT')![1];
    assert.deepEqual([second!.readUInt32BE(0), fdat.readUInt32BE(0)], [1, 2], 'sequence numbers run over fcTL and fdAT, IDAT has none');
    assert.equal(inflateSync(fdat.subarray(4)).length, 3 * (1 + 4 * 4), 'three scanlines of four pixels');
  });

  it('refuses frames of another size, and measures a blank image as flat', () => {
    assert.throws(() => encodeApng([{ image: gradient, ms: 1 }, { image: image(2, 2, () => [0, 0, 0]), ms: 1 }]), /2×2 in a 37×23/);
    assert.ok(luminanceSpread(image(8, 8, () => [40, 40, 40])) < 0.01);
    assert.ok(luminanceSpread(gradient) > 20);
  });
});
