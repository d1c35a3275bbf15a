import * as l10n from '@vscode/l10n';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { previewProtocol, type PreviewState } from '../../shared/protocol/preview';
import { ViewTypes } from '../ids';
import { saveCopyAs } from '../saveCopy';
import type { Services } from '../services';
import type { TaskTracker } from '../tasks/taskTracker';
import type { TrackedTask } from '../tasks/trackedTask';
import { WebviewSession } from '../webviews/webviewSession';
import { mp4Audio } from './mp4Audio';


const KINDS: Readonly<Record<string, PreviewState['kind']>> = {
  '.png': 'image', '.jpg': 'image', '.jpeg': 'image', '.webp': 'image', '.gif': 'image',
  '.mp4': 'video', '.webm': 'video', '.mov': 'video', '.wav': 'audio', '.mp3': 'audio', '.flac': 'audio', '.ogg': 'audio',
};

/** Whether the preview shows a file (images, videos, audio); anything else (a transcript) opens as text. */
export const previewable = (file: string) => path.extname(file).toLowerCase() in KINDS;

/** What is known of how a file was made: the task that produced it, when it is tracked. */
function metadataOf(task: TrackedTask | undefined): [string, string][] {
  if (!task) return [];
  const request = task.request ?? {};
  const rows: [string, string][] = [];
  const add = (name: string, value: unknown) => {
    if (value !== undefined && value !== null && value !== '') rows.push([name, String(value)]);
  };
  add(l10n.t('Prompt'), task.prompt);
  add(l10n.t('Model'), task.model);
  add(l10n.t('Seed'), request.seed);
  add(l10n.t('Size'), request.size ?? request.resolution ?? task.usage?.size);
  add(l10n.t('Duration'), request.duration ?? task.usage?.output_video_duration ?? task.usage?.duration);
  add(l10n.t('Task id'), task.taskId);
  return rows;
}

/** Files made from the image and video panels: what the preview shows of them, and how to make them again. */
export interface MediaOrigins {
  describe(file: string): { readonly prompt: string; readonly rows: [string, string][] } | undefined;
  /** Reopens the panel that made the file, filled with its request; false when no panel made it. */
  regenerate(file: string): Promise<boolean>;
}

/**
 * A read-only editor for generated images, videos and audio (and any such file, through "Open With…"):
 * the media from the local file, its metadata, and actions. Nothing remote is loaded.
 */
export class MediaPreviewProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(private readonly services: Services, private readonly tracker: TaskTracker, private readonly origins: MediaOrigins) {}

  static register(services: Services, tracker: TaskTracker, origins: MediaOrigins): vscode.Disposable {
    return vscode.window.registerCustomEditorProvider(ViewTypes.mediaPreview, new MediaPreviewProvider(services, tracker, origins), { supportsMultipleEditorsPerDocument: true });
  }

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    const file = document.uri;
    const task = () => this.tracker.store.all().find((candidate) => candidate.localFiles.includes(file.fsPath));
    const session = new WebviewSession(panel.webview, this.services.context.extensionUri, {
      page: { script: 'preview', title: path.basename(file.fsPath), stylesheet: 'preview.css', mediaRoots: [vscode.Uri.file(path.dirname(file.fsPath))] },
      protocol: previewProtocol,
      visible: () => panel.visible,
      handlers: () => ({
        saveAs: async () => {
          await saveCopyAs(file);
        },
        copyPrompt: async () => {
          const prompt = task()?.prompt || this.origins.describe(file.fsPath)?.prompt;
          if (prompt) await vscode.env.clipboard.writeText(prompt);
        },
        regenerate: async () => {
          if (await this.origins.regenerate(file.fsPath)) return;
          const source = task();
          if (!source) return;
          const resubmitted = await this.tracker.resubmit(source);
          void vscode.window.showInformationMessage(l10n.t('Submitted again as task {0}.', resubmitted.taskId));
        },
        reveal: async () => void (await vscode.commands.executeCommand('revealFileInOS', file)),
        openExternally: async () => void (await vscode.env.openExternal(file)),
      }),
      onReady: (channel) => void this.state(file, panel.webview, task()).then(
        (state) => channel.notify('show', state),
        (error: unknown) => this.showError(l10n.t('Cannot preview {0}: {1}', path.basename(file.fsPath), messageOf(error))),
      ),
    }, this.services.log);
    panel.onDidDispose(() => session.dispose());
  }

  private async state(file: vscode.Uri, webview: vscode.Webview, task: TrackedTask | undefined): Promise<PreviewState> {
    const extension = path.extname(file.fsPath).toLowerCase();
    const kind = KINDS[extension] ?? 'image';
    const { size } = await fs.stat(file.fsPath);
    const origin = this.origins.describe(file.fsPath);
    return {
      kind,
      source: webview.asWebviewUri(file).toString(),
      fileName: path.basename(file.fsPath),
      sizeBytes: size,
      aacAudio: kind === 'video' && (extension === '.mp4' || extension === '.mov') && (await this.hasAac(file.fsPath)),
      metadata: origin?.rows ?? metadataOf(task),
      canRegenerate: origin !== undefined || task?.request !== undefined,
      hasPrompt: Boolean(origin?.prompt || task?.prompt),
    };
  }

  /** A damaged or hostile video still opens; the user learns why its sound could not be checked. */
  private async hasAac(file: string): Promise<boolean> {
    try {
      return (await mp4Audio(file)) === 'aac';
    } catch (error) {
      this.showError(l10n.t('Cannot read the sound track of {0}: {1}', path.basename(file), messageOf(error)));
      return false;
    }
  }

  private showError(message: string): void {
    this.services.log.error(message);
    void vscode.window.showErrorMessage(message);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
