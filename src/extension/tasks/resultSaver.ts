import * as l10n from '@vscode/l10n';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ImageResult } from '../../dashscope';
import { concurrencyLimit } from '../concurrencyLimit';
import { describeError } from '../errors';
import type { Services } from '../services';
import { DownloadError, downloadResult } from './download';
import { label } from './taskLabel';
import type { TaskStore } from './taskStore';
import type { TrackedTask } from './trackedTask';

/** Results saved at the same time (an import can finish hundreds of tasks at once). */
const PARALLEL_DOWNLOADS = 3;

/**
 * The name of a saved result without its extension (the download picks it from the content): kind, time, the start
 * of the id, and its number when there are several.
 */
export function resultFileName(kind: string, time: number, id: string, index: number, count: number): string {
  const stamp = new Date(time).toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `${kind}-${stamp}-${id.slice(0, 8)}${count > 1 ? `-${index + 1}` : ''}`;
}

/** What the user is told when a result is saved or could not be. */
export interface ResultNotices {
  ready(task: TrackedTask, files: readonly string[]): Promise<void>;
  failed(task: TrackedTask, message: string): void;
}

/** Saves results to the results folder as soon as they exist, because their URLs expire. */
export class ResultSaver {
  private readonly downloads = new Map<string, Promise<void>>();
  private readonly slot = concurrencyLimit(PARALLEL_DOWNLOADS);

  constructor(private readonly services: Services, private readonly store: TaskStore, private readonly notices: ResultNotices) {}

  /** `downloadFolder` when absolute, or relative to the first workspace folder; else the extension's global storage. */
  resultsFolder(): string {
    const fallback = vscode.Uri.joinPath(this.services.context.globalStorageUri, 'results').fsPath;
    const configured = this.services.connection.settings.downloadFolder;
    if (!configured) return fallback;
    const expanded = configured.startsWith('~') ? path.join(os.homedir(), configured.slice(1)) : configured;
    if (path.isAbsolute(expanded)) return path.resolve(expanded);
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    return workspace === undefined ? fallback : path.join(workspace, expanded);
  }

  /** Saves the images of a synchronous image request at once; returns the files. */
  async saveImages(result: ImageResult): Promise<string[]> {
    const id = result.requestId ?? crypto.randomUUID();
    const time = Date.now();
    const files: string[] = [];
    for (const [index, image] of result.images.entries()) {
      files.push(await downloadResult(image.url, { folder: this.resultsFolder(), name: resultFileName('image', time, id, index, result.images.length) }, { apiBaseUrl: this.services.connection.endpoint.baseUrl }));
    }
    this.services.log.info(`Image request ${result.requestId ?? '?'}: saved ${files.length} file(s) to ${this.resultsFolder()}`);
    return files;
  }

  /** Downloads a succeeded task's results (once at a time per task); announces them unless told not to. */
  download(task: TrackedTask, announce = true): Promise<void> {
    const running = this.downloads.get(task.taskId);
    if (running) return running;
    void this.services.usage.record({ id: task.taskId, model: task.model, kind: task.kind, usage: task.usage, ...(task.endTime !== undefined ? { time: task.endTime } : {}) });
    const work = this.slot(() => Promise.resolve(vscode.window.withProgress(
      { location: announce ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window, title: l10n.t('Saving the result of "{0}"', label(task)) },
      (progress) => this.save(task, (increment) => progress.report({ increment })),
    ))).then(async (files) => {
      this.store.update(task.taskId, { localFiles: files, downloadError: undefined });
      this.services.log.info(`Task ${task.taskId}: saved ${files.length} file(s) to ${this.resultsFolder()}`);
      if (announce) await this.notices.ready(task, files);
    }, (error: unknown) => {
      const message = error instanceof DownloadError ? error.message : describeError(error);
      this.store.update(task.taskId, { downloadError: message });
      this.services.log.error(`Task ${task.taskId}: download failed`, error);
      if (announce) this.notices.failed(task, message);
    }).finally(() => this.downloads.delete(task.taskId));
    this.downloads.set(task.taskId, work);
    return work;
  }

  private async save(task: TrackedTask, advance: (percent: number) => void): Promise<string[]> {
    const files: string[] = [];
    for (const [index, url] of task.resultUrls.entries()) {
      const target = { folder: this.resultsFolder(), name: resultFileName(task.kind, task.endTime ?? Date.now(), task.taskId, index, task.resultUrls.length) };
      let reported = 0;
      const file = await downloadResult(url, target, {
        apiBaseUrl: this.services.connection.endpoint.baseUrl,
        onProgress: (received, total) => {
          if (!total) return;
          const percent = Math.floor((received / total) * 100);
          advance(percent - reported);
          reported = percent;
        },
      });
      files.push(file);
    }
    return files;
  }
}
