import * as l10n from '@vscode/l10n';
import { h } from '../components/toolkit';
import { imageProtocol, type PanelStateOf } from '../protocol/media';
import { checkImageForm, imageRule, type ImageForm } from '../protocol/mediaRules';
import { MediaPage, plainChoices, swappable } from '../shared/mediaPanel';

// The image panel: qwen-image (synchronous) and wan image models (tasks), with fields that follow the model.
const page = new MediaPage<ImageForm>(imageProtocol, 'image');
const rule = (form: ImageForm) => imageRule(form.model);
const description = h('div', { class: 'muted model-description' });
const model = page.choice('model', l10n.t('Model'));
const prompt = page.text('prompt', l10n.t('Prompt'), { rows: 4, placeholder: l10n.t('A watercolor fox reading under a lamp') });
const negative = page.text('negativePrompt', l10n.t('Negative prompt'), { rows: 2, placeholder: l10n.t('What the image should not show') });
const sizeChoice = page.choice('size', l10n.t('Size'));
const sizeText = page.text('size', l10n.t('Size'), { placeholder: '1024*1024' });
const sizeBox = swappable();
const count = page.text('count', l10n.t('Count'), { type: 'number' });
const seed = page.text('seed', l10n.t('Seed'), { type: 'number', placeholder: l10n.t('random') });
const promptExtend = page.toggle('promptExtend', l10n.t('Prompt extension'));
const watermark = page.toggle('watermark', l10n.t('Watermark'));
const sizeField = page.labelled('size', l10n.t('Size'), sizeBox);
const countField = page.labelled('count', l10n.t('Count'), count.element);

/** Shows only what the chosen model takes: its sizes, its count, prompt extension. */
function follow(form: ImageForm, state: PanelStateOf<'image'>): void {
  const current = rule(form);
  description.textContent = state.models.find((choice) => choice.id === form.model)?.description ?? '';
  const size = current?.size;
  sizeField.hidden = !size || size.kind === 'none';
  if (size?.kind === 'list') {
    sizeChoice.setChoices(plainChoices(size.values), form.size);
    sizeBox.show(sizeChoice.element);
  } else {
    sizeText.value = form.size;
    sizeText.element.setAttribute('placeholder', size?.kind === 'range' && size.optional ? l10n.t('as the input') : '1024*1024');
    sizeBox.show(sizeText.element);
  }
  countField.hidden = (current?.maxCount ?? 1) <= 1;
  count.element.setAttribute('placeholder', `1–${current?.maxCount ?? 1}`);
  promptExtend.element.hidden = !current?.promptExtend;
}

page.start({
  title: l10n.t('Image Generation'),
  mediaKind: 'image',
  fields: [
    page.labelled('model', l10n.t('Model'), model.element, description),
    page.labelled('prompt', l10n.t('Prompt'), prompt.element),
    page.labelled('negativePrompt', l10n.t('Negative prompt'), negative.element),
    h('div', { class: 'field-row' }, [sizeField, countField, page.labelled('seed', l10n.t('Seed'), seed.element)]),
    h('div', { class: 'options' }, [promptExtend.element, watermark.element]),
  ],
  show: (form, state) => {
    model.setChoices(state.models.map((choice) => ({ value: choice.id, label: choice.id, description: choice.description })), form.model);
    prompt.value = form.prompt;
    negative.value = form.negativePrompt;
    count.value = form.count;
    seed.value = form.seed;
    promptExtend.value = form.promptExtend;
    watermark.value = form.watermark;
    follow(form, state as PanelStateOf<'image'>);
  },
  read: (form) => ({
    ...form,
    model: model.value || form.model,
    prompt: prompt.value,
    negativePrompt: negative.value,
    size: rule(form)?.size.kind === 'list' ? sizeChoice.value : sizeText.value,
    count: count.value,
    seed: seed.value,
    promptExtend: promptExtend.value,
    watermark: watermark.value,
  }),
  check: (form) => checkImageForm(form),
  slots: (form) => imageRule(form.model)?.inputs ?? [],
  summary: (form) => (rule(form)?.sync === false ? l10n.t('This model runs as a task: follow it here or in the Tasks view.') : ''),
});
