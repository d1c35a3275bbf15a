import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';

/**
 * What each image and video model accepts, as data (sizes, durations, inputs) and as zod schemas over the
 * panels' form values. Shared by the webview (inline messages before anything is sent) and the host (the
 * same check again before a request). Model ids are those of `src/dashscope/models.ts`; a unit test keeps
 * the two tables in step. Facts from the API notes §6–7; values marked [L] rest on one source.
 */

const MB = 1024 * 1024;

/** Where a picked file goes in a request. */
export const MEDIA_SLOTS = ['images', 'firstFrame', 'lastFrame', 'references', 'referenceImages', 'refImages', 'video', 'audio'] as const;
export type MediaSlot = (typeof MEDIA_SLOTS)[number];

/** A file the user picked, by the id the host gave it: the host reads it at submit time; the page only shows its name and size. */
export const mediaInput = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  name: z.string(),
  sizeBytes: z.number().check(z.nonnegative()),
  mimeType: z.string(),
});
export type MediaInput = z.infer<typeof mediaInput>;

export interface SlotRule {
  readonly slot: MediaSlot;
  readonly min: number;
  readonly max: number;
  readonly types: readonly string[];
  readonly maxBytes: number;
}

const EDIT_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/bmp', 'image/webp', 'image/tiff', 'image/gif'];
const FRAME_TYPES = ['image/png', 'image/jpeg', 'image/bmp', 'image/webp'];
const VIDEO_TYPES = ['video/mp4', 'video/quicktime'];
const AUDIO_TYPES = ['audio/mpeg', 'audio/wav'];

const slot = (name: MediaSlot, min: number, max: number, types: readonly string[], maxBytes: number): SlotRule => ({ slot: name, min, max, types, maxBytes });
const editImages = (max: number) => slot('images', 1, max, EDIT_IMAGE_TYPES, 10 * MB);
const frame = (name: 'firstFrame' | 'lastFrame') => slot(name, 1, 1, FRAME_TYPES, 10 * MB);
/** Driving audio (`audio_url`) of wan2.5/2.6: optional [L 15 MB]. */
const drivingAudio = slot('audio', 0, 1, AUDIO_TYPES, 15 * MB);
const sourceVideo = slot('video', 1, 1, VIDEO_TYPES, 100 * MB);
const references = (max: number) => slot('references', 1, max, [...FRAME_TYPES, ...VIDEO_TYPES], 100 * MB);
/**
 * Optional `reference_image` entries beside a video edit's source video: up to 4 for wan2.7-videoedit (Model Studio's
 * video-editing guide); one for HappyHorse, as in the API reference's example, which states no limit [L types, size].
 */
const editReferences = (max: number) => slot('referenceImages', 0, max, FRAME_TYPES, 10 * MB);
/** VACE `image_reference`: 1–3 images (`ref_images_url`), each a subject or the background (Model Studio's VACE guide) [L types, size]. */
const vaceReferences = slot('refImages', 1, 3, FRAME_TYPES, 10 * MB);

/** Sizes a model accepts: a fixed list, `W*H` within bounds, or none (the output follows the input). */
export type SizeRule =
  | { readonly kind: 'list'; readonly values: readonly string[] }
  | { readonly kind: 'range'; readonly min: number; readonly max: number; readonly optional: boolean }
  | { readonly kind: 'none' };

export interface ImageRule {
  readonly id: string;
  readonly sync: boolean;
  readonly size: SizeRule;
  readonly defaultSize?: string;
  readonly maxCount: number;
  readonly promptExtend: boolean;
  readonly promptMax: number;
  readonly inputs: readonly SlotRule[];
}

const QWEN_SIZES = ['1664*928', '1472*1104', '1328*1328', '1104*1472', '928*1664'];
const WAN_RANGE: SizeRule = { kind: 'range', min: 512, max: 1440, optional: false };
const qwen = (id: string, size: SizeRule = { kind: 'list', values: QWEN_SIZES }): ImageRule => ({ id, sync: true, size, defaultSize: size.kind === 'list' ? size.values[0] : undefined, maxCount: 4, promptExtend: true, promptMax: 800, inputs: [] });
const wan = (id: string, size: SizeRule = WAN_RANGE, defaultSize = '1024*1024'): ImageRule => ({ id, sync: false, size, defaultSize, maxCount: 4, promptExtend: true, promptMax: 800, inputs: [] });

export const IMAGE_RULES: readonly ImageRule[] = [
  qwen('qwen-image-plus'),
  qwen('qwen-image'),
  qwen('qwen-image-max'),
  // Accepted 1024*1024 in a real call: any W*H [L bounds].
  qwen('qwen-image-2.0-pro', { kind: 'range', min: 512, max: 2048, optional: false }),
  { id: 'qwen-image-edit', sync: true, size: { kind: 'none' }, maxCount: 1, promptExtend: false, promptMax: 800, inputs: [editImages(1)] },
  { id: 'qwen-image-edit-plus', sync: true, size: { kind: 'range', min: 512, max: 2048, optional: true }, maxCount: 6, promptExtend: true, promptMax: 800, inputs: [editImages(3)] },
  { id: 'qwen-image-edit-max', sync: true, size: { kind: 'range', min: 512, max: 2048, optional: true }, maxCount: 6, promptExtend: true, promptMax: 800, inputs: [editImages(3)] },
  wan('wan2.7-image', { kind: 'list', values: ['1K'] }, '1K'),
  wan('wan2.7-image-pro', { kind: 'list', values: ['1K', '2K'] }, '2K'),
  wan('wan2.6-t2i'),
  wan('wan2.5-t2i-preview'),
  wan('wan2.2-t2i-plus'),
  wan('wan2.2-t2i-flash'),
  wan('wanx2.1-t2i-plus'),
  wan('wanx2.1-t2i-turbo'),
  wan('wanx-v1', { kind: 'list', values: ['1024*1024', '720*1280', '1280*720', '768*1152'] }),
  { ...wan('wan2.5-i2i-preview'), inputs: [editImages(3)] },
  { ...wan('wanx2.1-imageedit', { kind: 'none' }), inputs: [editImages(1)] },
];

export type VideoMode = 't2v' | 'i2v' | 'kf2v' | 'r2v' | 'edit';
export const VIDEO_MODES: readonly VideoMode[] = ['t2v', 'i2v', 'kf2v', 'r2v', 'edit'];

export const SHOT_TYPES = ['single', 'multi'] as const;
export type ShotType = (typeof SHOT_TYPES)[number];

/** wan2.7-videoedit's `audio_setting`: the model decides (`auto`, the service's default), or the source's sound stays (`origin`). */
export const AUDIO_SETTINGS = ['auto', 'origin'] as const;
export type AudioSetting = (typeof AUDIO_SETTINGS)[number];

/** VACE functions the panel offers (of the five the service has: the others need masks, clips or frames it does not take yet). */
export const VACE_FUNCTIONS = ['image_reference'] as const;
export type VaceFunction = (typeof VACE_FUNCTIONS)[number];
/** A VACE reference image shows a subject (`obj`) or the background (`bg`): `obj_or_bg`, one per image. */
export const REFERENCE_ROLES = ['obj', 'bg'] as const;
export type ReferenceRole = (typeof REFERENCE_ROLES)[number];

/**
 * The picture: `W*H` sizes (wan 2.6 and earlier t2v/r2v), or a resolution tier and optionally an aspect ratio;
 * `ratioOptional`: no ratio (an empty one) keeps the source video's.
 */
export type PictureRule =
  | { readonly kind: 'size'; readonly values: readonly string[]; readonly defaultValue: string }
  | { readonly kind: 'resolution'; readonly values: readonly string[]; readonly defaultValue: string; readonly ratios?: readonly string[]; readonly ratioOptional?: boolean };

/**
 * Durations in seconds: a range of integers, a set, or none (the output follows the source video). `keepSource`:
 * 0 or nothing also keeps the source video's length (wan2.7-videoedit; a number trims the source from its start).
 */
export type DurationRule =
  | { readonly min: number; readonly max: number; readonly defaultValue: number; readonly keepSource?: boolean }
  | { readonly only: readonly number[]; readonly defaultValue: number }
  | undefined;

export interface VideoRule {
  readonly id: string;
  readonly mode: VideoMode;
  readonly picture: PictureRule;
  readonly duration: DurationRule;
  /** Takes the `audio` switch (sound on or off). */
  readonly audioSwitch: boolean;
  /** Takes `shot_type` (wan2.6): one shot, or a multi-shot narrative, which needs prompt extension (§7.2). */
  readonly shotType: boolean;
  /** Takes `audio_setting` (wan2.7-videoedit). */
  readonly audioSetting: boolean;
  /** VACE: the functions offered (`input.function`); the inputs are those of `image_reference`, the only one. */
  readonly functions?: readonly VaceFunction[];
  readonly negativePrompt: boolean;
  readonly promptRequired: boolean;
  readonly inputs: readonly SlotRule[];
}

const SIZES_480 = ['832*480', '480*832', '624*624'];
const SIZES_720 = ['1280*720', '720*1280', '960*960', '1088*832', '832*1088'];
const SIZES_1080 = ['1920*1080', '1080*1920', '1440*1440', '1632*1248', '1248*1632'];
const RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4'];
const HAPPYHORSE_RATIOS = [...RATIOS, '4:5', '5:4', '9:21', '21:9'];
const sizes = (values: readonly string[], defaultValue: string): PictureRule => ({ kind: 'size', values, defaultValue });
const tiers = (values: readonly string[], defaultValue: string, ratios?: readonly string[], ratioOptional = false): PictureRule => ({ kind: 'resolution', values, defaultValue, ...(ratios ? { ratios } : {}), ...(ratioOptional ? { ratioOptional } : {}) });
const range = (min: number, max: number, defaultValue = 5): DurationRule => ({ min, max, defaultValue });
const only = (...values: number[]): DurationRule => ({ only: values, defaultValue: values[0]! });

interface VideoRuleSpec extends Partial<VideoRule> {
  readonly id: string;
  readonly mode: VideoMode;
  readonly picture: PictureRule;
}
const video = (spec: VideoRuleSpec): VideoRule => ({
  duration: only(5),
  audioSwitch: false,
  shotType: false,
  audioSetting: false,
  negativePrompt: true,
  promptRequired: spec.mode === 't2v',
  inputs: [],
  ...spec,
});
const i2v = (spec: Omit<VideoRuleSpec, 'mode'>) => video({ mode: 'i2v', inputs: [frame('firstFrame')], ...spec });

export const VIDEO_RULES: readonly VideoRule[] = [
  video({ id: 'wan2.7-t2v', mode: 't2v', picture: tiers(['720P', '1080P'], '1080P', RATIOS), duration: range(2, 15) }),
  video({ id: 'happyhorse-1.0-t2v', mode: 't2v', picture: tiers(['720P', '1080P'], '1080P', HAPPYHORSE_RATIOS), duration: range(3, 15) }),
  // Docs say 5/10/15 or any integer 2–15: accept the range (§7.3).
  video({ id: 'wan2.6-t2v', mode: 't2v', picture: sizes([...SIZES_720, ...SIZES_1080], '1920*1080'), duration: range(2, 15), shotType: true, inputs: [drivingAudio] }),
  video({ id: 'wan2.5-t2v-preview', mode: 't2v', picture: sizes([...SIZES_480, ...SIZES_720, ...SIZES_1080], '1920*1080'), duration: only(5, 10), inputs: [drivingAudio] }),
  video({ id: 'wan2.2-t2v-plus', mode: 't2v', picture: sizes(['832*480', '480*832', ...SIZES_1080], '1920*1080') }),
  video({ id: 'wanx2.1-t2v-turbo', mode: 't2v', picture: sizes([...SIZES_480, ...SIZES_720], '1280*720') }),
  video({ id: 'wanx2.1-t2v-plus', mode: 't2v', picture: sizes(SIZES_720, '1280*720') }),
  i2v({ id: 'wan2.7-i2v', picture: tiers(['720P', '1080P'], '1080P'), duration: range(2, 15) }),
  i2v({ id: 'happyhorse-1.0-i2v', picture: tiers(['720P', '1080P'], '1080P'), duration: range(3, 15) }),
  i2v({ id: 'wan2.6-i2v', picture: tiers(['720P', '1080P'], '1080P'), duration: range(2, 15), shotType: true, inputs: [frame('firstFrame'), drivingAudio] }),
  i2v({ id: 'wan2.6-i2v-flash', picture: tiers(['720P', '1080P'], '1080P'), duration: range(2, 15), audioSwitch: true, shotType: true }),
  i2v({ id: 'wan2.5-i2v-preview', picture: tiers(['480P', '720P', '1080P'], '1080P'), duration: only(5, 10), inputs: [frame('firstFrame'), drivingAudio] }),
  i2v({ id: 'wan2.2-i2v-plus', picture: tiers(['480P', '1080P'], '1080P') }),
  i2v({ id: 'wan2.2-i2v-flash', picture: tiers(['480P', '720P', '1080P'], '720P') }),
  i2v({ id: 'wanx2.1-i2v-turbo', picture: tiers(['480P', '720P'], '720P') }),
  i2v({ id: 'wanx2.1-i2v-plus', picture: tiers(['720P'], '720P') }),
  video({ id: 'wan2.2-kf2v-flash', mode: 'kf2v', picture: tiers(['480P', '720P', '1080P'], '720P'), inputs: [frame('firstFrame'), frame('lastFrame')] }),
  video({ id: 'wanx2.1-kf2v-plus', mode: 'kf2v', picture: tiers(['720P'], '720P'), inputs: [frame('firstFrame'), frame('lastFrame')] }),
  video({ id: 'happyhorse-1.0-r2v', mode: 'r2v', picture: tiers(['720P', '1080P'], '1080P', HAPPYHORSE_RATIOS), duration: range(3, 15), inputs: [references(5)], promptRequired: true }),
  video({ id: 'wan2.7-r2v', mode: 'r2v', picture: tiers(['720P', '1080P'], '1080P', RATIOS), duration: range(2, 15), inputs: [references(5)], promptRequired: true }),
  video({ id: 'wan2.6-r2v', mode: 'r2v', picture: sizes([...SIZES_720, ...SIZES_1080], '1920*1080'), duration: range(2, 15), shotType: true, inputs: [references(5)], promptRequired: true }),
  video({ id: 'wan2.6-r2v-flash', mode: 'r2v', picture: sizes([...SIZES_720, ...SIZES_1080], '1280*720'), duration: range(2, 15), shotType: true, inputs: [references(5)], promptRequired: true }),
  // Model Studio's video-editing guide: ratio optional (default: the source's), duration 0 (the source's) or 2–10, audio_setting, negative prompt.
  video({ id: 'wan2.7-videoedit', mode: 'edit', picture: tiers(['720P', '1080P'], '1080P', RATIOS, true), duration: { min: 2, max: 10, defaultValue: 0, keepSource: true }, audioSetting: true, promptRequired: true, inputs: [sourceVideo, editReferences(4)] }),
  // Model Studio's VACE guide and API reference: 720P (the example's size), up to 5 s, no duration sent; no negative prompt documented.
  video({ id: 'wanx2.1-vace-plus', mode: 'edit', picture: sizes(['1280*720'], '1280*720'), duration: undefined, negativePrompt: false, promptRequired: true, functions: VACE_FUNCTIONS, inputs: [vaceReferences] }),
  video({ id: 'happyhorse-1.0-video-edit', mode: 'edit', picture: tiers(['720P', '1080P'], '1080P'), duration: undefined, negativePrompt: false, promptRequired: true, inputs: [sourceVideo, editReferences(1)] }),
];

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

function sizeSchema(rule: SizeRule, model: string) {
  return z.string().check(z.refine((text) => {
    const value = text.trim();
    if (rule.kind === 'none') return true;
    if (rule.kind === 'list') return rule.values.includes(value);
    if (value === '') return rule.optional;
    const match = SIZE_SHAPE.exec(value);
    return match !== null && [match[1], match[2]].every((side) => Number(side) >= rule.min && Number(side) <= rule.max);
  }, {
    error: (issue) => {
      const value = String(issue.input).trim();
      if (rule.kind === 'list') return l10n.t('{0} accepts these sizes: {1}.', model, rule.values.join(', '));
      if (rule.kind === 'range' && !SIZE_SHAPE.test(value)) return l10n.t('Write the size as width*height, e.g. 1024*1024.');
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
  adaptImageForm({ model, prompt: '', negativePrompt: '', size: '', count: '1', seed: '', promptExtend: true, watermark: false, inputs: {} }, model);

export const defaultVideoForm = (model: string): VideoForm =>
  adaptVideoForm({ mode: 't2v', model, prompt: '', negativePrompt: '', picture: '', ratio: '', duration: '', seed: '', promptExtend: true, watermark: false, audio: true, shotType: 'single', audioSetting: 'auto', vaceFunction: 'image_reference', referenceRoles: {}, inputs: {} }, model);
