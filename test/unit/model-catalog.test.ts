import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ModelsApi } from '../../src/dashscope/chat';
import type { Transport } from '../../src/dashscope/http';
import { imageRequestBody } from '../../src/dashscope/images';
import { imageModel, IMAGE_MODELS as CLIENT_IMAGE_MODELS, videoPath } from '../../src/dashscope/models';
import { chatModelChoices, describeModel, offerVisionModel, VISION_FALLBACK } from '../../src/extension/chat/chatModels';
import { buildImageRequest } from '../../src/extension/media/requestBuilders';
import { CHAT_MODELS, chatEntry, classify, familyOf, IMAGE_MODELS, SOURCES, VIDEO_MODELS } from '../../src/shared/models';
import type { ChatEvent } from '../../src/shared/protocol/chat';
import { checkImageForm, defaultImageForm, IMAGE_RULES } from '../../src/shared/protocol/mediaRules';

/** A saved `/compatible-mode/v1/models` answer, made from the ids Model Studio documents (2026-12-03). */
async function fixtureIds(): Promise<string[]> {
  const saved: unknown = JSON.parse(readFileSync(new URL('../fixtures/models-list.json', import.meta.url), 'utf8'));
  const transport = { json: async (_request: unknown, schema: { parse(value: unknown): unknown }) => schema.parse(saved) } as unknown as Transport;
  return (await new ModelsApi(transport).list()).map((model) => model.id);
}

function imageBody(form: ReturnType<typeof defaultImageForm>) {
  const checked = checkImageForm(form);
  assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.issues));
  return imageRequestBody(buildImageRequest(checked.value, {})).body as { parameters: Record<string, unknown> };
}

describe('model catalog', () => {
  it('classifies or deliberately ignores every id of a real account\'s model list', async () => {
    const ids = await fixtureIds();
    assert.ok(ids.length >= 100, `${ids.length} ids`);
    const unclassified = ids.filter((id) => classify(id).kind === 'unknown');
    assert.deepEqual(unclassified, []);
    const kinds = new Set(ids.map((id) => classify(id).kind));
    assert.deepEqual([...kinds].sort(), ['chat', 'ignored', 'image']);
  });

  it('keeps TTS, ASR, realtime, translation, embedding and image models out of the chat picker', async () => {
    const picked = chatModelChoices(await fixtureIds(), []).map((choice) => choice.id);
    for (const id of ['qwen3-tts-flash', 'qwen3-asr-flash', 'qwen3-omni-flash-realtime', 'qwen-mt-plus', 'text-embedding-v4', 'qwen3-vl-embedding', 'qwen-image-2.0', 'wan2.7-image-pro', 'z-image-turbo', 'qwen-vl-ocr']) {
      assert.ok(!picked.includes(id), id);
    }
    for (const id of ['qwen3.6-plus', 'qwen3.5-plus', 'qwen3.5-plus-2026-02-15', 'qwen3-vl-plus', 'qwen3.5-omni-plus', 'qwen3-coder-plus', 'glm-5.1']) assert.ok(picked.includes(id), id);
  });

  it('knows that qwen3.5-plus and qwen3.6-plus read images and have a 1M context window', () => {
    for (const id of ['qwen3.5-plus', 'qwen3.6-plus', 'qwen3.5-flash']) {
      const choice = describeModel(id);
      assert.equal(choice.vision, true, id);
      assert.equal(choice.contextWindow, 1_000_000, id);
      assert.equal(choice.thinking, 'optional', id);
      assert.equal(choice.known, true, id);
    }
  });

  it('resolves dated snapshots to their family', () => {
    assert.equal(familyOf('qwen3.5-plus-2026-02-15'), 'qwen3.5-plus');
    assert.equal(chatEntry('qwen3.5-plus-2026-02-15')?.id, 'qwen3.5-plus');
    assert.equal(describeModel('qwen3.5-plus-2026-02-15').contextWindow, 1_000_000);
    assert.equal(chatEntry('qwen-plus-latest')?.id, 'qwen-plus');
    assert.equal(imageModel('qwen-image-2.0-pro-2026-03-03').family, 'multimodal');
    assert.equal(classify('qwen-image-edit-max-2026-01-16').kind, 'image');
  });

  it('reads open-weight variants from their family: thinking and instruct sizes', () => {
    assert.equal(chatEntry('qwen3-235b-a22b-thinking-2507')?.thinking, 'always');
    assert.equal(chatEntry('qwen3-vl-32b-instruct')?.thinking, 'never');
    assert.equal(chatEntry('qwen3-vl-32b-instruct')?.vision, true);
    assert.equal(chatEntry('qwen3.5-27b')?.vision, true);
    assert.equal(chatEntry('qwen3-coder-480b-a35b-instruct')?.thinking, 'never');
  });

  it('lets an unknown chat model take images, and says it is unknown', () => {
    const choice = describeModel('qwen9-ultra');
    assert.equal(choice.known, false);
    assert.equal(choice.vision, true);
    assert.deepEqual(chatModelChoices(['qwen9-ultra', 'wan9-t2v', 'qwen-image-9'], []).map((item) => item.id), ['qwen9-ultra']);
  });

  it('lists qwen-image-2.0, z-image-turbo and the wan2.7 image models in the image panel', () => {
    for (const id of ['qwen-image-2.0', 'qwen-image-2.0-pro', 'qwen-image-edit-max', 'z-image-turbo', 'wan2.7-image', 'wan2.7-image-pro']) {
      assert.ok(IMAGE_RULES.some((rule) => rule.id === id), id);
      assert.ok(CLIENT_IMAGE_MODELS.some((model) => model.id === id), id);
    }
    assert.equal(imageModel('z-image-turbo').family, 'multimodal');
  });

  it('sends wan2.7-image-pro\'s thinking_mode, and no thinking_mode to models without it', () => {
    const pro = { ...defaultImageForm('wan2.7-image-pro'), prompt: 'a lighthouse at dusk' };
    assert.equal(imageBody({ ...pro, thinkingMode: true }).parameters.thinking_mode, true);
    assert.equal(imageBody({ ...pro, thinkingMode: false }).parameters.thinking_mode, false);
    assert.equal('thinking_mode' in imageBody({ ...defaultImageForm('qwen-image-plus'), prompt: 'a lighthouse', thinkingMode: true }).parameters, false);
  });

  it('checks qwen-image-2.0 sizes by their pixels in all', () => {
    const form = { ...defaultImageForm('qwen-image-2.0'), prompt: 'a kite' };
    assert.ok(checkImageForm({ ...form, size: '2688*1536' }).ok);
    const tooLarge = checkImageForm({ ...form, size: '4096*2048' });
    assert.ok(!tooLarge.ok && /512\*512 to 2048\*2048 pixels in all/.test(tooLarge.issues.size ?? ''));
  });

  it('routes unknown image and video ids by their family', () => {
    assert.equal(imageModel('qwen-image-3.0').family, 'multimodal');
    assert.equal(imageModel('wan3.0-image').family, 'imageGeneration');
    assert.equal(imageModel('wan2.2-t2i-next').family, 'text2image');
    assert.equal(videoPath('wan3.0-kf2v-flash'), '/api/v1/services/aigc/image2video/video-synthesis');
    assert.equal(videoPath('happyhorse-2.0-t2v'), '/api/v1/services/aigc/video-generation/video-synthesis');
  });

  it('gives every entry one id, a dated source, and descriptions in English and Chinese', () => {
    const entries = [...CHAT_MODELS, ...IMAGE_MODELS, ...VIDEO_MODELS];
    assert.equal(new Set(entries.map((entry) => entry.id)).size, entries.length);
    for (const entry of entries) {
      const source = SOURCES[entry.source];
      assert.match(source.url, /^https:\/\//, entry.id);
      assert.match(source.checked, /^\d{4}-\d{2}-\d{2}$/, entry.id);
      assert.ok(entry.description.en && entry.description['zh-cn'], entry.id);
      assert.match(entry.description['zh-cn'], /[\u4e00-\u9fff]/, `${entry.id}: Chinese description`);
    }
  });
});

describe('unknown chat models and images', () => {
  const imageRequest = { model: 'qwen9-ultra', messages: [{ role: 'user' as const, content: [{ type: 'image_url' as const, image_url: { url: 'data:image/png;base64,AA==' } }, { type: 'text' as const, text: 'what is this?' }] }] };
  const failed = (kind: 'model' | 'other' | 'auth'): ChatEvent => ({ type: 'messageFinished', messageId: 'm', status: 'error', error: { kind, message: 'The image input is not supported by this model. [invalid_parameter_error]' } });

  it('keeps the service\'s message and offers a model that reads images when an unknown model fails on images', () => {
    const event = offerVisionModel(failed('other'), describeModel('qwen9-ultra'), imageRequest);
    assert.ok(event.type === 'messageFinished' && event.error);
    assert.equal(event.error.suggestedModel, VISION_FALLBACK);
    assert.match(event.error.message, /not supported by this model/);
    assert.equal(describeModel(VISION_FALLBACK).vision, true);
  });

  it('offers nothing for catalogued models, replies without images, or key and network failures', () => {
    const noSuggestion = (event: ChatEvent) => event.type === 'messageFinished' && event.error?.suggestedModel === undefined;
    assert.ok(noSuggestion(offerVisionModel(failed('other'), describeModel('qwen3.5-plus'), { ...imageRequest, model: 'qwen3.5-plus' })));
    assert.ok(noSuggestion(offerVisionModel(failed('other'), describeModel('qwen9-ultra'), { model: 'qwen9-ultra', messages: [{ role: 'user', content: 'hi' }] })));
    assert.ok(noSuggestion(offerVisionModel(failed('auth'), describeModel('qwen9-ultra'), imageRequest)));
  });
});
