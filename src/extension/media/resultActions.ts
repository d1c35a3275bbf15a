import * as l10n from '@vscode/l10n';
import path from 'node:path';
import * as vscode from 'vscode';
import { describeError } from '../errors';
import { missingKeyMessage } from '../connection';
import { ViewTypes } from '../ids';
import { saveCopyAs } from '../saveCopy';
import type { Services } from '../services';
import { copyRequest } from '../snippets/copyRequest';
import type { HistoryEntry, MediaHistory } from './mediaHistory';
import { IMAGE_KIND, VIDEO_KIND, type BaseForm, type BaseParameters, type KindSpec } from './mediaKinds';
import { resolveInputs } from './mediaSubmit';
import type { PickedFiles } from './pickedFiles';
import type { ResolvedInputs } from './requestBuilders';

/** What the buttons of a result card do: open, save, link, copy its request as code, reuse, remove. */
export class ResultActions {
  constructor(
    private readonly services: Services,
    private readonly history: MediaHistory,
    private readonly picked: PickedFiles,
    /** Fills the entry's panel with its request. */
    private readonly prefill: (entry: HistoryEntry) => void,
  ) {}

  private fileOf(entryId: string, index = 0): { entry: HistoryEntry; file: string } | undefined {
    const entry = this.history.get(entryId);
    const file = entry?.files[index];
    return entry && file ? { entry, file } : undefined;
  }

  async open(entryId: string, index?: number): Promise<void> {
    const found = this.fileOf(entryId, index);
    if (found) await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(found.file), ViewTypes.mediaPreview);
  }

  /** Copies a result into the workspace (a generated file otherwise lives in the extension's storage). */
  async saveToWorkspace(entryId: string, index?: number): Promise<void> {
    const found = this.fileOf(entryId, index);
    if (!found) return;
    const destination = await saveCopyAs(vscode.Uri.file(found.file), l10n.t('Save to Workspace'));
    if (!destination) return;
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
    if (entry) await (entry.kind === 'image' ? this.copyAs(IMAGE_KIND, entry, language) : this.copyAs(VIDEO_KIND, entry, language));
  }

  private async copyAs<F extends BaseForm, P extends BaseParameters>(spec: KindSpec<F, P>, entry: HistoryEntry, language: 'curl' | 'typescript'): Promise<void> {
    const form = spec.parse(entry.form);
    const checked = form && spec.check(form);
    if (!checked?.ok) {
      void vscode.window.showWarningMessage(l10n.t('The request of this result can no longer be rebuilt: its model or form is no longer supported. Use Reuse Seed and Parameters to start from it.'));
      return;
    }
    const client = await this.services.connection.client();
    if (!client) {
      const { plan, region } = this.services.connection.settings;
      void vscode.window.showWarningMessage(missingKeyMessage(plan, region));
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
