import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageRequestBody, imageResultFrom } from '../../src/dashscope/images';
import { imageModel, videoModel, videoPath } from '../../src/dashscope/models';
import { nextPollDelay } from '../../src/dashscope/tasks';
import { videoRequestBody } from '../../src/dashscope/video';

describe('image routing and bodies', () => {
  it('routes each family from the one model table', () => {
    assert.equal(imageModel('qwen-image-plus').family, 'multimodal');
    assert.equal(imageModel('qwen-image-edit-plus').edit, true);
    assert.equal(imageModel('wan2.7-image-pro').family, 'imageGeneration');
    assert.equal(imageModel('wan2.2-t2i-flash').family, 'text2image');
    assert.equal(imageModel('wanx2.1-imageedit').family, 'image2image');
    assert.equal(imageModel('wan2.5-i2i-preview').family, 'image2image');
    assert.equal(imageModel('qwen-image-3.0-future').family, 'multimodal');
  });

  it('builds messages-style bodies with input images before the text', () => {
    const { path, body } = imageRequestBody({ model: 'qwen-image-edit-plus', prompt: 'make it blue', images: ['https://a/1.png'], n: 2, size: '1024*1536', negativePrompt: 'blur' });
    assert.equal(path, '/api/v1/services/aigc/multimodal-generation/generation');
    assert.deepEqual(body, {
      model: 'qwen-image-edit-plus',
      input: { messages: [{ role: 'user', content: [{ image: 'https://a/1.png' }, { text: 'make it blue' }] }] },
      parameters: { size: '1024*1536', n: 2, negative_prompt: 'blur' },
    });
  });

  it('builds prompt-style legacy bodies', () => {
    const { path, body } = imageRequestBody({ model: 'wanx2.1-imageedit', prompt: 'remove the hat', images: ['https://a/b.png'], negativePrompt: 'x', seed: 3 });
    assert.equal(path, '/api/v1/services/aigc/image2image/image-synthesis');
    assert.deepEqual(body, { model: 'wanx2.1-imageedit', input: { prompt: 'remove the hat', negative_prompt: 'x', base_image_url: 'https://a/b.png', function: 'description_edit' }, parameters: { seed: 3 } });
  });

  it('normalises choices and results, keeping per-result failures', () => {
    const fromChoices = imageResultFrom({ choices: [{ message: { content: [{ image: 'u1', type: 'image' }] } }] }, { image_count: 1 }, 'r');
    assert.deepEqual(fromChoices.images, [{ url: 'u1' }]);
    const fromResults = imageResultFrom({ results: [{ url: 'u2', actual_prompt: 'p+' }, { code: 'DataInspectionFailed', message: 'bad' }] }, undefined, undefined);
    assert.deepEqual(fromResults.images, [{ url: 'u2', actualPrompt: 'p+' }]);
    assert.deepEqual(fromResults.failures, [{ code: 'DataInspectionFailed', message: 'bad' }]);
  });
});

describe('video routing and bodies', () => {
  it('sends key-frame models to the image2video path', () => {
    assert.equal(videoPath('wan2.2-kf2v-flash'), '/api/v1/services/aigc/image2video/video-synthesis');
    assert.equal(videoPath('wan2.6-i2v'), '/api/v1/services/aigc/video-generation/video-synthesis');
    assert.equal(videoModel('wanx2.1-kf2v-plus').mode, 'kf2v');
  });

  it('uses named URL fields for older models and media[] for wan2.7', () => {
    assert.deepEqual(videoRequestBody({ model: 'wan2.6-i2v', prompt: 'p', imageUrl: 'https://i', resolution: '720P', duration: 5 }).body, {
      model: 'wan2.6-i2v', input: { prompt: 'p', img_url: 'https://i' }, parameters: { resolution: '720P', duration: 5 },
    });
    assert.deepEqual(videoRequestBody({ model: 'wan2.7-i2v', prompt: 'p', imageUrl: 'https://i' }).body.input, { prompt: 'p', media: [{ type: 'first_frame', url: 'https://i' }] });
    assert.deepEqual(videoRequestBody({ model: 'wan2.2-kf2v-flash', prompt: 'p', firstFrameUrl: 'a', lastFrameUrl: 'b' }).body.input, { prompt: 'p', first_frame_url: 'a', last_frame_url: 'b' });
    assert.deepEqual(videoRequestBody({ model: 'happyhorse-1.0-r2v', prompt: 'p', referenceUrls: ['x.png', 'y.mp4'] }).body.input, {
      prompt: 'p', media: [{ type: 'reference_image', url: 'x.png' }, { type: 'reference_video', url: 'y.mp4' }],
    });
  });
});

describe('nextPollDelay', () => {
  it('starts short and grows to the cap', () => {
    const delays: number[] = [];
    let delay: number | undefined;
    for (let i = 0; i < 8; i++) delays.push((delay = nextPollDelay(delay, 2000, 15_000)));
    assert.deepEqual(delays, [2000, 3000, 4500, 6750, 10125, 15000, 15000, 15000]);
  });
});
