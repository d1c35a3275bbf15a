import * as l10n from '@vscode/l10n';
import { h } from '../components/toolkit';
import { videoProtocol, type PanelStateOf } from '../../shared/protocol/media';
import { estimateVideoCost } from '../../shared/protocol/mediaCost';
import { checkVideoForm, describeDurations, roleOf, VIDEO_MODES, videoRule, type AudioSetting, type ReferenceRole, type ShotType, type VaceFunction, type VideoForm, type VideoMode } from '../../shared/protocol/mediaRules';
import { MediaPage, plainChoices, readCommon, showCommon } from '../shared/mediaPanel';

// The video panel: a mode, then only that mode's models, with fields that follow the model. Submitting makes a task.
const page = new MediaPage<VideoForm>(videoProtocol, 'video');
const MODE_LABELS: Record<VideoMode, string> = {
  t2v: l10n.t('Text to video'),
  i2v: l10n.t('Image to video (first frame)'),
  kf2v: l10n.t('First and last frame'),
  r2v: l10n.t('Reference to video'),
  edit: l10n.t('Video edit'),
};
let models: PanelStateOf<'video'>['models'] = [];
const modelsOf = (mode: VideoMode) => models.filter((choice) => videoRule(choice.id)?.mode === mode);

const description = h('div', { class: 'muted model-description' });
const mode = page.choice('mode', l10n.t('Mode'));
mode.setChoices(VIDEO_MODES.map((value) => ({ value, label: MODE_LABELS[value] })));
const model = page.choice('model', l10n.t('Model'));
const common = page.commonFields({ prompt: l10n.t('A paper boat drifting down a rainy street, slow dolly shot'), negative: l10n.t('What the video should not show') });
const picture = page.choice('picture', l10n.t('Resolution'));
const ratio = page.choice('ratio', l10n.t('Aspect ratio'));
const duration = page.text('duration', l10n.t('Duration (seconds)'), { type: 'number' });
const durationHint = h('div', { class: 'muted hint' });
const audio = page.toggle('audio', l10n.t('Audio'));
const shotType = page.choice('shotType', l10n.t('Shots'));
const SHOT_CHOICES = [
  { value: 'single', label: l10n.t('Single shot') },
  { value: 'multi', label: l10n.t('Multi-shot') },
];
const vaceFunction = page.choice('vaceFunction', l10n.t('Function'));
const FUNCTION_LABELS: Record<VaceFunction, string> = { image_reference: l10n.t('Video from reference images') };
const ROLE_CHOICES = [
  { value: 'obj', label: l10n.t('Subject') },
  { value: 'bg', label: l10n.t('Background') },
];
/** The role list beside each VACE reference image, by file id (redrawn with the files). */
const roleFields = new Map<string, ReturnType<typeof page.choice>>();

/** The role of each image picked now; lists of images since removed are forgotten. */
function currentRoles(form: VideoForm): Record<string, ReferenceRole> {
  const ids = new Set((form.inputs.refImages ?? []).map((file) => file.id));
  for (const id of roleFields.keys()) if (!ids.has(id)) roleFields.delete(id);
  return Object.fromEntries([...ids].map((id) => [id, (roleFields.get(id)?.value || roleOf(form, id)) as ReferenceRole]));
}
const audioSetting = page.choice('audioSetting', l10n.t('Sound'));
const AUDIO_SETTING_CHOICES = [
  { value: 'auto', label: l10n.t('Decided by the model') },
  { value: 'origin', label: l10n.t('Keep the source video\'s sound') },
];
/** The empty ratio: the output keeps the source video's aspect ratio. */
const SOURCE_RATIO = { value: '', label: l10n.t('Same as the source video') };
const negativeField = page.labelled('negativePrompt', l10n.t('Negative prompt'), common.negative.element);
const pictureField = page.labelled('picture', l10n.t('Resolution'), picture.element);
const ratioField = page.labelled('ratio', l10n.t('Aspect ratio'), ratio.element);
const durationField = page.labelled('duration', l10n.t('Duration (seconds)'), duration.element, durationHint);
const functionField = page.labelled('vaceFunction', l10n.t('Function'), vaceFunction.element);
const audioSettingField = page.labelled('audioSetting', l10n.t('Sound'), audioSetting.element);
const shotField = page.labelled('shotType', l10n.t('Shots'), shotType.element, h('div', { class: 'muted hint' }, [l10n.t('Multi-shot needs prompt extension.')]));

/** Shows only what the chosen model takes. */
function follow(form: VideoForm): void {
  const rule = videoRule(form.model);
  description.textContent = models.find((choice) => choice.id === form.model)?.description ?? '';
  mode.value = form.mode;
  model.setChoices(modelsOf(form.mode).map((choice) => ({ value: choice.id, label: choice.id, description: choice.description })), form.model);
  if (!rule) return;
  pictureField.querySelector('.field-label')!.textContent = rule.picture.kind === 'size' ? l10n.t('Size') : l10n.t('Resolution');
  picture.setChoices(plainChoices(rule.picture.values), form.picture);
  const ratios = rule.picture.kind === 'resolution' ? rule.picture.ratios : undefined;
  ratioField.hidden = !ratios;
  if (ratios) ratio.setChoices([...(rule.picture.kind === 'resolution' && rule.picture.ratioOptional ? [SOURCE_RATIO] : []), ...plainChoices(ratios)], form.ratio);
  durationField.hidden = !rule.duration;
  duration.value = form.duration;
  durationHint.textContent = rule.duration ? l10n.t('Allowed: {0} s', describeDurations(rule.duration)) : '';
  negativeField.hidden = !rule.negativePrompt;
  audio.element.hidden = !rule.audioSwitch;
  shotField.hidden = !rule.shotType;
  if (rule.shotType) shotType.setChoices(SHOT_CHOICES, form.shotType);
  functionField.hidden = !rule.functions;
  if (rule.functions) vaceFunction.setChoices(rule.functions.map((value) => ({ value, label: FUNCTION_LABELS[value] })), form.vaceFunction);
  audioSettingField.hidden = !rule.audioSetting;
  if (rule.audioSetting) audioSetting.setChoices(AUDIO_SETTING_CHOICES, form.audioSetting);
}

function estimate(form: VideoForm): string {
  const checked = checkVideoForm(form);
  if (!checked.ok) return '';
  const cost = estimateVideoCost(checked.value);
  if (!cost) return l10n.t('No price is known for {0}, so there is no cost estimate.', form.model);
  return l10n.t('Estimated cost: {0} {1} ({2} {1}/s × {3} s, prices of {4}). An estimate: the bill may differ.', cost.amount.toFixed(2), cost.currency, cost.perSecond, cost.seconds, cost.date);
}

page.start({
  title: l10n.t('Video Generation'),
  mediaKind: 'video',
  fields: [
    h('div', { class: 'field-row' }, [page.labelled('mode', l10n.t('Mode'), mode.element), page.labelled('model', l10n.t('Model'), model.element, description)]),
    functionField,
    page.labelled('prompt', l10n.t('Prompt'), common.prompt.element),
    negativeField,
    h('div', { class: 'field-row' }, [pictureField, ratioField, durationField, shotField, audioSettingField, page.labelled('seed', l10n.t('Seed'), common.seed.element)]),
    h('div', { class: 'options' }, [common.promptExtend.element, common.watermark.element, audio.element]),
  ],
  show: (form, state) => {
    models = (state as PanelStateOf<'video'>).models;
    showCommon(common, form);
    audio.value = form.audio;
    follow(form);
  },
  read: (form) => {
    const chosenMode = (mode.value || form.mode) as VideoMode;
    const chosenModel = chosenMode === form.mode ? model.value || form.model : (modelsOf(chosenMode)[0]?.id ?? form.model);
    return {
      ...form,
      mode: chosenMode,
      model: chosenModel,
      ...readCommon(common),
      picture: picture.value || form.picture,
      // The source video's ratio is an empty value: read the list while it is shown.
      ratio: ratioField.hidden ? form.ratio : ratio.value,
      duration: duration.value,
      audio: audio.value,
      shotType: (shotType.value || form.shotType) as ShotType,
      audioSetting: (audioSetting.value || form.audioSetting) as AudioSetting,
      vaceFunction: (vaceFunction.value || form.vaceFunction) as VaceFunction,
      referenceRoles: currentRoles(form),
    };
  },
  check: (form) => checkVideoForm(form),
  slots: (form) => videoRule(form.model)?.inputs ?? [],
  fileControl: (rule, file, form) => {
    if (rule.slot !== 'refImages') return null;
    const role = page.choice('refImages', l10n.t('Role of {0}', file.name));
    role.setChoices(ROLE_CHOICES, roleOf(form, file.id));
    roleFields.set(file.id, role);
    return role.element;
  },
  summary: estimate,
});
