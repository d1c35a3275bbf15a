import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { imageRequestBody } from '../../src/dashscope/images';
import { videoRequestBody } from '../../src/dashscope/video';
import { buildImageRequest, buildVideoRequest } from '../../src/extension/media/requestBuilders';
import { hashFile, requestKey } from '../../src/extension/media/requestKey';
import { estimateVideoCost, PRICES, priceTable, tierOf } from '../../src/shared/protocol/mediaCost';
import { checkImageForm, checkVideoForm, defaultImageForm, defaultVideoForm, type MediaInput } from '../../src/shared/protocol/mediaRules';

const input = (name: string, mimeType: string): MediaInput => ({ id: `/w/${name}`, name, mimeType, sizeBytes: 1000 });
function imageParams(form: Parameters<typeof checkImageForm>[0]) {
  const checked = checkImageForm(form);
  assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.issues));
  return checked.value;
}
function videoParams(form: Parameters<typeof checkVideoForm>[0]) {
  const checked = checkVideoForm(form);
  assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.issues));
  return checked.value;
}

describe('image request builder', () => {
  it('sends a qwen-image request with the chosen size, count, seed and switches', () => {
    const params = imageParams({ ...defaultImageForm('qwen-image-plus'), prompt: ' a red kite ', size: '1328*1328', count: '2', seed: '42', promptExtend: false, watermark: true });
    const { path: route, body } = imageRequestBody(buildImageRequest(params, {}));
    assert.equal(route, '/api/v1/services/aigc/multimodal-generation/generation');
    assert.deepEqual(body, {
      model: 'qwen-image-plus',
      input: { messages: [{ role: 'user', content: [{ text: 'a red kite' }] }] },
      parameters: { size: '1328*1328', n: 2, seed: 42, prompt_extend: false, watermark: true },
    });
  });

  it('puts edit images before the instruction, and sends neither size nor prompt extension to qwen-image-edit', () => {
    const params = imageParams({ ...defaultImageForm('qwen-image-edit'), prompt: 'make it blue', size: '1024*1024', inputs: { images: [input('cat.png', 'image/png')] } });
    const { body } = imageRequestBody(buildImageRequest(params, { images: [{ url: 'data:image/png;base64,AAAA', mimeType: 'image/png' }] }));
    assert.deepEqual(body, {
      model: 'qwen-image-edit',
      input: { messages: [{ role: 'user', content: [{ image: 'data:image/png;base64,AAAA' }, { text: 'make it blue' }] }] },
      parameters: { watermark: false },
    });
  });

  it('sends wan text-to-image to the legacy task endpoint with the prompt in input', () => {
    const params = imageParams({ ...defaultImageForm('wan2.2-t2i-flash'), prompt: 'a lighthouse', negativePrompt: 'people', size: '1440*810' });
    const { path: route, body } = imageRequestBody(buildImageRequest(params, {}));
    assert.equal(route, '/api/v1/services/aigc/text2image/image-synthesis');
    assert.deepEqual(body.input, { prompt: 'a lighthouse', negative_prompt: 'people' });
    assert.equal((body.parameters as Record<string, unknown>).size, '1440*810');
  });
});

describe('video request builder', () => {
  it('sends image-to-video with img_url and a resolution tier', () => {
    const params = videoParams({ ...defaultVideoForm('wan2.6-i2v'), prompt: 'the cat waves', inputs: { firstFrame: [input('cat.png', 'image/png')] } });
    const { path: route, body } = videoRequestBody(buildVideoRequest(params, { firstFrame: [{ url: 'oss://dir/cat.png', mimeType: 'image/png' }] }));
    assert.equal(route, '/api/v1/services/aigc/video-generation/video-synthesis');
    assert.deepEqual(body, {
      model: 'wan2.6-i2v',
      input: { prompt: 'the cat waves', img_url: 'oss://dir/cat.png' },
      parameters: { resolution: '1080P', duration: 5, prompt_extend: true, watermark: false, shot_type: 'single' },
    });
  });

  it('sends wan2.7 inputs as media[] typed by each file, and references as images or videos by MIME type', () => {
    const i2v = videoParams({ ...defaultVideoForm('wan2.7-i2v'), inputs: { firstFrame: [input('a.png', 'image/png')] } });
    assert.deepEqual(videoRequestBody(buildVideoRequest(i2v, { firstFrame: [{ url: 'data:image/png;base64,AA', mimeType: 'image/png' }] })).body.input, { media: [{ type: 'first_frame', url: 'data:image/png;base64,AA' }] });
    const r2v = videoParams({ ...defaultVideoForm('wan2.7-r2v'), prompt: 'they meet', inputs: { references: [input('a.png', 'image/png'), input('b.mp4', 'video/mp4')] } });
    const { body } = videoRequestBody(buildVideoRequest(r2v, { references: [{ url: 'data:image/png;base64,AA', mimeType: 'image/png' }, { url: 'data:video/mp4;base64,BB', mimeType: 'video/mp4' }] }));
    assert.deepEqual((body.input as Record<string, unknown>).media, [{ type: 'reference_image', url: 'data:image/png;base64,AA' }, { type: 'reference_video', url: 'data:video/mp4;base64,BB' }]);
    assert.deepEqual(body.parameters, { resolution: '1080P', ratio: '16:9', duration: 5, prompt_extend: true, watermark: false });
  });

  it('sends first and last frames of key-frame models to the image2video path', () => {
    const params = videoParams({ ...defaultVideoForm('wan2.2-kf2v-flash'), inputs: { firstFrame: [input('a.png', 'image/png')], lastFrame: [input('b.png', 'image/png')] } });
    const { path: route, body } = videoRequestBody(buildVideoRequest(params, { firstFrame: [{ url: 'u1', mimeType: 'image/png' }], lastFrame: [{ url: 'u2', mimeType: 'image/png' }] }));
    assert.equal(route, '/api/v1/services/aigc/image2video/video-synthesis');
    assert.deepEqual(body.input, { first_frame_url: 'u1', last_frame_url: 'u2' });
  });

  it('sends a W*H size, driving audio, and the audio switch only where the model has it', () => {
    const t2v = videoParams({ ...defaultVideoForm('wan2.6-t2v'), prompt: 'rain', picture: '1280*720', duration: '10', inputs: { audio: [input('v.mp3', 'audio/mpeg')] } });
    const body = videoRequestBody(buildVideoRequest(t2v, { audio: [{ url: 'oss://a.mp3', mimeType: 'audio/mpeg' }] })).body;
    assert.deepEqual(body.input, { prompt: 'rain', audio_url: 'oss://a.mp3' });
    assert.deepEqual(body.parameters, { size: '1280*720', duration: 10, prompt_extend: true, watermark: false, shot_type: 'single' });
    const flash = videoParams({ ...defaultVideoForm('wan2.6-i2v-flash'), audio: false, inputs: { firstFrame: [input('a.png', 'image/png')] } });
    assert.equal((videoRequestBody(buildVideoRequest(flash, { firstFrame: [{ url: 'u', mimeType: 'image/png' }] })).body.parameters as Record<string, unknown>).audio, false);
  });

  it('sends a wan2.6 multi-shot request with shot_type, and no shot_type to models without it', () => {
    const params = videoParams({ ...defaultVideoForm('wan2.6-r2v'), prompt: 'two friends meet, then part', shotType: 'multi', seed: '7', inputs: { references: [input('a.png', 'image/png')] } });
    const { path: route, body } = videoRequestBody(buildVideoRequest(params, { references: [{ url: 'oss://a.png', mimeType: 'image/png' }] }));
    assert.equal(route, '/api/v1/services/aigc/video-generation/video-synthesis');
    assert.deepEqual(body, {
      model: 'wan2.6-r2v',
      input: { prompt: 'two friends meet, then part', reference_urls: ['oss://a.png'] },
      parameters: { size: '1920*1080', duration: 5, seed: 7, prompt_extend: true, watermark: false, shot_type: 'multi' },
    });
    const t2v = videoParams({ ...defaultVideoForm('wan2.7-t2v'), prompt: 'rain', shotType: 'multi' });
    assert.equal((videoRequestBody(buildVideoRequest(t2v, {})).body.parameters as Record<string, unknown>).shot_type, undefined);
  });

  it('sends a HappyHorse video edit\'s reference image after the source video in media[]', () => {
    const params = videoParams({ ...defaultVideoForm('happyhorse-1.0-video-edit'), prompt: 'Convert to clay style', inputs: { video: [input('clip.mp4', 'video/mp4')], referenceImages: [input('ref.png', 'image/png')] } });
    const { path: route, body } = videoRequestBody(buildVideoRequest(params, { video: [{ url: 'oss://clip.mp4', mimeType: 'video/mp4' }], referenceImages: [{ url: 'oss://ref.png', mimeType: 'image/png' }] }));
    assert.equal(route, '/api/v1/services/aigc/video-generation/video-synthesis');
    assert.deepEqual(body, {
      model: 'happyhorse-1.0-video-edit',
      input: { prompt: 'Convert to clay style', media: [{ type: 'video', url: 'oss://clip.mp4' }, { type: 'reference_image', url: 'oss://ref.png' }] },
      parameters: { resolution: '1080P', prompt_extend: true, watermark: false },
    });
  });

  it('sends wan2.7-videoedit without a duration or ratio by default (the output keeps the source\'s)', () => {
    const params = videoParams({ ...defaultVideoForm('wan2.7-videoedit'), prompt: 'make it snow', inputs: { video: [input('clip.mp4', 'video/mp4')] } });
    const { body } = videoRequestBody(buildVideoRequest(params, { video: [{ url: 'oss://clip.mp4', mimeType: 'video/mp4' }] }));
    assert.deepEqual(body.input, { prompt: 'make it snow', media: [{ type: 'video', url: 'oss://clip.mp4' }] });
    assert.deepEqual(body.parameters, { resolution: '1080P', prompt_extend: true, watermark: false, audio_setting: 'auto' });
  });

  it('sends wan2.7-videoedit\'s negative prompt, ratio, trimmed duration and audio setting', () => {
    const params = videoParams({ ...defaultVideoForm('wan2.7-videoedit'), prompt: 'make it snow', negativePrompt: 'rain', ratio: '9:16', duration: '4', audioSetting: 'origin', inputs: { video: [input('clip.mp4', 'video/mp4')] } });
    assert.deepEqual(videoRequestBody(buildVideoRequest(params, { video: [{ url: 'oss://clip.mp4', mimeType: 'video/mp4' }] })).body, {
      model: 'wan2.7-videoedit',
      input: { prompt: 'make it snow', negative_prompt: 'rain', media: [{ type: 'video', url: 'oss://clip.mp4' }] },
      parameters: { resolution: '1080P', ratio: '9:16', duration: 4, prompt_extend: true, watermark: false, audio_setting: 'origin' },
    });
  });

  it('sends VACE image_reference as input.function and ref_images_url, with one obj_or_bg role per image', () => {
    const params = videoParams({ ...defaultVideoForm('wanx2.1-vace-plus'), prompt: 'a girl walks out of a misty forest', referenceRoles: { '/w/forest.png': 'bg' }, inputs: { refImages: [input('girl.png', 'image/png'), input('forest.png', 'image/png')] } });
    const resolved = { refImages: [{ url: 'oss://girl.png', mimeType: 'image/png' }, { url: 'oss://forest.png', mimeType: 'image/png' }] };
    const { path: route, body } = videoRequestBody(buildVideoRequest(params, resolved));
    assert.equal(route, '/api/v1/services/aigc/video-generation/video-synthesis');
    assert.deepEqual(body, {
      model: 'wanx2.1-vace-plus',
      input: { prompt: 'a girl walks out of a misty forest', function: 'image_reference', ref_images_url: ['oss://girl.png', 'oss://forest.png'] },
      parameters: { size: '1280*720', prompt_extend: true, watermark: false, obj_or_bg: ['obj', 'bg'] },
    });
  });

  it('sends wan2.7-videoedit reference images after the source video, in the order picked', () => {
    const params = videoParams({ ...defaultVideoForm('wan2.7-videoedit'), prompt: 'dress her in the coat of image 1 and the hat of image 2', inputs: { video: [input('clip.mp4', 'video/mp4')], referenceImages: [input('coat.png', 'image/png'), input('hat.jpg', 'image/jpeg')] } });
    const resolved = { video: [{ url: 'oss://clip.mp4', mimeType: 'video/mp4' }], referenceImages: [{ url: 'oss://coat.png', mimeType: 'image/png' }, { url: 'data:image/jpeg;base64,AA', mimeType: 'image/jpeg' }] };
    assert.deepEqual(videoRequestBody(buildVideoRequest(params, resolved)).body, {
      model: 'wan2.7-videoedit',
      input: { prompt: 'dress her in the coat of image 1 and the hat of image 2', media: [{ type: 'video', url: 'oss://clip.mp4' }, { type: 'reference_image', url: 'oss://coat.png' }, { type: 'reference_image', url: 'data:image/jpeg;base64,AA' }] },
      parameters: { resolution: '1080P', prompt_extend: true, watermark: false, audio_setting: 'auto' },
    });
  });
});

describe('cost estimate', () => {
  it('has a dated, sourced price table', () => {
    assert.ok(priceTable.safeParse(PRICES).success);
    assert.match(PRICES.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.match(PRICES.source, /^https:\/\//);
  });

  it('multiplies the per-second price of the tier by the duration', () => {
    assert.equal(estimateVideoCost({ model: 'wan2.5-t2v-preview', size: '1920*1080', duration: 10 })?.amount, 10);
    assert.equal(estimateVideoCost({ model: 'wan2.2-i2v-flash', resolution: '720P', duration: 5 })?.amount, 1);
    assert.equal(estimateVideoCost({ model: 'wan2.5-t2v-preview', size: '832*480', duration: 5 })?.amount, 1.5);
  });

  it('gives no estimate for a model or tier the table does not know', () => {
    assert.equal(estimateVideoCost({ model: 'wan2.6-t2v', size: '1920*1080', duration: 5 }), undefined);
    assert.equal(estimateVideoCost({ model: 'wan2.2-t2v-plus', size: '1280*720', duration: 5 }), undefined, 'no 720P price for wan2.2-t2v-plus');
  });

  it('reads the tier of a size from its short side', () => {
    assert.equal(tierOf('1080*1920'), '1080P');
    assert.equal(tierOf('960*960'), '720P');
    assert.equal(tierOf('624*624'), '480P');
    assert.equal(tierOf('1280*720'), '720P');
    assert.equal(tierOf('720P'), undefined);
  });
});

describe('request key', () => {
  const base = { model: 'wan2.6-i2v', prompt: 'the cat  waves', duration: 5, inputs: { firstFrame: [input('cat.png', 'image/png')] } };

  it('is the same for the same model, parameters and file contents, whatever the order, spacing or file name', () => {
    const key = requestKey(base, { '/w/cat.png': 'h1' });
    assert.equal(requestKey({ duration: 5, inputs: { firstFrame: [input('copy.png', 'image/png')] }, prompt: ' the cat waves', model: 'wan2.6-i2v' }, { '/w/copy.png': 'h1' }), key);
    assert.match(key, /^[0-9a-f]{64}$/);
  });

  it('differs when a parameter, the model or a file\'s content differs', () => {
    const key = requestKey(base, { '/w/cat.png': 'h1' });
    assert.notEqual(requestKey({ ...base, duration: 10 }, { '/w/cat.png': 'h1' }), key);
    assert.notEqual(requestKey({ ...base, model: 'wan2.6-i2v-flash' }, { '/w/cat.png': 'h1' }), key);
    assert.notEqual(requestKey(base, { '/w/cat.png': 'h2' }), key);
    assert.notEqual(requestKey({ ...base, seed: 1 }, { '/w/cat.png': 'h1' }), key);
  });

  it('hashes files with SHA-256', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hash-'));
    try {
      writeFileSync(path.join(dir, 'a.txt'), 'abc');
      assert.equal(await hashFile(path.join(dir, 'a.txt')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
      await assert.rejects(hashFile(path.join(dir, 'missing')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
