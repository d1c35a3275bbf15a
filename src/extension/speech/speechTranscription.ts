import * as l10n from '@vscode/l10n';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { mimeTypeOf, type DashScopeClient } from '../../dashscope';
import type { AsrEntry } from '../../shared/models';
import type { AsrForm, TranscriptFormat } from '../../shared/protocol/speech';
import { checkAsr } from '../../shared/protocol/speechRules';
import { Disposable } from '../disposable';
import type { PickedFiles } from '../media/pickedFiles';
import type { Services } from '../services';
import type { TaskTracker } from '../tasks/taskTracker';
import type { TrackedTask } from '../tasks/trackedTask';
import { formatTranscript, parseTranscript, TRANSCRIPT_EXTENSIONS } from './transcript';
import { focusCommand, Views } from '../ids';

/** A transcription JSON of 12 hours of speech is a few MB; a larger file is not one. */
const MAX_TRANSCRIPT_BYTES = 16 * 2 ** 20;

/** What a transcribe did, for the panel's notice line. */
export interface TranscribeOutcome {
  readonly notice?: string;
  readonly error?: { code?: string; message: string };
}

/**
 * Speech to text: files go to a file transcription task (uploaded first, they are local) tracked in the Tasks
 * view, and when its result is saved the transcript opens as text, SRT or WebVTT; a clip for the synchronous
 * model is answered at once and opens as text.
 */
export class SpeechTranscriber extends Disposable {
  private readonly converting = new Set<string>();

  constructor(private readonly services: Services, private readonly tracker: TaskTracker, private readonly picked: PickedFiles) {
    super();
    this._register(tracker.store.onDidChange(() => this.convertFinished()));
    this.convertFinished();
  }

  async transcribe(form: AsrForm): Promise<TranscribeOutcome> {
    const checked = checkAsr(form);
    if (!checked.ok) return { error: { message: checked.message } };
    const files = form.files.map((file) => {
      const found = this.picked.pathOf(file.id);
      if (!found) throw new Error(l10n.t('{0} is no longer available: pick it again.', file.name));
      return { path: found, name: file.name };
    });
    const client = await this.services.connection.requireClient();
    return checked.entry.mode === 'sync' ? this.recognize(client, checked.entry, form, files[0]!) : this.submit(client, checked.entry, form, files);
  }

  private async submit(client: DashScopeClient, entry: AsrEntry, form: AsrForm, files: readonly { path: string; name: string }[]): Promise<TranscribeOutcome> {
    // File transcription reads URLs only: local files are uploaded for the model first (temporary, 48 h).
    const urls = await Promise.all(files.map(async (file) => (await client.uploads.upload({ data: file.path, fileName: file.name, mimeType: mimeTypeOf(file.name), model: entry.id })).ossUrl));
    const submitted = await client.speech.transcribe({
      model: entry.id,
      fileUrls: urls,
      ...(form.language ? { languageHints: [form.language] } : {}),
      ...(form.diarization && entry.diarization ? { parameters: { diarization_enabled: true } } : {}),
    });
    // Kept on the task (one file per task), not in this window: whichever window saves the result makes the transcript.
    this.tracker.track({ taskId: submitted.taskId, kind: 'transcription', model: entry.id, prompt: files.map((file) => file.name).join(', '), status: 'PENDING', transcriptFormat: form.output });
    void vscode.commands.executeCommand(focusCommand(Views.tasks));
    return { notice: l10n.t('Transcription task {0} submitted: follow it in the Tasks view; the transcript opens when it is done.', submitted.taskId) };
  }

  private async recognize(client: DashScopeClient, entry: AsrEntry, form: AsrForm, file: { path: string; name: string }): Promise<TranscribeOutcome> {
    const audioUrl = await client.uploads.toMediaUrl({ data: file.path, fileName: file.name, mimeType: mimeTypeOf(file.name) }, entry.id);
    const result = await client.speech.recognize({ model: entry.id, audioUrl, ...(form.language ? { language: form.language } : {}) });
    const seconds = result.usage?.seconds;
    void this.services.usage.record({ model: entry.id, kind: 'transcription', usage: typeof seconds === 'number' ? { duration: seconds } : {}, ...(result.requestId ? { id: result.requestId } : {}) });
    const document = await vscode.workspace.openTextDocument({ content: `${result.text}\n`, language: 'plaintext' });
    await vscode.window.showTextDocument(document, { preview: false });
    return { notice: l10n.t('Transcribed {0} with {1}.', file.name, entry.id) };
  }

  /** Makes the transcript of every transcription this window has saved the result of. */
  private convertFinished(): void {
    for (const task of this.tracker.store.all()) {
      const format = task.transcriptFormat;
      if (!format || task.status !== 'SUCCEEDED' || task.localFiles.length === 0 || this.converting.has(task.taskId) || !this.tracker.ownsTask(task)) continue;
      this.converting.add(task.taskId);
      this.tracker.claim(task);
      void this.convert(task, format).finally(() => this.converting.delete(task.taskId));
    }
  }

  private async convert(task: TrackedTask, format: TranscriptFormat): Promise<void> {
    try {
      const made: string[] = [];
      for (const json of task.localFiles.filter((file) => file.endsWith('.json'))) {
        const { size } = await fs.stat(json);
        if (size > MAX_TRANSCRIPT_BYTES) throw new Error(l10n.t('{0} is too large to be a transcription ({1} MB).', path.basename(json), Math.round(size / 2 ** 20)));
        const target = json.replace(/\.json$/, TRANSCRIPT_EXTENSIONS[format]);
        await fs.writeFile(target, formatTranscript(parseTranscript(JSON.parse(await fs.readFile(json, 'utf8'))), format));
        made.push(target);
      }
      // The Tasks view opens a task's first file: the transcript rather than the JSON it was made from.
      this.tracker.store.update(task.taskId, { transcriptFormat: undefined, localFiles: [...made, ...task.localFiles.filter((file) => !made.includes(file))] });
      if (made.length === 0) return;
      await vscode.window.showTextDocument(vscode.Uri.file(made[0]!), { preview: false });
    } catch (error) {
      this.tracker.store.update(task.taskId, { transcriptFormat: undefined });
      this.services.log.error(`Speech: the transcript of task ${task.taskId} could not be made`, error);
      void vscode.window.showErrorMessage(l10n.t('The transcript of task {0} could not be made: {1}', task.taskId, error instanceof Error ? error.message : String(error)));
    }
  }
}
