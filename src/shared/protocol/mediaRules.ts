import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';

import {
  IMAGE_MODELS,
  MEDIA_SLOTS,
  VIDEO_MODELS,
  VIDEO_MODES,
  VACE_FUNCTIONS,
  type DurationRule,
  type ImageRule,
  type MediaSlot,
  type PictureRule,
  type SizeRule,
  type SlotRule,
  type VaceFunction,
  type VideoMode,
  type VideoRule,
} from '../models';

export { MEDIA_SLOTS, VIDEO_MODES, VACE_FUNCTIONS };
export type { DurationRule, ImageRule, MediaSlot, PictureRule, SizeRule, SlotRule, VaceFunction, VideoMode, VideoRule };

/**
 * The panels' form values, and zod schemas over them built from what each model accepts (the catalog's form
 * rules). Shared by the webview (inline messages before anything is sent) and the host (the same check again
 * before a request).
 */

const MB = 1024 * 1024;

/** A file the user picked, by the id the host gave it: the host reads it at submit time; the page only shows its name and size. */
export const mediaInput = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  name: z.string(),
  sizeBytes: z.number().check(z.nonnegative()),
  mimeType: z.string(),
});
export type MediaInput = z.infer<typeof mediaInput>;

/** The image panel's models and what each takes: the catalog's entries (src/shared/models). */
export const IMAGE_RULES: readonly ImageRule[] = IMAGE_MODELS;

export const SHOT_TYPES = ['single', 'multi'] as const;
export type ShotType = (typeof SHOT_TYPES)[number];

/** wan2.7-videoedit's `audio_setting`: the model decides (`auto`, the service's default), or the source's sound stays (`origin`). */
export const AUDIO_SETTINGS = ['auto', 'origin'] as const;
export type AudioSetting = (typeof AUDIO_SETTINGS)[number];

/** A VACE reference image shows a subject (`obj`) or the background (`bg`): `obj_or_bg`, one per image. */
export const REFERENCE_ROLES = ['obj', 'bg'] as const;
export type ReferenceRole = (typeof REFERENCE_ROLES)[number];

/** The video panel's models and what each takes: the catalog's entries. */
export const VIDEO_RULES: readonly VideoRule[] = VIDEO_MODELS;

export const imageRule = (id: string) => IMAGE_RULES.find((rule) => rule.id === id);
export const videoRule = (id: string) => VIDEO_RULES.find((rule) => rule.id === id);

// ---- Form values: what the page edits (numbers as typed, so a half-typed value is never lost) ----

const inputs = z.record(z.string(), z.array(mediaInput));

export const imageForm = z.object({
  model: z.string(),
  prompt: z.string(),
  negativePrompt: z.string(),
  size: z.string(),
  count: z.string(),
  seed: z.string(),
  promptExtend: z.boolean(),
  watermark: z.boolean(),
  /** On by default, as the service's own default is documented by most sources (one says off); forms saved before the field existed read as on. */
  thinkingMode: z._default(z.boolean(), true),
  inputs,
});
export type ImageForm = z.infer<typeof imageForm>;

export const videoForm = z.object({
  mode: z.enum(['t2v', 'i2v', 'kf2v', 'r2v', 'edit']),
  model: z.string(),
  prompt: z.string(),
  negativePrompt: z.string(),
  /** `W*H` or a resolution tier, as the model takes. */
  picture: z.string(),
  ratio: z.string(),
  duration: z.string(),
  seed: z.string(),
  promptExtend: z.boolean(),
  watermark: z.boolean(),
  audio: z.boolean(),
  /** Forms saved before the field existed read as one shot. */
  shotType: z._default(z.enum(SHOT_TYPES), 'single'),
  /** Forms saved before the field existed read as the service's default. */
  audioSetting: z._default(z.enum(AUDIO_SETTINGS), 'auto'),
  vaceFunction: z._default(z.enum(VACE_FUNCTIONS), 'image_reference'),
  /** The role of each VACE reference image, by file id (so removing an image keeps the others' roles); subject when unset. */
  referenceRoles: z._default(z.record(z.string(), z.enum(REFERENCE_ROLES)), {}),
  inputs,
});
export type VideoForm = z.infer<typeof videoForm>;

/** Fields a message can be attached to: a form field, or an input slot. */
export type FormIssues = Partial<Record<string, string>>;
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: FormIssues };

// ---- Schemas built from a rule ----

const SIZE_SHAPE = /^(\d{2,5})\*(\d{2,5})$/;
const INTEGER = /^\d+$/;
const MAX_SEED = 2147483647;
const formatMb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
const extensionsOf = (types: readonly string[]) => [...new Set(types.map((type) => type.split('/')[1]!.replace('quicktime', 'mov').replace('mpeg', 'mp3').replace('jpeg', 'jpg').toUpperCase()))].join(', ');

const optionalInteger = (min: number, max: number, message: () => string) =>
  z.string().check(z.refine((text) => text.trim() === '' || (INTEGER.test(text.trim()) && Number(text) >= min && Number(text) <= max), { error: message }));

const seedSchema = optionalInteger(0, MAX_SEED, () => l10n.t('The seed is a whole number from 0 to {0}.', MAX_SEED));
const promptSchema = (required: boolean, max: number) => z.string().check(
  z.refine((text) => !required || text.trim().length > 0, { error: () => l10n.t('Describe what to generate.') }),
  z.refine((text) => text.length <= max, { error: () => l10n.t('The prompt is longer than {0} characters.', max) }),
);
const negativeSchema = z.string().check(z.refine((text) => text.length <= 500, { error: () => l10n.t('The negative prompt is longer than 500 characters.') }));

type RangeRule = Extract<SizeRule, { kind: 'range' }>;
const sidesFit = (rule: RangeRule, width: number, height: number) => [width, height].every((side) => side >= rule.min && side <= rule.max);
const pixelsFit = (rule: RangeRule, pixels: number) => pixels >= (rule.minPixels ?? 0) && pixels <= (rule.maxPixels ?? Infinity);
/** `512*512` for 262144: pixel bounds are square sizes in the docs. */
const sizeOfPixels = (pixels: number) => `${Math.round(Math.sqrt(pixels))}*${Math.round(Math.sqrt(pixels))}`;

function sizeSchema(rule: SizeRule, model: string) {
  return z.string().check(z.refine((text) => {
    const value = text.trim();
    if (rule.kind === 'none') return true;
    if (rule.kind === 'list') return rule.values.includes(value);
    if (value === '') return rule.optional;
    const match = SIZE_SHAPE.exec(value);
    return match !== null && sidesFit(rule, Number(match[1]), Number(match[2])) && pixelsFit(rule, Number(match[1]) * Number(match[2]));
  }, {
    error: (issue) => {
      const value = String(issue.input).trim();
      if (rule.kind === 'list') return l10n.t('{0} accepts these sizes: {1}.', model, rule.values.join(', '));
      const match = SIZE_SHAPE.exec(value);
      if (rule.kind === 'range' && !match) return l10n.t('Write the size as width*height, e.g. 1024*1024.');
      if (rule.kind === 'range' && match && !pixelsFit(rule, Number(match[1]) * Number(match[2]))) {
        return l10n.t('{0} takes sizes from {1} to {2} pixels in all (width × height).', model, sizeOfPixels(rule.minPixels ?? 0), sizeOfPixels(rule.maxPixels ?? 0));
      }
      return l10n.t('{0} takes widths and heights from {1} to {2} pixels.', model, rule.kind === 'range' ? rule.min : 0, rule.kind === 'range' ? rule.max : 0);
    },
  }));
}

/** The files of one slot: how many, which types, how large. */
function slotSchema(rule: SlotRule) {
  // A slot the form never filled counts as empty (prefault parses the default, so the checks run on it).
  return z.prefault(z.array(mediaInput).check(z.refine((files) => {
    const list = files;
    return list.length >= rule.min && list.length <= rule.max && list.every((file) => rule.types.includes(file.mimeType) && file.sizeBytes <= rule.maxBytes);
  }, {
    error: (issue) => {
      const list = (issue.input as MediaInput[] | undefined) ?? [];
      const wrongType = list.find((file) => !rule.types.includes(file.mimeType));
      if (wrongType) return l10n.t('{0} is not a supported file type here (use {1}).', wrongType.name, extensionsOf(rule.types));
      const tooLarge = list.find((file) => file.sizeBytes > rule.maxBytes);
      if (tooLarge) return l10n.t('{0} is larger than {1}.', tooLarge.name, formatMb(rule.maxBytes));
      if (list.length < rule.min) return rule.min === 1 ? l10n.t('Add a file here.') : l10n.t('Add at least {0} files here.', rule.min);
      return rule.max === 1 ? l10n.t('Only one file here.') : l10n.t('At most {0} files here.', rule.max);
    },
  })), []);
}

function inputsSchema(rules: readonly SlotRule[]) {
  return z.object(Object.fromEntries(rules.map((rule) => [rule.slot, slotSchema(rule)])));
}

export function imageFormSchema(rule: ImageRule) {
  return z.object({
    model: z.literal(rule.id),
    prompt: promptSchema(true, rule.promptMax),
    negativePrompt: negativeSchema,
    size: sizeSchema(rule.size, rule.id),
    count: optionalInteger(1, rule.maxCount, () => (rule.maxCount === 1 ? l10n.t('{0} makes one image per request.', rule.id) : l10n.t('{0} makes 1 to {1} images per request.', rule.id, rule.maxCount))),
    seed: seedSchema,
    inputs: inputsSchema(rule.inputs),
  });
}

const keepsSource = (rule: DurationRule) => rule !== undefined && 'keepSource' in rule && rule.keepSource === true;

function durationAllowed(rule: DurationRule, text: string): boolean {
  if (!rule) return true;
  const value = text.trim();
  if (keepsSource(rule) && (value === '' || value === '0')) return true;
  if (!INTEGER.test(value)) return false;
  const seconds = Number(value);
  return 'only' in rule ? rule.only.includes(seconds) : seconds >= rule.min && seconds <= rule.max;
}

export function describeDurations(rule: DurationRule): string {
  if (!rule) return '';
  if ('only' in rule) return rule.only.join(' / ');
  return keepsSource(rule) ? l10n.t('0 (the source video\'s length) or {0}–{1}', rule.min, rule.max) : `${rule.min}–${rule.max}`;
}

export function videoFormSchema(rule: VideoRule) {
  const picture = rule.picture;
  return z.object({
    model: z.literal(rule.id),
    prompt: promptSchema(rule.promptRequired, 1500),
    negativePrompt: negativeSchema,
    picture: z.string().check(z.refine((value) => picture.values.includes(value), {
      error: () => l10n.t('{0} accepts: {1}.', rule.id, picture.values.join(', ')),
    })),
    ratio: z.string().check(z.refine((value) => picture.kind !== 'resolution' || !picture.ratios || picture.ratios.includes(value) || (picture.ratioOptional === true && value === ''), {
      error: () => l10n.t('{0} accepts these aspect ratios: {1}.', rule.id, picture.kind === 'resolution' ? (picture.ratios ?? []).join(', ') : ''),
    })),
    duration: z.string().check(z.refine((text) => durationAllowed(rule.duration, text), {
      error: () => l10n.t('{0} makes videos of {1} seconds.', rule.id, describeDurations(rule.duration)),
    })),
    seed: seedSchema,
    promptExtend: z.boolean(),
    shotType: z.enum(SHOT_TYPES),
    inputs: inputsSchema(rule.inputs),
  }).check(z.refine((form) => !rule.shotType || form.shotType !== 'multi' || form.promptExtend, {
    path: ['shotType'],
    error: () => l10n.t('Multi-shot works only with prompt extension: turn prompt extension on, or choose a single shot.'),
  }));
}

/** A zod issue path → the field it belongs to (`inputs.firstFrame` → `firstFrame`). */
function issuesOf(error: z.core.$ZodError): FormIssues {
  const issues: FormIssues = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] === 'inputs' ? issue.path[1] : issue.path[0]);
    issues[field] ??= issue.message;
  }
  return issues;
}

const numberOr = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text.trim()));

/** What an image request is made of, once the form is valid for its model. */
export interface ImageParameters {
  readonly model: string;
  readonly prompt: string;
  readonly negativePrompt?: string;
  readonly size?: string;
  readonly count?: number;
  readonly seed?: number;
  readonly promptExtend?: boolean;
  readonly watermark: boolean;
  /** Sent only to models that take it (`thinking_mode`). */
  readonly thinkingMode?: boolean;
  readonly inputs: Readonly<Partial<Record<MediaSlot, readonly MediaInput[]>>>;
}

export function checkImageForm(form: ImageForm): Checked<ImageParameters> {
  const rule = imageRule(form.model);
  if (!rule) return { ok: false, issues: { model: l10n.t('Choose a model.') } };
  const parsed = imageFormSchema(rule).safeParse(form);
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) };
  return {
    ok: true,
    value: {
      model: rule.id,
      prompt: form.prompt.trim(),
      ...(form.negativePrompt.trim() ? { negativePrompt: form.negativePrompt.trim() } : {}),
      ...(rule.size.kind !== 'none' && form.size.trim() ? { size: form.size.trim() } : {}),
      ...(rule.maxCount > 1 && numberOr(form.count) !== undefined ? { count: numberOr(form.count) } : {}),
      ...(numberOr(form.seed) !== undefined ? { seed: numberOr(form.seed) } : {}),
      ...(rule.promptExtend ? { promptExtend: form.promptExtend } : {}),
      watermark: form.watermark,
      ...(rule.thinkingMode ? { thinkingMode: form.thinkingMode } : {}),
      inputs: pick(form.inputs, rule.inputs),
    },
  };
}

export interface VideoParameters {
  readonly model: string;
  readonly mode: VideoMode;
  readonly prompt?: string;
  readonly negativePrompt?: string;
  readonly size?: string;
  readonly resolution?: string;
  readonly ratio?: string;
  readonly duration?: number;
  readonly seed?: number;
  readonly promptExtend: boolean;
  readonly watermark: boolean;
  readonly audio?: boolean;
  readonly shotType?: ShotType;
  readonly audioSetting?: AudioSetting;
  readonly vaceFunction?: VaceFunction;
  /** One per reference image, in their order. */
  readonly referenceRoles?: readonly ReferenceRole[];
  readonly inputs: Readonly<Partial<Record<MediaSlot, readonly MediaInput[]>>>;
}

export const roleOf = (form: Pick<VideoForm, 'referenceRoles'>, id: string): ReferenceRole => form.referenceRoles[id] ?? 'obj';

/** The seconds to send: none where the model takes none, or where 0 or nothing keeps the source's length (the service's default). */
function durationOf(rule: DurationRule, text: string): number | undefined {
  if (!rule) return undefined;
  const seconds = Number(text.trim() || '0');
  return keepsSource(rule) && seconds === 0 ? undefined : seconds;
}

export function checkVideoForm(form: VideoForm): Checked<VideoParameters> {
  const rule = videoRule(form.model);
  if (!rule || rule.mode !== form.mode) return { ok: false, issues: { model: l10n.t('Choose a model.') } };
  const parsed = videoFormSchema(rule).safeParse(form);
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) };
  const picture = rule.picture.kind === 'size' ? { size: form.picture } : { resolution: form.picture, ...(rule.picture.ratios && form.ratio ? { ratio: form.ratio } : {}) };
  const duration = durationOf(rule.duration, form.duration);
  return {
    ok: true,
    value: {
      model: rule.id,
      mode: rule.mode,
      ...(form.prompt.trim() ? { prompt: form.prompt.trim() } : {}),
      ...(rule.negativePrompt && form.negativePrompt.trim() ? { negativePrompt: form.negativePrompt.trim() } : {}),
      ...picture,
      ...(duration !== undefined ? { duration } : {}),
      ...(numberOr(form.seed) !== undefined ? { seed: numberOr(form.seed) } : {}),
      promptExtend: form.promptExtend,
      watermark: form.watermark,
      ...(rule.audioSwitch ? { audio: form.audio } : {}),
      ...(rule.shotType ? { shotType: form.shotType } : {}),
      ...(rule.audioSetting ? { audioSetting: form.audioSetting } : {}),
      ...(rule.functions ? { vaceFunction: form.vaceFunction, referenceRoles: (form.inputs.refImages ?? []).map((file) => roleOf(form, file.id)) } : {}),
      inputs: pick(form.inputs, rule.inputs),
    },
  };
}

/** Only the slots the model takes (files picked for another model stay in the form, not in the request). */
function pick(all: Readonly<Record<string, readonly MediaInput[]>>, rules: readonly SlotRule[]): Partial<Record<MediaSlot, readonly MediaInput[]>> {
  return Object.fromEntries(rules.filter((rule) => (all[rule.slot] ?? []).length > 0).map((rule) => [rule.slot, all[rule.slot]!]));
}

/** Moves a form to another model: values the new model cannot take are replaced by its defaults. */
export function adaptImageForm(form: ImageForm, model: string): ImageForm {
  const rule = imageRule(model);
  if (!rule) return { ...form, model };
  const sizeFits = sizeSchema(rule.size, rule.id).safeParse(form.size).success;
  const count = Number(form.count);
  return {
    ...form,
    model,
    size: sizeFits ? form.size : (rule.defaultSize ?? ''),
    count: form.count.trim() === '' || count > rule.maxCount ? String(Math.min(1, rule.maxCount)) : form.count,
  };
}

export function adaptVideoForm(form: VideoForm, model: string): VideoForm {
  const rule = videoRule(model);
  if (!rule) return { ...form, model };
  const picture = rule.picture;
  const ratios = picture.kind === 'resolution' ? picture.ratios : undefined;
  return {
    ...form,
    mode: rule.mode,
    model,
    picture: picture.values.includes(form.picture) ? form.picture : picture.defaultValue,
    ratio: ratios ? (ratios.includes(form.ratio) ? form.ratio : picture.kind === 'resolution' && picture.ratioOptional ? '' : ratios[0]!) : '',
    duration: rule.duration ? (form.duration.trim() !== '' && durationAllowed(rule.duration, form.duration) ? form.duration : String(rule.duration.defaultValue)) : '',
  };
}

export const defaultImageForm = (model: string): ImageForm =>
  adaptImageForm({ model, prompt: '', negativePrompt: '', size: '', count: '1', seed: '', promptExtend: true, watermark: false, thinkingMode: true, inputs: {} }, model);

export const defaultVideoForm = (model: string): VideoForm =>
  adaptVideoForm({ mode: 't2v', model, prompt: '', negativePrompt: '', picture: '', ratio: '', duration: '', seed: '', promptExtend: true, watermark: false, audio: true, shotType: 'single', audioSetting: 'auto', vaceFunction: 'image_reference', referenceRoles: {}, inputs: {} }, model);
