import * as l10n from '@vscode/l10n';
import path from 'node:path';
import * as vscode from 'vscode';
import { DashScopeError } from '../../dashscope';
import { speechForm, type SpeechForm, type SpeechPanelState } from '../../shared/protocol/speech';
import { adaptAsr, adaptTts, defaultSpeechForm } from '../../shared/protocol/speechRules';
import { Disposable } from '../disposable';
import { describeError } from '../errors';
import type { HistoryStorage } from '../media/mediaHistory';
import { pickInputs } from '../media/inputPickers';
import { PickedFiles } from '../media/pickedFiles';
import type { Services } from '../services';
import type { TaskTracker } from '../tasks/taskTracker';
import { SpeechHistory } from './speechHistory';
import { SpeechSynthesizer } from './speechSynthesis';
import { SpeechTranscriber } from './speechTranscription';

const FORM_KEY = 'dashscope.speech.form';
const AUDIO_SLOT = { slot: 'audio', min: 1, max: 100, types: ['audio/wav', 'audio/mpeg', 'video/mp4'], maxBytes: 2 * 1024 ** 3 } as const;

/** The Speech panel's picked files live under their own keys, apart from the image and video panels' (which forget files they do not use). */
const namespaced = (storage: HistoryStorage): HistoryStorage => ({
  get: (key) => storage.get(`dashscope.speech/${key}`),
  update: (key, value) => storage.update(`dashscope.speech/${key}`, value),
});

/** The long-running side of the Speech panel: its form, its history and what its buttons do. The page only shows it. */
export class SpeechStudio extends Disposable {
  readonly history: SpeechHistory;
  readonly picked: PickedFiles;
  readonly synthesizer: SpeechSynthesizer;
  readonly transcriber: SpeechTranscriber;
  private model: Omit<SpeechPanelState, 'hasKey' | 'entries'>;
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;
  private readonly chunkEmitter = this._register(new vscode.EventEmitter<{ entryId: string; pcm: Uint8Array }>());
  readonly onDidReceiveAudio = this.chunkEmitter.event;

  constructor(private readonly services: Services, private readonly tracker: TaskTracker) {
    super();
    const storage = services.context.globalState;
    this.history = this._register(new SpeechHistory(storage));
    this.picked = new PickedFiles(namespaced(storage), path.join(services.context.globalStorageUri.fsPath, 'speech-picked'), services.log);
    this.synthesizer = new SpeechSynthesizer(services, this.history, () => tracker.resultsFolder(), (entryId, pcm) => this.chunkEmitter.fire({ entryId, pcm }));
    this.transcriber = this._register(new SpeechTranscriber(services, tracker, this.picked));
    const stored = speechForm.safeParse(storage.get(FORM_KEY));
    this.model = { form: stored.success ? this.known(stored.data) : defaultSpeechForm(), formRevision: 1, busy: false };
    this._register(this.history.onDidChange(() => this.changeEmitter.fire()));
    this._register(services.connection.onDidChange(() => this.changeEmitter.fire()));
  }

  get state(): Omit<SpeechPanelState, 'entries'> {
    return { ...this.model, hasKey: this.services.connection.hasKey };
  }

  resultsFolder(): string {
    return this.tracker.resultsFolder();
  }

  /** The form with values the models take and only files the user picked (ids the host issued). */
  private known(form: SpeechForm): SpeechForm {
    const files = this.picked.known({ audio: form.asr.files.map((file) => ({ ...file, mimeType: '' })) }).audio ?? [];
    return {
      tts: adaptTts(form.tts, form.tts.model),
      asr: adaptAsr({ ...form.asr, files: files.map(({ id, name, sizeBytes }) => ({ id, name, sizeBytes })) }, form.asr.model),
    };
  }

  /** Changes the model; `hostChanged` redraws the page's form (typing never does). */
  private set(change: Partial<typeof this.model>, hostChanged = false, quiet = false): void {
    this.model = { ...this.model, ...change, formRevision: this.model.formRevision + (hostChanged ? 1 : 0) };
    if (change.form) void this.services.context.globalState.update(FORM_KEY, this.model.form);
    if (!quiet) this.changeEmitter.fire();
  }

  update(submitted: SpeechForm): void {
    const form = this.known(submitted);
    const modelChanged = form.tts.model !== this.model.form.tts.model || form.asr.model !== this.model.form.asr.model;
    this.set({ form, error: undefined, duplicate: undefined }, modelChanged, !modelChanged);
  }

  /** Fills the text-to-speech side with an earlier request (Regenerate in the preview). */
  prefill(tts: Partial<SpeechForm['tts']>): void {
    const form = this.model.form;
    this.set({ form: { ...form, tts: adaptTts({ ...form.tts, ...tts }, tts.model ?? form.tts.model) }, error: undefined, duplicate: undefined }, true);
  }

  async useSelection(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const text = editor ? editor.selections.map((selection) => editor.document.getText(selection)).join('\n').trim() : '';
    if (!text) {
      void vscode.window.showInformationMessage(l10n.t('Select the text to speak in an editor first.'));
      return;
    }
    this.set({ form: { ...this.model.form, tts: { ...this.model.form.tts, text } } }, true);
  }

  async addFiles(source: 'workspace' | 'disk'): Promise<void> {
    const files = await pickInputs(AUDIO_SLOT, source);
    if (!files || files.length === 0) return;
    const picked = await Promise.all(files.map((file) => this.picked.add(file.fsPath)));
    const asr = this.model.form.asr;
    this.set({ form: { ...this.model.form, asr: adaptAsr({ ...asr, files: [...asr.files, ...picked.map(({ id, name, sizeBytes }) => ({ id, name, sizeBytes }))] }, asr.model) }, error: undefined }, true);
  }

  removeFile(index: number): void {
    const asr = this.model.form.asr;
    this.set({ form: { ...this.model.form, asr: { ...asr, files: asr.files.filter((_, i) => i !== index) } } }, true);
  }

  dismissDuplicate(): void {
    this.set({ duplicate: undefined });
  }

  speak(form: SpeechForm, force: boolean): Promise<void> {
    return this.busyWith(form, async () => this.synthesizer.speak(this.model.form.tts, force));
  }

  transcribe(form: SpeechForm): Promise<void> {
    return this.busyWith(form, async () => this.transcriber.transcribe(this.model.form.asr));
  }

  /** One request at a time; its problem lands on the form, whose values stay. */
  private async busyWith(form: SpeechForm, run: () => Promise<{ error?: { code?: string; message: string }; duplicate?: { entryId: string; createdAt: number }; notice?: string }>): Promise<void> {
    if (this.model.busy) return;
    this.set({ form: this.known(form), busy: true, error: undefined, duplicate: undefined, notice: undefined });
    let result: Awaited<ReturnType<typeof run>> = {};
    try {
      result = await run();
    } catch (error) {
      this.services.log.error('Speech panel: request failed', error);
      result = { error: error instanceof DashScopeError ? { code: error.code, message: error.message } : { message: describeError(error) } };
    } finally {
      this.set({ busy: false, ...result });
    }
  }
}
