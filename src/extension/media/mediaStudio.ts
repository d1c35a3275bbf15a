import * as l10n from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { DashScopeError, IMAGE_MODELS, VIDEO_MODELS, type DashScopeClient } from '../../dashscope';
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
  type MediaInput,
  type MediaSlot,
  type SlotRule,
  type VideoForm,
} from '../../shared/protocol/mediaRules';
import { Disposable } from '../disposable';
import { describeError } from '../errors';
import { MEDIA_PREVIEW } from '../preview/mediaPreview';
import type { Services } from '../services';
import type { TaskTracker } from '../tasks/taskTracker';
import { isActive } from '../tasks/trackedTask';
import { MediaHistory, type HistoryEntry } from './mediaHistory';
import { PickedFiles } from './pickedFiles';
import { buildImageRequest, buildVideoRequest, type ResolvedInputs } from './requestBuilders';
import { hashFile, requestKey } from './requestKey';
import { copyRequest } from '../snippets/copyRequest';
import { imageCall, videoCall } from '../snippets/taskRequest';
import type { RequestCall } from '../../snippets/render';

type Form = ImageForm | VideoForm;
type Parameters = { readonly model: string; readonly prompt?: string; readonly seed?: number; readonly inputs: Readonly<Partial<Record<MediaSlot, readonly MediaInput[]>>> } & Record<string, unknown>;

export interface PanelModel {
  readonly form: Form;
  readonly formRevision: number;
  readonly busy: boolean;
  readonly error?: { code?: string; message: string };
  readonly duplicate?: { entryId: string; createdAt: number };
}

/** What differs between the image and the video panel; the studio does the rest the same way. */
interface KindSpec {
  readonly models: readonly { id: string; description: string }[];
  readonly defaultModel: () => string;
  readonly defaultForm: (model: string) => Form;
  readonly parse: (raw: unknown) => Form | undefined;
  readonly adapt: (form: Form, model: string) => Form;
  readonly check: (form: Form) => Checked<Parameters>;
  readonly slots: (form: Form) => readonly SlotRule[];
  /** Sends the request: an entry's outcome (files at once) or a task to follow. */
  readonly submit: (params: Parameters, inputs: ResolvedInputs) => Promise<{ taskId: string } | { files: string[]; problem?: string }>;
  /** The same request as a call "Copy as…" turns into code. */
  readonly call: (params: Parameters, inputs: ResolvedInputs, title: string) => RequestCall;
}

const EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  'image/png': ['png'], 'image/jpeg': ['jpg', 'jpeg'], 'image/bmp': ['bmp'], 'image/webp': ['webp'], 'image/tiff': ['tif', 'tiff'], 'image/gif': ['gif'],
  'video/mp4': ['mp4'], 'video/quicktime': ['mov'], 'audio/mpeg': ['mp3'], 'audio/wav': ['wav'],
};
const extensionsOf = (rule: SlotRule) => rule.types.flatMap((type) => EXTENSIONS[type] ?? []);

/**
 * The long-running side of the image and video panels: their forms, submitting (validation, duplicate
 * check, uploads, the request), and the history of results. Panels only show what it reports.
 */
export class MediaStudio extends Disposable {
  readonly history: MediaHistory;
  readonly picked: PickedFiles;
  private readonly changeEmitter = this._register(new vscode.EventEmitter<MediaPanelKind>());
  readonly onDidChange = this.changeEmitter.event;
  private readonly panels: Record<MediaPanelKind, PanelModel>;
  private readonly specs: Record<MediaPanelKind, KindSpec>;

  constructor(private readonly services: Services, private readonly tracker: TaskTracker) {
    super();
    this.history = new MediaHistory(services.context.globalState);
    this.picked = new PickedFiles(services.context.globalState, path.join(services.context.globalStorageUri.fsPath, 'picked'), services.log);
    const settings = () => services.connection.settings;
    this.specs = {
      image: {
        models: IMAGE_MODELS.filter((model) => imageRule(model.id)),
        defaultModel: () => (imageRule(settings().imageModel) ? settings().imageModel : 'qwen-image-plus'),
        defaultForm: defaultImageForm,
        parse: (raw) => (imageForm.safeParse(raw).data),
        adapt: (form, model) => adaptImageForm(form as ImageForm, model),
        check: (form) => checkImageForm(form as ImageForm) as Checked<Parameters>,
        slots: (form) => imageRule(form.model)?.inputs ?? [],
        submit: async (params, inputs) => {
          const outcome = await this.tracker.submitImage(buildImageRequest(params as never, inputs));
          if ('taskId' in outcome) return { taskId: outcome.taskId };
          const files = await this.tracker.saveImages(outcome);
          const failure = outcome.failures[0];
          return { files, ...(failure ? { problem: `${failure.message} [${failure.code}]` } : {}) };
        },
        call: (params, inputs, title) => imageCall(buildImageRequest(params as never, inputs), title),
      },
      video: {
        models: VIDEO_MODELS.filter((model) => videoRule(model.id)),
        defaultModel: () => (videoRule(settings().videoModel) ? settings().videoModel : 'wan2.6-t2v'),
        defaultForm: defaultVideoForm,
        parse: (raw) => (videoForm.safeParse(raw).data),
        adapt: (form, model) => adaptVideoForm(form as VideoForm, model),
        check: (form) => checkVideoForm(form as VideoForm) as Checked<Parameters>,
        slots: (form) => videoRule(form.model)?.inputs ?? [],
        submit: async (params, inputs) => ({ taskId: (await this.tracker.submitVideo(buildVideoRequest(params as never, inputs))).taskId }),
        call: (params, inputs, title) => videoCall(buildVideoRequest(params as never, inputs), title),
      },
    };
    const restored = (kind: MediaPanelKind): PanelModel => {
      const spec = this.specs[kind];
      const form = spec.parse(services.context.globalState.get(this.formKey(kind)));
      return { form: form ? { ...form, inputs: this.picked.known(form.inputs) } : spec.defaultForm(spec.defaultModel()), formRevision: 1, busy: false };
    };
    this.panels = { image: restored('image'), video: restored('video') };
    this._register(this.history.onDidChange(() => {
      this.forgetUnusedFiles();
      this.fireAll();
    }));
    this._register(tracker.store.onDidChange(() => this.followTasks()));
    this._register(services.connection.onDidChange(() => this.fireAll()));
    this.followTasks();
  }

  resultsFolder(): string {
    return this.tracker.resultsFolder();
  }

  models(kind: MediaPanelKind) {
    return this.specs[kind].models.map(({ id, description }) => ({ id, description }));
  }

  panel(kind: MediaPanelKind): PanelModel {
    return this.panels[kind];
  }

  get hasKey(): boolean {
    return this.services.connection.hasKey;
  }

  entries(kind: MediaPanelKind): readonly HistoryEntry[] {
    return this.history.list(kind);
  }

  private formKey(kind: MediaPanelKind): string {
    return `dashscope.media.${kind}.form`;
  }

  /** Changes a panel's model; the page hears of it unless it is the page's own typing (`quiet`). */
  private set(kind: MediaPanelKind, change: Partial<PanelModel>, hostChangedForm = false, quiet = false): void {
    const current = this.panels[kind];
    const next: PanelModel = { ...current, ...change, formRevision: current.formRevision + (hostChangedForm ? 1 : 0) };
    this.panels[kind] = next;
    if (change.form) {
      void this.services.context.globalState.update(this.formKey(kind), next.form);
      this.forgetUnusedFiles();
    }
    if (!quiet) this.changeEmitter.fire(kind);
  }

  /** Picked files stay known while a form or an earlier request (to reuse or copy it) refers to them. */
  private forgetUnusedFiles(): void {
    const forms = [this.panels.image.form, this.panels.video.form, ...(['image', 'video'] as const).flatMap((kind) => this.history.list(kind).map((entry) => this.specs[kind].parse(entry.form)))];
    this.picked.retain(new Set(forms.flatMap((form) => Object.values(form?.inputs ?? {}).flatMap((list) => list.map((input) => input.id)))));
  }

  private fireAll(): void {
    this.changeEmitter.fire('image');
    this.changeEmitter.fire('video');
  }

  /**
   * The page's form as the user left it. A model change brings the values the new model takes (and is sent
   * back); plain typing is only kept, so the page is not redrawn under the user's hands.
   */
  update(kind: MediaPanelKind, form: Form): void {
    const current = this.panels[kind].form;
    const spec = this.specs[kind];
    const modelChanged = form.model !== current.model;
    const known = { ...form, inputs: this.picked.known(form.inputs) };
    this.set(kind, { form: modelChanged ? spec.adapt(known, known.model) : known, error: undefined, duplicate: undefined }, modelChanged, !modelChanged);
  }

  /** Fills the panel with an earlier request (Reuse, Regenerate). */
  prefill(entry: HistoryEntry): void {
    const spec = this.specs[entry.kind];
    const form = spec.parse(entry.form);
    if (form) this.set(entry.kind, { form: { ...form, inputs: this.picked.known(form.inputs) }, error: undefined, duplicate: undefined }, true);
  }

  async addInputs(kind: MediaPanelKind, slot: string, source: 'workspace' | 'disk'): Promise<void> {
    const form = this.panels[kind].form;
    const rule = this.specs[kind].slots(form).find((candidate) => candidate.slot === slot);
    if (!rule) return;
    const files = source === 'workspace' ? await pickFromWorkspace(rule) : await pickFromDisk(rule);
    if (!files || files.length === 0) return;
    const picked = await Promise.all(files.map((file) => this.picked.add(file.fsPath)));
    const kept = rule.max === 1 ? [] : (form.inputs[slot] ?? []);
    this.set(kind, { form: { ...this.panels[kind].form, inputs: { ...form.inputs, [slot]: [...kept, ...picked] } } as Form, error: undefined, duplicate: undefined }, true);
  }

  removeInput(kind: MediaPanelKind, slot: string, index: number): void {
    const form = this.panels[kind].form;
    const list = (form.inputs[slot] ?? []).filter((_, i) => i !== index);
    this.set(kind, { form: { ...form, inputs: { ...form.inputs, [slot]: list } } as Form }, true);
  }

  dismissDuplicate(kind: MediaPanelKind): void {
    this.set(kind, { duplicate: undefined });
  }

  /** Checks, looks for the same earlier request, resolves input files, and sends. Problems land on the form. */
  async submit(kind: MediaPanelKind, submitted: Form, force: boolean): Promise<void> {
    if (this.panels[kind].busy) return;
    const form = { ...submitted, inputs: this.picked.known(submitted.inputs) };
    // Busy from the first step: a second click while files are hashed or uploaded sends nothing.
    this.set(kind, { form, busy: true, error: undefined, duplicate: undefined });
    let outcome: Partial<PanelModel> = {};
    try {
      outcome = await this.send(kind, form, force);
    } catch (error) {
      this.services.log.error(`${kind} panel: submit failed`, error);
      outcome = { error: error instanceof DashScopeError ? { code: error.code, message: error.message } : { message: describeError(error) } };
    } finally {
      this.set(kind, { busy: false, ...outcome });
    }
  }

  /** The steps of a submit; returns what the form shows afterwards (nothing, a problem, or the earlier request). */
  private async send(kind: MediaPanelKind, submitted: Form, force: boolean): Promise<Partial<PanelModel>> {
    const spec = this.specs[kind];
    // Only files the user picked, and their sizes checked again from the disk: a file may have changed since.
    const form = { ...submitted, inputs: await this.picked.current(submitted.inputs) } as Form;
    const checked = spec.check(form);
    if (!checked.ok) return { error: { message: Object.values(checked.issues)[0] ?? l10n.t('Check the form.') } };
    const params = checked.value;
    const files = Object.values(params.inputs).flatMap((list) => list ?? []);
    const hashes = Object.fromEntries(await Promise.all(files.map(async (input) => [input.id, await hashFile(this.picked.pathOf(input.id)!)] as const)));
    const key = requestKey(params, hashes);
    const earlier = force ? undefined : this.history.earlier(key, existsSync);
    if (earlier) return { duplicate: { entryId: earlier.id, createdAt: earlier.createdAt } };
    const client = await this.services.connection.client();
    if (!client) throw new Error(l10n.t('Set an API key for this region first.'));
    const outcome = await spec.submit(params, await resolveInputs(client, params, this.picked));
    this.history.add({
      id: randomUUID(),
      kind,
      key,
      model: params.model,
      prompt: params.prompt ?? '',
      form: form as Record<string, unknown>,
      ...(params.seed !== undefined ? { seed: params.seed } : {}),
      createdAt: Date.now(),
      ...('taskId' in outcome
        ? { status: 'running' as const, taskId: outcome.taskId, taskStatus: 'PENDING', files: [] }
        : { status: outcome.files.length > 0 ? 'succeeded' as const : 'failed' as const, files: outcome.files, ...(outcome.problem ? { error: { message: outcome.problem } } : {}) }),
    });
    this.followTasks();
    return {};
  }

  /** Brings running entries up to date with their tasks: status, saved files, failure. */
  private followTasks(): void {
    for (const kind of ['image', 'video'] as const) {
      for (const entry of this.history.list(kind)) {
        if (entry.status !== 'running' || !entry.taskId) continue;
        const task = this.tracker.store.get(entry.taskId);
        if (!task) {
          this.history.update(entry.id, { status: 'failed', error: { message: l10n.t('The task was removed from the Tasks view.') } });
        } else if (task.status === 'SUCCEEDED' && task.localFiles.length > 0) {
          this.history.update(entry.id, { status: 'succeeded', taskStatus: task.status, files: task.localFiles });
        } else if (task.downloadError) {
          this.history.update(entry.id, { status: 'failed', taskStatus: task.status, error: { message: task.downloadError } });
        } else if (!isActive(task) && task.status !== 'SUCCEEDED') {
          this.history.update(entry.id, { status: 'failed', taskStatus: task.status, error: { ...(task.code ? { code: task.code } : {}), message: task.message ?? task.status } });
        } else if (task.status !== entry.taskStatus) {
          this.history.update(entry.id, { taskStatus: task.status });
        }
      }
    }
  }

  // ---- Result actions ----

  private fileOf(entryId: string, index = 0): { entry: HistoryEntry; file: string } | undefined {
    const entry = this.history.get(entryId);
    const file = entry?.files[index];
    return entry && file ? { entry, file } : undefined;
  }

  async open(entryId: string, index?: number): Promise<void> {
    const found = this.fileOf(entryId, index);
    if (found) await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(found.file), MEDIA_PREVIEW);
  }

  /** Copies a result into the workspace (a generated file otherwise lives in the extension's storage). */
  async saveToWorkspace(entryId: string, index?: number): Promise<void> {
    const found = this.fileOf(entryId, index);
    if (!found) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const destination = await vscode.window.showSaveDialog({
      title: l10n.t('Save to Workspace'),
      defaultUri: folder ? vscode.Uri.joinPath(folder, path.basename(found.file)) : vscode.Uri.file(found.file),
    });
    if (!destination) return;
    await vscode.workspace.fs.copy(vscode.Uri.file(found.file), destination, { overwrite: true });
    void vscode.window.setStatusBarMessage(l10n.t('Saved {0}', vscode.workspace.asRelativePath(destination)), 4000);
  }

  /** `![prompt](path)`: relative to the workspace when the file is in it, else a file URI. */
  async copyMarkdown(entryId: string, index?: number): Promise<void> {
    const found = this.fileOf(entryId, index);
    if (!found) return;
    const uri = vscode.Uri.file(found.file);
    const inWorkspace = vscode.workspace.getWorkspaceFolder(uri) !== undefined;
    const target = inWorkspace ? vscode.workspace.asRelativePath(uri, false).split(path.sep).join('/') : uri.toString();
    const alt = found.entry.prompt.replace(/[[\]\r\n]+/g, ' ').slice(0, 120).trim() || path.basename(found.file);
    await vscode.env.clipboard.writeText(`![${alt}](${encodeURI(target).replace(/\(/g, '%28').replace(/\)/g, '%29')})`);
    void vscode.window.setStatusBarMessage(l10n.t('Copied a Markdown link to {0}', path.basename(found.file)), 4000);
  }

  /**
   * Copies the request that made an entry as code. Its input files are resolved again as on submit (inline
   * within the limit, else uploaded), so the code sends what was sent; the key stays an environment variable.
   */
  async copyRequest(entryId: string, language: 'curl' | 'typescript'): Promise<void> {
    const entry = this.history.get(entryId);
    const spec = entry && this.specs[entry.kind];
    const form = entry && spec?.parse(entry.form);
    const checked = form && spec?.check(form);
    if (!entry || !spec || !checked?.ok) {
      void vscode.window.showWarningMessage(l10n.t('The request of this result can no longer be rebuilt: its model or form is no longer supported. Use Reuse Seed and Parameters to start from it.'));
      return;
    }
    const client = await this.services.connection.client();
    if (!client) {
      void vscode.window.showWarningMessage(l10n.t('Set an API key for this region first.'));
      return;
    }
    let inputs: ResolvedInputs;
    try {
      inputs = await resolveInputs(client, checked.value, this.picked);
    } catch (error) {
      // An input file that was moved or deleted since: say which, instead of copying a request that lies.
      void vscode.window.showErrorMessage(l10n.t('The request could not be copied: {0}', describeError(error)));
      return;
    }
    const title = l10n.t('{0} result ({1})', entry.kind === 'image' ? l10n.t('Image') : l10n.t('Video'), entry.model);
    await copyRequest(spec.call(checked.value, inputs, title), language, this.services.connection);
  }

  reuse(entryId: string): void {
    const entry = this.history.get(entryId);
    if (entry) this.prefill(entry);
  }

  removeEntry(entryId: string): void {
    this.history.remove(entryId);
  }
}

async function pickFromWorkspace(rule: SlotRule): Promise<vscode.Uri[] | undefined> {
  const found = await vscode.workspace.findFiles(`**/*.{${extensionsOf(rule).join(',')}}`, '**/{node_modules,.git}/**', 2000);
  if (found.length === 0) {
    void vscode.window.showInformationMessage(l10n.t('The workspace has no {0} files.', extensionsOf(rule).join(', ')));
    return undefined;
  }
  const items = found.map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(path.dirname(uri.fsPath)), uri }));
  if (rule.max === 1) return [(await vscode.window.showQuickPick(items, { title: l10n.t('Pick a file from the workspace'), matchOnDescription: true }))?.uri].filter((uri) => uri !== undefined);
  return (await vscode.window.showQuickPick(items, { title: l10n.t('Pick files from the workspace'), matchOnDescription: true, canPickMany: true }))?.map((item) => item.uri);
}

function pickFromDisk(rule: SlotRule): Thenable<vscode.Uri[] | undefined> {
  return vscode.window.showOpenDialog({
    canSelectMany: rule.max > 1,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { [l10n.t('Supported files')]: [...extensionsOf(rule)], [l10n.t('All files')]: ['*'] },
  });
}

/** Each input as a URL the model can read: inline within the limit, otherwise uploaded for that model. */
async function resolveInputs(client: DashScopeClient, params: Parameters, picked: PickedFiles): Promise<ResolvedInputs> {
  const pathOf = (input: MediaInput) => {
    const file = picked.pathOf(input.id);
    if (!file) throw new Error(l10n.t('{0} is no longer available: pick it again.', input.name));
    return file;
  };
  const entries = await Promise.all(Object.entries(params.inputs).map(async ([slot, list]) => [
    slot,
    await Promise.all((list ?? []).map(async (input) => ({ url: await client.uploads.toMediaUrl({ data: pathOf(input), fileName: input.name, mimeType: input.mimeType }, params.model), mimeType: input.mimeType }))),
  ] as const));
  return Object.fromEntries(entries);
}
