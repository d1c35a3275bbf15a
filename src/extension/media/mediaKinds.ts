import { IMAGE_MODELS, VIDEO_MODELS } from '../../dashscope';
import type { MediaPanelKind } from '../../shared/protocol/media';
import {
  adaptImageForm,
  adaptVideoForm,
  checkImageForm,
  checkVideoForm,
  defaultImageForm,
  defaultVideoForm,
  imageForm,
  imageRule,
  videoForm,
  videoRule,
  type Checked,
  type ImageForm,
  type ImageParameters,
  type MediaInput,
  type SlotRule,
  type VideoForm,
  type VideoParameters,
} from '../../shared/protocol/mediaRules';
import type { RequestCall } from '../../snippets/render';
import type { StudioSettings } from '../settings';
import { imageCall, videoCall } from '../snippets/taskRequest';
import type { TaskTracker } from '../tasks/taskTracker';
import { buildImageRequest, buildVideoRequest, type ResolvedInputs } from './requestBuilders';

/** What every panel's form has, whatever its kind (a plain record, as the history keeps it). */
export type BaseForm = Readonly<Record<string, unknown>> & {
  readonly model: string;
  readonly inputs: Readonly<Record<string, readonly MediaInput[]>>;
};

/** The ids of a form's input files; also of a stored form, read without parsing it (it is the host's own record). */
export function inputIdsOf(form: Readonly<Record<string, unknown>>): string[] {
  const inputs = form.inputs;
  if (typeof inputs !== 'object' || inputs === null) return [];
  return Object.values(inputs).flatMap((list: unknown) => (Array.isArray(list) ? list : []).flatMap((input: unknown) =>
    typeof input === 'object' && input !== null && 'id' in input && typeof input.id === 'string' ? [input.id] : []));
}

/** What every checked request has: the identity `requestKey` is made from, and the files to resolve. */
export type BaseParameters = { readonly model: string; readonly prompt?: string; readonly seed?: number; readonly inputs: Readonly<Partial<Record<string, readonly MediaInput[]>>> };

/** A request sent: its files at once (synchronous image models), or a task to follow in the task store. */
type SendOutcome = { readonly taskId: string } | { readonly files: string[]; readonly problem?: string };

/** The part of the task tracker a panel sends requests through. */
export type MediaSender = Pick<TaskTracker, 'submitImage' | 'submitVideo' | 'saveImages'>;

/** What differs between the image and the video panel; a form and its parameters are typed per kind. */
export interface KindSpec<F extends BaseForm, P extends BaseParameters> {
  readonly kind: MediaPanelKind;
  readonly models: readonly { readonly id: string; readonly description: string }[];
  readonly defaultModel: (settings: StudioSettings) => string;
  readonly defaultForm: (model: string) => F;
  /** A stored or earlier form, if it still parses. */
  readonly parse: (raw: unknown) => F | undefined;
  /** The form moved to another model: values the model cannot take become its defaults. */
  readonly adapt: (form: F, model: string) => F;
  readonly check: (form: F) => Checked<P>;
  readonly slots: (form: F) => readonly SlotRule[];
  readonly send: (sender: MediaSender, params: P, inputs: ResolvedInputs) => Promise<SendOutcome>;
  /** The same request as a call "Copy as…" turns into code. */
  readonly call: (params: P, inputs: ResolvedInputs, title: string) => RequestCall;
}

export const IMAGE_KIND: KindSpec<ImageForm, ImageParameters> = {
  kind: 'image',
  models: IMAGE_MODELS.filter((model) => imageRule(model.id)),
  defaultModel: (settings) => (imageRule(settings.imageModel) ? settings.imageModel : 'qwen-image-plus'),
  defaultForm: defaultImageForm,
  parse: (raw) => imageForm.safeParse(raw).data,
  adapt: adaptImageForm,
  check: checkImageForm,
  slots: (form) => imageRule(form.model)?.inputs ?? [],
  send: async (sender, params, inputs) => {
    const outcome = await sender.submitImage(buildImageRequest(params, inputs));
    if ('taskId' in outcome) return { taskId: outcome.taskId };
    const files = await sender.saveImages(outcome);
    const failure = outcome.failures[0];
    return { files, ...(failure ? { problem: `${failure.message} [${failure.code}]` } : {}) };
  },
  call: (params, inputs, title) => imageCall(buildImageRequest(params, inputs), title),
};

export const VIDEO_KIND: KindSpec<VideoForm, VideoParameters> = {
  kind: 'video',
  models: VIDEO_MODELS.filter((model) => videoRule(model.id)),
  defaultModel: (settings) => (videoRule(settings.videoModel) ? settings.videoModel : 'wan2.6-t2v'),
  defaultForm: defaultVideoForm,
  parse: (raw) => videoForm.safeParse(raw).data,
  adapt: adaptVideoForm,
  check: checkVideoForm,
  slots: (form) => videoRule(form.model)?.inputs ?? [],
  send: async (sender, params, inputs) => ({ taskId: (await sender.submitVideo(buildVideoRequest(params, inputs))).taskId }),
  call: (params, inputs, title) => videoCall(buildVideoRequest(params, inputs), title),
};
