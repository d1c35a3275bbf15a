import * as l10n from '@vscode/l10n';
import { h } from '../components/toolkit';
import { imageProtocol, type PanelStateOf } from '../../shared/protocol/media';
import { checkImageForm, imageRule, type ImageForm } from '../../shared/protocol/mediaRules';
import { MediaPage, plainChoices, readCommon, showCommon, swappable } from '../shared/mediaPanel';

// The image panel: qwen-image (synchronous) and wan image models (tasks), with fields that follow the model.
const page = new MediaPage<ImageForm>(imageProtocol, 'image');
const rule = (form: ImageForm) => imageRule(form.model);
const description = h('div', { class: 'muted model-description' });
const model = page.choice('model', l10n.t('Model'));
const common = page.commonFields({ prompt: l10n.t('A watercolor fox reading under a lamp'), negative: l10n.t('What the image should not show') });
const sizeChoice = page.choice('size', l10n.t('Size'));
const sizeText = page.text('size', l10n.t('Size'), { placeholder: '1024*1024' });
const sizeBox = swappable();
const count = page.text('count', l10n.t('Count'), { type: 'number' });
const sizeField = page.labelled('size', l10n.t('Size'), sizeBox);
const countField = page.labelled('count', l10n.t('Count'), count.element);
const thinkingMode = page.toggle('thinkingMode', l10n.t('Thinking mode'));

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
  common.promptExtend.element.hidden = !current?.promptExtend;
  thinkingMode.element.hidden = !current?.thinkingMode;
}

page.start({
  title: l10n.t('Image Generation'),
  mediaKind: 'image',
  fields: [
    page.labelled('model', l10n.t('Model'), model.element, description),
    page.labelled('prompt', l10n.t('Prompt'), common.prompt.element),
    page.labelled('negativePrompt', l10n.t('Negative prompt'), common.negative.element),
    h('div', { class: 'field-row' }, [sizeField, countField, page.labelled('seed', l10n.t('Seed'), common.seed.element)]),
    h('div', { class: 'options' }, [common.promptExtend.element, common.watermark.element, thinkingMode.element]),
  ],
  show: (form, state) => {
    model.setChoices(state.models.map((choice) => ({ value: choice.id, label: choice.id, description: choice.description })), form.model);
    showCommon(common, form);
    count.value = form.count;
    thinkingMode.value = form.thinkingMode;
    follow(form, state as PanelStateOf<'image'>);
  },
  read: (form) => ({
    ...form,
    ...readCommon(common),
    model: model.value || form.model,
    size: rule(form)?.size.kind === 'list' ? sizeChoice.value : sizeText.value,
    count: count.value,
    thinkingMode: thinkingMode.value,
  }),
  check: (form) => checkImageForm(form),
  slots: (form) => imageRule(form.model)?.inputs ?? [],
  summary: (form) => (rule(form)?.sync === false ? l10n.t('This model runs as a task: follow it here or in the Tasks view.') : ''),
});
