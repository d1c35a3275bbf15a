import * as l10n from '@vscode/l10n';
import { DashScopeError } from '../../dashscope';
import { planServesImageModel } from '../../shared/models/plans';
import { targetTitle } from '../endpoint';
import { planRefusal } from '../keys/planLimits';
import { describeError } from '../errors';
import type { Log } from '../log';
import type { StudioSettings } from '../settings';
import type { HistoryEntry, HistoryStorage } from './mediaHistory';
import type { BaseForm, BaseParameters, KindSpec } from './mediaKinds';
import type { MediaSubmitter, SubmitResult } from './mediaSubmit';
import { pickInputs } from './inputPickers';
import type { PickedFiles } from './pickedFiles';

/** What one panel shows besides its results. */
interface PanelModel<F> extends SubmitResult {
  readonly form: F;
  /** Bumped when the host changes the form, so the page replaces what it shows; typing never does. */
  readonly formRevision: number;
  readonly busy: boolean;
}

export interface MediaFormContext {
  readonly storage: HistoryStorage;
  readonly picked: PickedFiles;
  readonly submitter: MediaSubmitter;
  readonly log: Log;
  readonly settings: () => StudioSettings;
  /** The panel's model changed: the page should hear of it. */
  readonly changed: () => void;
  /** The form (and with it its picked files) changed. */
  readonly formChanged: () => void;
}

/** One panel's form, kept by the host (a rebuilt or reloaded page shows it again), and its submit. */
export class MediaForm<F extends BaseForm, P extends BaseParameters> {
  private model: PanelModel<F>;

  constructor(readonly spec: KindSpec<F, P>, private readonly context: MediaFormContext) {
    const form = spec.parse(context.storage.get(this.storageKey));
    this.model = { form: form ? this.known(form) : spec.defaultForm(this.defaultModel()), formRevision: 1, busy: false };
  }

  /** The kind's models the selected plan serves: a Token Plan serves a few image models only. */
  get models(): KindSpec<F, P>['models'] {
    const { plan, region } = this.context.settings();
    if (region === 'custom' || this.spec.kind !== 'image') return this.spec.models;
    return this.spec.models.filter((model) => planServesImageModel(plan, model.id));
  }

  private defaultModel(): string {
    const preferred = this.spec.defaultModel(this.context.settings());
    const models = this.models;
    return models.some((model) => model.id === preferred) ? preferred : models[0]?.id ?? preferred;
  }

  /**
   * Why the selected plan cannot send `model` (a panel left open while the plan changed): the kind is not part of the
   * plan, or the model is not among the plan's, with those it has; undefined when it can.
   */
  private unservedModel(model: string): string | undefined {
    const settings = this.context.settings();
    const refusal = planRefusal(settings, this.spec.kind === 'image' ? 'images' : 'video');
    if (refusal !== undefined) return refusal;
    const models = this.models;
    if (models.some((candidate) => candidate.id === model)) return undefined;
    return l10n.t('{0} does not serve {1}. Pick one of: {2}.', targetTitle(settings.plan, settings.region), model, models.map((candidate) => candidate.id).join(', '));
  }

  get current(): PanelModel<F> {
    return this.model;
  }

  private get storageKey(): string {
    return `dashscope.media.${this.spec.kind}.form`;
  }

  /** The form with only the files the user picked (see PickedFiles). */
  private known(form: F): F {
    return { ...form, inputs: this.context.picked.known(form.inputs) };
  }

  /** Changes the model; the page hears of it unless it is the page's own typing (`quiet`). */
  private set(change: Partial<PanelModel<F>>, hostChangedForm = false, quiet = false): void {
    this.model = { ...this.model, ...change, formRevision: this.model.formRevision + (hostChangedForm ? 1 : 0) };
    if (change.form) {
      void this.context.storage.update(this.storageKey, this.model.form);
      this.context.formChanged();
    }
    if (!quiet) this.context.changed();
  }

  /**
   * The page's form as the user left it. A model change brings the values the new model takes (and is sent
   * back); plain typing is only kept, so the page is not redrawn under the user's hands.
   */
  update(submitted: F): void {
    const form = this.known(submitted);
    const modelChanged = form.model !== this.model.form.model;
    this.set({ form: modelChanged ? this.spec.adapt(form, form.model) : form, error: undefined, duplicate: undefined }, modelChanged, !modelChanged);
  }

  /** Fills the form with an earlier request (Reuse, Regenerate). */
  prefill(entry: HistoryEntry): void {
    const form = this.spec.parse(entry.form);
    if (form) this.set({ form: this.known(form), error: undefined, duplicate: undefined }, true);
  }

  async addInputs(slot: string, source: 'workspace' | 'disk'): Promise<void> {
    const rule = this.spec.slots(this.model.form).find((candidate) => candidate.slot === slot);
    if (!rule) return;
    const files = await pickInputs(rule, source);
    if (!files || files.length === 0) return;
    const picked = await Promise.all(files.map((file) => this.context.picked.add(file.fsPath)));
    const form = this.model.form;
    const kept = rule.max === 1 ? [] : (form.inputs[slot] ?? []);
    this.set({ form: { ...form, inputs: { ...form.inputs, [slot]: [...kept, ...picked] } }, error: undefined, duplicate: undefined }, true);
  }

  removeInput(slot: string, index: number): void {
    const form = this.model.form;
    this.set({ form: { ...form, inputs: { ...form.inputs, [slot]: (form.inputs[slot] ?? []).filter((_, i) => i !== index) } } }, true);
  }

  dismissDuplicate(): void {
    this.set({ duplicate: undefined });
  }

  /** Sends the form unless a submit is under way; problems land on the form, whose values stay. */
  async submit(submitted: F, force: boolean): Promise<void> {
    if (this.model.busy) return;
    const form = this.known(submitted);
    const unserved = this.unservedModel(form.model);
    if (unserved) return this.set({ form, error: { message: unserved }, duplicate: undefined });
    // Busy from the first step: a second click while files are hashed or uploaded sends nothing.
    this.set({ form, busy: true, error: undefined, duplicate: undefined });
    let result: SubmitResult = {};
    try {
      result = await this.context.submitter.submit(this.spec, form, force);
    } catch (error) {
      this.context.log.error(`${this.spec.kind} panel: submit failed`, error);
      result = { error: error instanceof DashScopeError ? { code: error.code, message: error.message } : { message: describeError(error) } };
    } finally {
      this.set({ busy: false, ...result });
    }
  }
}
