import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { EntryView, ImagePanelState, VideoPanelState } from '../../src/shared/protocol/media';
import { defaultImageForm, defaultVideoForm, type ImageForm, type VideoForm } from '../../src/shared/protocol/mediaRules';
import { openPage } from './pageDom';

const IMAGE_MODELS = [
  { id: 'qwen-image-plus', description: 'Qwen image, text rendering in Chinese and English' },
  { id: 'qwen-image-edit-plus', description: 'Edit 1–3 images with an instruction' },
];
const VIDEO_MODELS = [
  { id: 'wan2.6-t2v', description: 'Wan 2.6 text-to-video, multi-shot, with audio' },
  { id: 'wan2.2-i2v-flash', description: 'Wan 2.2 image-to-video Flash' },
];

function imageState(form: Partial<ImageForm>, formRevision: number, change: Partial<ImagePanelState> = {}): ImagePanelState {
  return { kind: 'image', form: { ...defaultImageForm('qwen-image-plus'), ...form }, hasKey: true, models: IMAGE_MODELS, formRevision, busy: false, entries: [], inputPreviews: {}, ...change };
}

function videoState(form: Partial<VideoForm>, formRevision: number, change: Partial<VideoPanelState> = {}): VideoPanelState {
  return { kind: 'video', form: { ...defaultVideoForm('wan2.6-t2v'), ...form }, hasKey: true, models: VIDEO_MODELS, formRevision, busy: false, entries: [], inputPreviews: {}, ...change };
}

const entry = (change: Partial<EntryView>): EntryView => ({ id: 'e1', model: 'qwen-image-plus', prompt: 'a red kite', createdAt: Date.now(), status: 'succeeded', files: [], ...change });

describe('image and video pages in jsdom: the form the user types is never lost to the host\'s state', () => {
  let page: ReturnType<typeof openPage> | undefined;
  afterEach(() => page?.close());

  it('image: keeps a prompt typed before the host\'s first state arrived, and tells the host', () => {
    page = openPage('image');
    assert.deepEqual(page.posted, [{ type: 'ready' }]);
    page.type('prompt', 'a fox under a lamp');
    page.notify('state', imageState({ prompt: '', seed: '42' }, 1));
    assert.equal(page.control('prompt').value, 'a fox under a lamp', 'the typed text stays');
    assert.equal(page.control('seed').value, '42', 'fields not typed in show the host\'s values');
    const [update] = page.commands('update') as { form: ImageForm }[];
    assert.deepEqual([update?.form.prompt, update?.form.seed, update?.form.model], ['a fox under a lamp', '42', 'qwen-image-plus']);
  });

  it('image: a form the host changed (a file added) keeps text typed since the host last heard the form', () => {
    page = openPage('image');
    page.notify('state', imageState({ model: 'qwen-image-edit-plus', prompt: 'blue' }, 1));
    page.type('prompt', 'make it blue');
    const picked = { id: 'id-1', name: 'poster.png', sizeBytes: 2048, mimeType: 'image/png' };
    page.notify('state', imageState({ model: 'qwen-image-edit-plus', prompt: 'blue', inputs: { images: [picked] } }, 2, { inputPreviews: { 'id-1': 'https://webview.test/picked/id-1.png' } }));
    assert.equal(page.control('prompt').value, 'make it blue');
    const chip = page.document.querySelector('[data-field="images"] .chip')!;
    assert.match(chip.textContent ?? '', /poster\.png/);
    assert.equal(chip.querySelector('img.chip-thumb')?.getAttribute('src'), 'https://webview.test/picked/id-1.png');
    const update = page.commands('update').at(-1) as { form: ImageForm };
    assert.deepEqual([update.form.prompt, update.form.inputs], ['make it blue', { images: [picked] }]);
  });

  it('image: Reuse replaces the form with the earlier request, and a state of the same revision leaves typing alone', () => {
    page = openPage('image');
    page.notify('state', imageState({ prompt: '' }, 1, { entries: [entry({})] }));
    page.type('prompt', 'my new idea');
    page.notify('state', imageState({ prompt: '' }, 1, { busy: true, entries: [entry({})] }));
    assert.equal(page.control('prompt').value, 'my new idea', 'progress and busy states do not touch the fields');
    assert.ok(page.document.querySelector('.submit-row vscode-button')!.hasAttribute('disabled'));

    page.click([...page.document.querySelectorAll('.entry vscode-button')].find((button) => button.textContent === 'Reuse Seed and Parameters')!);
    assert.deepEqual(page.posted.slice(-2).map((message) => message.method), ['update', 'reuse'], 'the typing reaches the host before the reuse');
    page.notify('state', imageState({ prompt: 'a red kite', seed: '7' }, 2, { entries: [entry({})] }));
    assert.deepEqual([page.control('prompt').value, page.control('seed').value], ['a red kite', '7']);
  });

  it('video: keeps a prompt and a duration typed before the first state, and follows the host\'s model and inputs', () => {
    page = openPage('video');
    page.type('prompt', 'the cat waves');
    page.type('duration', '5');
    const frame = { id: 'f-1', name: 'cat.png', sizeBytes: 4096, mimeType: 'image/png' };
    const running = entry({ model: 'wan2.2-i2v-flash', prompt: 'earlier', status: 'running', taskId: 'task-1', taskStatus: 'RUNNING' });
    page.notify('state', videoState({ mode: 'i2v', model: 'wan2.2-i2v-flash', picture: '480P', duration: '', inputs: { firstFrame: [frame] } }, 1, { entries: [running], inputPreviews: { 'f-1': 'https://webview.test/picked/f-1.png' } }));
    assert.deepEqual([page.control('prompt').value, page.control('duration').value], ['the cat waves', '5']);
    assert.match(page.document.querySelector('[data-field="model"] .model-description')!.textContent!, /image-to-video Flash/);
    assert.equal(page.document.querySelector('[data-field="firstFrame"] .chip img.chip-thumb')?.getAttribute('src'), 'https://webview.test/picked/f-1.png');
    assert.match(page.document.querySelector('.entry.running .progress')!.textContent!, /RUNNING.*task task-1/);
    const update = page.commands('update').at(-1) as { form: VideoForm };
    assert.deepEqual([update.form.prompt, update.form.duration, update.form.model, update.form.inputs], ['the cat waves', '5', 'wan2.2-i2v-flash', { firstFrame: [frame] }]);
  });

  it('video: submits the form as shown, with the message of a field the model refuses', () => {
    page = openPage('video');
    page.notify('state', videoState({ mode: 'i2v', model: 'wan2.2-i2v-flash', picture: '480P', duration: '5', prompt: 'waves', inputs: {} }, 1));
    page.click(page.document.querySelector('.submit-row vscode-button')!);
    assert.deepEqual(page.commands('submit'), [], 'nothing sent without the first frame');
    assert.match(page.document.querySelector('[data-field="firstFrame"] .field-error')!.textContent!, /Add a file here/);
  });
});
