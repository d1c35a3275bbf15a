import * as l10n from '@vscode/l10n';
import { button, checkbox, dropdown, h, progressRing, registerComponents, setDisabled, textArea, textField, type Choice, type Field } from '../components/toolkit';
import type { EntryView, ImagePanelState, ImageProtocol, VideoPanelState, VideoProtocol } from '../../shared/protocol/media';
import type { FormIssues, MediaInput, SlotRule } from '../../shared/protocol/mediaRules';
import { HostConnection } from './hostConnection';
import { KeyedCards } from './keyedCards';
import { configureLocalization } from './l10n';

/**
 * What the image and the video page share: the connection, the form's plumbing (values kept while typing,
 * inline messages, input files), the service's error and the duplicate offer, and the results list.
 * Each page adds its own fields and rules.
 */
export type PanelState = ImagePanelState | VideoPanelState;
type Form = PanelState['form'];

export interface PageSpec<F extends Form> {
  readonly title: string;
  /** The page's own fields, above the input files. */
  readonly fields: readonly HTMLElement[];
  /** Writes a form's values into the fields (on the first state and when the host changed the form). */
  readonly show: (form: F, state: PanelState) => void;
  /** The current form from the fields. */
  readonly read: (form: F) => F;
  readonly check: (form: F) => { ok: true } | { ok: false; issues: FormIssues };
  readonly slots: (form: F) => readonly SlotRule[];
  /** A control beside a picked file (e.g. a VACE reference image's role); none when absent or null. */
  readonly fileControl?: (rule: SlotRule, file: MediaInput, form: F) => HTMLElement | null;
  /** A line under the form (e.g. the cost estimate); empty for none. */
  readonly summary: (form: F) => string;
  readonly mediaKind: 'image' | 'video';
}

/** The fields both panels have, read and shown the same way. */
export interface CommonFields {
  readonly prompt: Field<string>;
  readonly negative: Field<string>;
  readonly seed: Field<string>;
  readonly promptExtend: Field<boolean>;
  readonly watermark: Field<boolean>;
}

type CommonValues = Pick<Form, 'prompt' | 'negativePrompt' | 'seed' | 'promptExtend' | 'watermark'>;

export function readCommon(fields: CommonFields): CommonValues {
  return { prompt: fields.prompt.value, negativePrompt: fields.negative.value, seed: fields.seed.value, promptExtend: fields.promptExtend.value, watermark: fields.watermark.value };
}

export function showCommon(fields: CommonFields, form: CommonValues): void {
  fields.prompt.value = form.prompt;
  fields.negative.value = form.negativePrompt;
  fields.seed.value = form.seed;
  fields.promptExtend.value = form.promptExtend;
  fields.watermark.value = form.watermark;
}

/** A container whose content a page swaps (e.g. a size list or a size field, as the model takes). */
export function swappable(): HTMLElement & { show(control: HTMLElement): void } {
  const box = h('div', { class: 'swappable' });
  return Object.assign(box, {
    show(control: HTMLElement) {
      if (box.firstChild !== control) box.replaceChildren(control);
    },
  });
}

const SLOT_LABELS = (): Record<string, string> => ({
  images: l10n.t('Input images'),
  firstFrame: l10n.t('First frame'),
  lastFrame: l10n.t('Last frame'),
  references: l10n.t('Reference images or videos'),
  referenceImages: l10n.t('Reference images (optional)'),
  refImages: l10n.t('Reference images (subjects or background)'),
  video: l10n.t('Source video'),
  audio: l10n.t('Audio (optional)'),
});

const formatSize = (bytes: number) => (bytes < 1024 ** 2 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`);
const formatElapsed = (ms: number) => {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

export class MediaPage<F extends Form> {
  readonly host: HostConnection<ImageProtocol>;
  state: PanelState | undefined;
  form: F | undefined;
  private revision = -1;
  /** Writing a state into the controls: their change events are not the user's. */
  private showing = false;
  /** Fields the user changed, or all after a submit attempt: only those show their messages. */
  private readonly touched = new Set<string>();
  /** Fields the user changed since the host last heard the form: a form the host sends meanwhile does not overwrite them. */
  private readonly typed = new Set<string>();
  private showAll = false;
  private updateTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly messages = new Map<string, HTMLElement>();
  private readonly app = document.getElementById('app')!;
  private readonly keyBanner: HTMLElement;
  private readonly slotsBox = h('div', { class: 'slots' });
  private readonly summaryLine = h('div', { class: 'summary muted', 'aria-live': 'polite' });
  private readonly errorBox = h('div', { class: 'form-error', role: 'alert', hidden: true });
  private readonly duplicateBox = h('div', { class: 'duplicate', role: 'status', hidden: true });
  private readonly submitButton: HTMLElement;
  private readonly busyRing = progressRing(l10n.t('Submitting'));
  private readonly results = h('section', { class: 'results', 'aria-label': l10n.t('Results') });
  private elapsedTimer: ReturnType<typeof setInterval> | undefined;
  private readonly cards = new KeyedCards<EntryView>(this.results, (entry) => this.card(entry), () => h('p', { class: 'muted' }, [l10n.t('Results appear here, and are saved at once (the service\'s links expire).')]));

  private spec!: PageSpec<F>;

  constructor(protocol: ImageProtocol | VideoProtocol, mediaKind: 'image' | 'video') {
    configureLocalization();
    registerComponents();
    // The two protocols differ only in the form inside their messages; each page sends its own form.
    this.host = new HostConnection(protocol as ImageProtocol, { state: (state) => this.receive(state as PanelState) });
    this.keyBanner = h('div', { class: 'key-banner', role: 'status', hidden: true }, [
      h('span', {}, [l10n.t('Set a DashScope API key for the selected region to generate.')]),
      button(l10n.t('Set API Key'), { appearance: 'secondary', onClick: () => this.host.command('setApiKey', {}) }),
    ]);
    this.submitButton = button(mediaKind === 'image' ? l10n.t('Generate') : l10n.t('Submit Task'), { onClick: () => this.submit(false) });
    this.busyRing.hidden = true;
  }

  /** Lays out the page around its own fields and starts talking to the host. */
  start(spec: PageSpec<F>): void {
    this.spec = spec;
    this.app.dataset.panel = spec.mediaKind;
    const form = h('form', { class: 'media-form', novalidate: true, onsubmit: (event: Event) => event.preventDefault() }, [
      ...spec.fields,
      this.slotsBox,
      this.summaryLine,
      this.errorBox,
      this.duplicateBox,
      h('div', { class: 'submit-row' }, [this.submitButton, this.busyRing]),
    ]);
    this.app.replaceChildren(h('h1', {}, [spec.title]), this.keyBanner, form, h('h2', {}, [l10n.t('Results')]), this.results);
    // Ctrl/Cmd+Enter submits from anywhere in the form.
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) this.submit(false);
    });
    this.host.start();
  }

  /** A wrapper with a label, the control, and the place for its inline message. */
  labelled(name: string, label: string, control: HTMLElement, hint?: HTMLElement): HTMLElement {
    const message = h('div', { class: 'field-error', role: 'alert', id: `error-${name}` });
    this.messages.set(name, message);
    control.setAttribute('aria-describedby', `error-${name}`);
    return h('div', { class: 'field', 'data-field': name }, [h('label', { class: 'field-label' }, [label]), control, hint ?? null, message]);
  }

  /** A text or number field bound to the form (the label is drawn by `labelled`). */
  text(name: string, label: string, options: { placeholder?: string; type?: 'text' | 'number'; rows?: number } = {}): Field<string> {
    const field = options.rows
      ? textArea({ label: '', rows: options.rows, placeholder: options.placeholder, onInput: () => this.changed(name) })
      : textField({ label: '', type: options.type, placeholder: options.placeholder, onInput: () => this.changed(name) });
    field.element.setAttribute('aria-label', label);
    return field;
  }

  /** Prompt, negative prompt, seed and the two switches, with the page's example texts. */
  commonFields(placeholders: { readonly prompt: string; readonly negative: string }): CommonFields {
    return {
      prompt: this.text('prompt', l10n.t('Prompt'), { rows: 4, placeholder: placeholders.prompt }),
      negative: this.text('negativePrompt', l10n.t('Negative prompt'), { rows: 2, placeholder: placeholders.negative }),
      seed: this.text('seed', l10n.t('Seed'), { type: 'number', placeholder: l10n.t('random') }),
      promptExtend: this.toggle('promptExtend', l10n.t('Prompt extension')),
      watermark: this.toggle('watermark', l10n.t('Watermark')),
    };
  }

  choice(name: string, label: string): Field<string> & { setChoices(choices: readonly Choice[], value?: string): void } {
    return dropdown({ label, choices: [], onChange: () => this.changed(name, true) });
  }

  toggle(name: string, label: string): Field<boolean> {
    return checkbox({ label, onChange: () => this.changed(name, true) });
  }

  /** A field changed: validate, and tell the host (at once for choices, which may change the model's rules). */
  changed(name: string, immediately = false): void {
    if (this.showing) return;
    this.touched.add(name);
    this.typed.add(name);
    // Typed before the host's first state: kept when it arrives (see `receive`).
    if (!this.form) return;
    this.form = this.spec.read(this.form);
    this.validate();
    this.summaryLine.textContent = this.spec.summary(this.form);
    if (this.state?.error || this.state?.duplicate) {
      this.errorBox.hidden = true;
      this.duplicateBox.hidden = true;
    }
    clearTimeout(this.updateTimer);
    if (immediately) this.flush();
    else this.updateTimer = setTimeout(() => this.flush(), 300);
  }

  /** Sends the form now (before a command that makes the host change it, so no typing is lost). */
  private flush(): void {
    clearTimeout(this.updateTimer);
    this.typed.clear();
    if (this.form) this.host.command('update', { form: this.form as never });
  }

  /** The host's form with the values of the fields the user typed in since the host last heard the form. */
  private withTyped(form: F): F {
    if (this.typed.size === 0) return form;
    const read: Readonly<Record<string, unknown>> = this.spec.read(form);
    return { ...form, ...Object.fromEntries([...this.typed].filter((name) => name in form).map((name) => [name, read[name]])) };
  }

  private validate(): boolean {
    if (!this.form) return false;
    const result = this.spec.check(this.form);
    const issues = result.ok ? {} : result.issues;
    for (const [name, element] of this.messages) {
      const message = this.showAll || this.touched.has(name) ? issues[name] : undefined;
      element.textContent = message ?? '';
      element.parentElement?.classList.toggle('invalid', Boolean(message));
    }
    return result.ok;
  }

  private submit(force: boolean): void {
    if (!this.form || this.state?.busy) return;
    this.form = this.spec.read(this.form);
    this.showAll = true;
    if (!this.validate()) {
      this.app.querySelector<HTMLElement>('.field.invalid')?.scrollIntoView({ block: 'center' });
      return;
    }
    clearTimeout(this.updateTimer);
    this.host.command('submit', { form: this.form as never, force });
  }

  private receive(state: PanelState): void {
    this.state = state;
    if (state.formRevision !== this.revision || !this.form) {
      this.revision = state.formRevision;
      const kept = this.typed.size > 0;
      this.form = this.withTyped(state.form as F);
      this.showing = true;
      try {
        this.spec.show(this.form, state);
      } finally {
        this.showing = false;
      }
      // The host keeps the form (a rebuilt page shows it again): tell it what the user typed.
      if (kept) this.flush();
    } else {
      // Typing is never interrupted: only the files (changed by the host's pickers) come from the state.
      this.form = { ...this.spec.read(this.form), inputs: state.form.inputs } as F;
    }
    this.keyBanner.hidden = state.hasKey;
    this.renderSlots();
    this.validate();
    this.summaryLine.textContent = this.spec.summary(this.form);
    this.renderProblem(state);
    setDisabled(this.submitButton, state.busy);
    this.busyRing.hidden = !state.busy;
    this.renderResults(state.entries);
  }

  private renderSlots(): void {
    const form = this.form!;
    const labels = SLOT_LABELS();
    this.slotsBox.replaceChildren(...this.spec.slots(form).map((rule) => {
      const files: readonly MediaInput[] = form.inputs[rule.slot] ?? [];
      const previews = this.state?.inputPreviews ?? {};
      const chips = files.map((file, index) => h('li', { class: 'chip' }, [
        previews[file.id] ? h('img', { class: 'chip-thumb', src: previews[file.id]!, alt: '' }) : null,
        h('span', { class: 'chip-name', title: file.name }, [file.name]),
        h('span', { class: 'muted' }, [formatSize(file.sizeBytes)]),
        this.spec.fileControl?.(rule, file, form) ?? null,
        button('×', { appearance: 'icon', title: l10n.t('Remove {0}', file.name), onClick: () => {
          this.flush();
          this.host.command('removeInput', { slot: rule.slot, index });
        } }),
      ]));
      const add = (source: 'workspace' | 'disk') => () => {
        this.touched.add(rule.slot);
        this.flush();
        this.host.command('addInputs', { slot: rule.slot, source });
      };
      const control = h('div', { class: 'slot' }, [
        chips.length > 0 ? h('ul', { class: 'chips' }, chips) : h('span', { class: 'muted' }, [l10n.t('No file yet')]),
        h('div', { class: 'slot-actions' }, [
          button(l10n.t('From Workspace…'), { appearance: 'secondary', onClick: add('workspace') }),
          button(l10n.t('From Disk…'), { appearance: 'secondary', onClick: add('disk') }),
        ]),
      ]);
      return this.labelled(rule.slot, labels[rule.slot] ?? rule.slot, control);
    }));
  }

  private renderProblem(state: PanelState): void {
    this.errorBox.hidden = !state.error;
    if (state.error) {
      this.errorBox.replaceChildren(
        h('strong', {}, [state.error.code ? l10n.t('DashScope refused the request ({0})', state.error.code) : l10n.t('The request failed')]),
        h('div', { class: 'form-error-message' }, [state.error.message]),
      );
    }
    this.duplicateBox.hidden = !state.duplicate;
    if (state.duplicate) {
      const { entryId, createdAt } = state.duplicate;
      this.duplicateBox.replaceChildren(
        h('span', {}, [l10n.t('You made the same request on {0}: open that result instead of paying again?', new Date(createdAt).toLocaleString())]),
        button(l10n.t('Open Earlier Result'), { onClick: () => { this.host.command('open', { entryId }); this.host.command('dismissDuplicate', {}); } }),
        button(l10n.t('Submit Anyway'), { appearance: 'secondary', onClick: () => this.submit(true) }),
      );
    }
  }

  /** Redraws only the cards whose entry changed: a video playing in another card keeps playing. */
  private renderResults(entries: readonly EntryView[]): void {
    this.cards.render(entries);
    clearInterval(this.elapsedTimer);
    if (entries.some((entry) => entry.status === 'running')) this.elapsedTimer = setInterval(() => this.tick(), 1000);
  }

  private tick(): void {
    for (const element of this.results.querySelectorAll<HTMLElement>('[data-started]')) {
      element.textContent = formatElapsed(Date.now() - Number(element.dataset.started));
    }
  }

  private card(entry: EntryView): HTMLElement {
    const meta = [entry.model, entry.seed !== undefined ? l10n.t('seed {0}', entry.seed) : '', new Date(entry.createdAt).toLocaleString()].filter(Boolean).join(' · ');
    const body: (HTMLElement | null)[] = [];
    if (entry.status === 'running') {
      body.push(h('div', { class: 'progress', role: 'status' }, [
        progressRing(l10n.t('Running')),
        h('span', {}, [entry.taskStatus ?? l10n.t('Submitted')]),
        h('span', { class: 'muted', 'data-started': String(entry.createdAt) }, [formatElapsed(Date.now() - entry.createdAt)]),
        entry.taskId ? h('span', { class: 'muted' }, [l10n.t('task {0}', entry.taskId)]) : null,
      ]));
    }
    if (entry.error) {
      body.push(h('div', { class: 'entry-error', role: 'alert' }, [entry.error.code ? `${entry.error.code}: ${entry.error.message}` : entry.error.message]));
    }
    if (entry.files.length > 0) {
      body.push(h('div', { class: 'thumbs' }, entry.files.map((file, index) => this.spec.mediaKind === 'image'
        ? h('button', { class: 'thumb', type: 'button', title: l10n.t('Open {0}', file.name), onclick: () => this.host.command('open', { entryId: entry.id, index }) }, [h('img', { src: file.uri, alt: entry.prompt || file.name })])
        : h('video', { class: 'thumb', src: file.uri, controls: true, preload: 'metadata', 'aria-label': file.name }))));
    }
    const target = { entryId: entry.id };
    const actions = h('div', { class: 'actions' }, [
      entry.files.length > 0 ? button(l10n.t('Open'), { appearance: 'secondary', onClick: () => this.host.command('open', target) }) : null,
      entry.files.length > 0 ? button(l10n.t('Save to Workspace…'), { appearance: 'secondary', onClick: () => this.host.command('saveToWorkspace', target) }) : null,
      entry.files.length > 0 ? button(l10n.t('Copy Markdown Link'), { appearance: 'secondary', onClick: () => this.host.command('copyMarkdown', target) }) : null,
      button(l10n.t('Reuse Seed and Parameters'), { appearance: 'secondary', onClick: () => {
        // What was typed reaches the host first, so the earlier request replaces it as asked.
        this.flush();
        this.host.command('reuse', target);
      } }),
      button(l10n.t('Copy as curl'), { appearance: 'secondary', onClick: () => this.host.command('copyRequest', { ...target, language: 'curl' }) }),
      button(l10n.t('Copy as TypeScript'), { appearance: 'secondary', onClick: () => this.host.command('copyRequest', { ...target, language: 'typescript' }) }),
      entry.status === 'running' ? null : button(l10n.t('Remove'), { appearance: 'secondary', onClick: () => this.host.command('removeEntry', target) }),
    ]);
    return h('article', { class: `entry ${entry.status}`, 'data-entry': entry.id }, [
      h('div', { class: 'entry-prompt' }, [entry.prompt || l10n.t('(no prompt)')]),
      h('div', { class: 'muted entry-meta' }, [meta]),
      ...body,
      actions,
    ]);
  }
}

/** Dropdown choices for a list of values shown as they are. */
export const plainChoices = (values: readonly string[]): Choice[] => values.map((value) => ({ value, label: value }));
