import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { mp4Audio } from '../../src/extension/preview/mp4Audio';

const fixture = (name: string) => path.join(__dirname, '..', 'simulator', 'fixtures', name);

describe('mp4Audio', () => {
  it('finds AAC sound, and no sound in a silent video', async () => {
    assert.equal(await mp4Audio(fixture('video-aac.mp4')), 'aac');
    assert.equal(await mp4Audio(fixture('video.mp4')), 'none');
  });

  it('reads a file that is not an MP4 as having no sound', async () => {
    assert.equal(await mp4Audio(path.join(__dirname, 'preview-mp4.test.ts')), 'none');
  });
});
