import * as l10n from '@vscode/l10n';
import path from 'node:path';
import * as vscode from 'vscode';
import type { MediaPanelKind } from '../../shared/protocol/media';
import type { ImageForm, VideoForm } from '../../shared/protocol/mediaRules';
import { registerCommand } from '../command';
import { Disposable } from '../disposable';
import { Commands, ViewTypes } from '../ids';
import { planAllows, planServes } from '../keys/planLimits';
import type { MediaOrigins } from '../preview/mediaPreview';
import type { Services } from '../services';
import type { TaskTracker } from '../tasks/taskTracker';
import { panelSession } from '../webviews/panelSession';
import type { WebviewSession } from '../webviews/webviewSession';
import { MediaStudio } from './mediaStudio';
import { imageBinding, videoBinding, type MediaProtocol, type PanelBinding } from './panelBindings';

const VIEW_TYPES: Record<MediaPanelKind, string> = { image: ViewTypes.imagePanel, video: ViewTypes.videoPanel };
const GROUP_FOCUS_COMMANDS = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth'].map((ordinal) => `workbench.action.focus${ordinal}EditorGroup`);

/** The image or the video panel: one of each, in the editor area, rebuilt from the studio's state after a reload. */
class MediaPanel<P extends MediaProtocol> extends Disposable implements vscode.WebviewPanelSerializer {
  private current: { panel: vscode.WebviewPanel; session: WebviewSession<P> } | undefined;
  private readonly kind: MediaPanelKind;

  constructor(private readonly services: Services, private readonly studio: MediaStudio, private readonly binding: PanelBinding<P>) {
    super();
    this.kind = binding.kind;
    this._register(studio.onDidChange((kind) => {
      if (kind === this.kind) this.push();
    }));
  }

  private get title(): string {
    return this.kind === 'image' ? l10n.t('DashScope Image') : l10n.t('DashScope Video');
  }

  async open(): Promise<void> {
    if (this.current) {
      this.current.panel.reveal();
      return;
    }
    if (await this.showRestoredTab()) return;
    const panel = vscode.window.createWebviewPanel(VIEW_TYPES[this.kind], this.title, { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, { enableFindWidget: true });
    this.adopt(panel);
  }

  /**
   * After a reload VS Code restores a background panel's tab but revives the panel (through the serializer)
   * only when it is shown: show that tab rather than open a second panel.
   */
  private async showRestoredTab(): Promise<boolean> {
    const found = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs.map((tab, index) => ({ group, tab, index })))
      .find(({ tab }) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(VIEW_TYPES[this.kind]));
    const focusGroup = found ? GROUP_FOCUS_COMMANDS[found.group.viewColumn - 1] : undefined;
    if (!found || !focusGroup) return false;
    try {
      await vscode.commands.executeCommand(focusGroup);
      await vscode.commands.executeCommand('workbench.action.openEditorAtIndex', found.index);
      return true;
    } catch (error) {
      this.services.log.warn(`Could not show the restored ${this.kind} panel: ${String(error)}`);
      return false;
    }
  }

  /**
   * Revives a panel restored after a reload; one the selected plan cannot serve (say, video under a Coding Plan key)
   * is closed with the warning that names the way out, rather than left to fail on submit. Its form is kept.
   */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    const api = this.kind === 'image' ? 'images' : 'video';
    if (this.current || !planAllows(this.services.connection, api)) {
      panel.dispose();
      if (!this.current) void planServes(this.services.connection, api);
      return;
    }
    this.adopt(panel);
  }

  /**
   * Folders the page may show files from: where results are saved and wherever older results were (folders the
   * extension writes into), and the private copies of picked images for their thumbnails. Never a picked file's
   * own folder, nor the workspace: a page cannot show a file the user did not pick. A change of these rebuilds
   * the page, so they change rarely.
   */
  private mediaRoots(): vscode.Uri[] {
    const folders = new Set([
      this.studio.resultsFolder(),
      ...this.studio.entries(this.kind).flatMap((entry) => entry.files.map((file) => path.dirname(file))),
      this.studio.picked.thumbnailFolder,
    ]);
    return [...folders].sort().map((folder) => vscode.Uri.file(folder));
  }

  private adopt(panel: vscode.WebviewPanel): void {
    const roots = () => this.mediaRoots();
    const { protocol, handlers, state } = this.binding;
    const session = panelSession(panel, this.services.context.extensionUri, {
      page: { script: this.kind, title: this.title, stylesheet: 'media.css', get mediaRoots() { return roots(); } },
      protocol,
      handlers: () => handlers,
      onReady: (channel) => channel.notify('state', state(panel.webview)),
    }, this.services.log, () => {
      if (this.current?.panel === panel) this.current = undefined;
    });
    this.current = { panel, session };
  }

  /** Sends the page its state; a result saved in a folder the page may not read yet rebuilds the page first. */
  private push(): void {
    const current = this.current;
    current?.session.refresh(() => current.session.channel.notify('state', this.binding.state(current.panel.webview)));
  }

  override dispose(): void {
    this.current?.panel.dispose();
    super.dispose();
  }
}

/** Registers the image and video panels (commands, serializers) and tells the preview which files they made. */
export function registerMedia(services: Services, tracker: TaskTracker): { origins: MediaOrigins; disposables: vscode.Disposable[] } {
  const studio = new MediaStudio(services, tracker);
  const panels = { image: new MediaPanel(services, studio, imageBinding(studio)), video: new MediaPanel(services, studio, videoBinding(studio)) };
  const origins: MediaOrigins = {
    describe: (file) => {
      const entry = studio.history.byFile(file);
      if (!entry) return undefined;
      const form = entry.form as Partial<ImageForm & VideoForm>;
      const rows: [string, string][] = [[l10n.t('Prompt'), entry.prompt], [l10n.t('Model'), entry.model]];
      if (entry.seed !== undefined) rows.push([l10n.t('Seed'), String(entry.seed)]);
      const size = form.size || form.picture;
      if (size) rows.push([l10n.t('Size'), size]);
      if (form.duration) rows.push([l10n.t('Duration'), form.duration]);
      if (entry.taskId) rows.push([l10n.t('Task id'), entry.taskId]);
      return { prompt: entry.prompt, rows };
    },
    regenerate: async (file) => {
      const entry = studio.history.byFile(file);
      if (!entry) return false;
      studio.prefill(entry);
      await panels[entry.kind].open();
      return true;
    },
  };
  return {
    origins,
    disposables: [
      studio,
      services.milestones.reachWhen(
        (listener) => studio.history.onDidChange(() => listener(undefined)),
        () => studio.history.list('image').some((entry) => entry.status === 'succeeded' && entry.files.length > 0),
        'generatedImage',
      ),
      panels.image,
      panels.video,
      vscode.window.registerWebviewPanelSerializer(ViewTypes.imagePanel, panels.image),
      vscode.window.registerWebviewPanelSerializer(ViewTypes.videoPanel, panels.video),
      registerCommand(services.log, Commands.openImage, async () => (await planServes(services.connection, 'images')) && panels.image.open()),
      registerCommand(services.log, Commands.openVideo, async () => (await planServes(services.connection, 'video')) && panels.video.open()),
    ],
  };
}
