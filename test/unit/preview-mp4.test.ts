import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { mp4Audio, Mp4FormatError } from '../../src/extension/preview/mp4Audio';

const fixture = (name: string) => path.join(__dirname, '..', 'simulator', 'fixtures', name);
const folder = mkdtempSync(path.join(os.tmpdir(), 'mp4-'));
after(() => rmSync(folder, { recursive: true, force: true }));

/** A file of exactly `bytes`, with a top-level box header `type` declaring `size` (a 32-bit size, or 1 then 64-bit). */
function boxFile(name: string, type: string, size: number | bigint, bytes = 16): string {
  const content = Buffer.alloc(bytes);
  if (typeof size === 'bigint') {
    content.writeUInt32BE(1, 0);
    content.writeBigUInt64BE(size, 8);
  } else {
    content.writeUInt32BE(size, 0);
  }
  content.write(type, 4, 'latin1');
  const file = path.join(folder, name);
  writeFileSync(file, content);
  return file;
}

describe('mp4Audio', () => {
  it('finds AAC sound, and no sound in a silent video', async () => {
    assert.equal(await mp4Audio(fixture('video-aac.mp4')), 'aac');
    assert.equal(await mp4Audio(fixture('video.mp4')), 'none');
  });

  it('reads a file that is not an MP4 as having no sound', async () => {
    assert.equal(await mp4Audio(path.join(__dirname, 'preview-mp4.test.ts')), 'none');
  });

  it('rejects a 16-byte file whose movie header declares 0xFFFFFFF0 bytes, without allocating them', async () => {
    await assert.rejects(mp4Audio(boxFile('huge32.mp4', 'moov', 0xFFFFFFF0)), Mp4FormatError);
  });

  it('rejects a 16-byte file whose movie header declares 0x7FFFFF00 bytes', async () => {
    await assert.rejects(mp4Audio(boxFile('2gb.mp4', 'moov', 0x7FFFFF00)), Mp4FormatError);
  });

  it('rejects 64-bit movie header sizes larger than the file, however large', async () => {
    for (const size of [0xFFFFFFFFFFFFFFFFn, 2n ** 53n + 1n, 0x100000000n, 17n]) {
      await assert.rejects(mp4Audio(boxFile('huge64.mp4', 'moov', size)), Mp4FormatError, `size ${size}`);
    }
    await assert.rejects(mp4Audio(boxFile('tiny64.mp4', 'moov', 8n)), Mp4FormatError, 'a 64-bit size smaller than its header');
  });

  it('treats other boxes that run past the end as a truncated file with no sound', async () => {
    assert.equal(await mp4Audio(boxFile('free.mp4', 'free', 0xFFFFFFF0)), 'none');
    assert.equal(await mp4Audio(boxFile('free64.mp4', 'mdat', 0xFFFFFFFFFFFFFFFFn)), 'none');
  });

  it('does not read a movie header larger than the cap, even when the file is that large', async () => {
    const file = path.join(folder, 'bigmoov.mp4');
    const header = Buffer.alloc(8);
    header.writeUInt32BE(40 * 1024 * 1024, 0);
    header.write('moov', 4, 'latin1');
    writeFileSync(file, header);
    truncateSync(file, 40 * 1024 * 1024);
    await assert.rejects(mp4Audio(file), /more than the/);
  });

  it('survives boxes nested a hundred thousand deep inside the movie header', async () => {
    const depth = 100_000;
    const content = Buffer.alloc(8 * depth);
    for (let level = 0; level < depth; level++) {
      content.writeUInt32BE(8 * (depth - level), 8 * level);
      content.write(level === 0 ? 'moov' : 'trak', 8 * level + 4, 'latin1');
    }
    const file = path.join(folder, 'deep.mp4');
    writeFileSync(file, content);
    assert.equal(await mp4Audio(file), 'none');
  });
});
