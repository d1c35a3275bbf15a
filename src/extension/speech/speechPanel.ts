import * as l10n from '@vscode/l10n';
import path from 'node:path';
import * as vscode from 'vscode';
import type { HostHandlers } from '../../shared/protocol/define';
import { speechProtocol, type SpeechEntryView, type SpeechPanelState, type SpeechProtocol } from '../../shared/protocol/speech';
import { registerCommand } from '../command';
import { Disposable } from '../disposable';
import { Commands, ViewTypes } from '../ids';
import { planServes } from '../keys/planLimits';
import type { MediaOrigins } from '../preview/mediaPreview';
import { saveCopyAs } from '../saveCopy';
import type { Services } from '../services';
import { copyRequest } from '../snippets/copyRequest';
import type { TaskTracker } from '../tasks/taskTracker';
import { panelSession } from '../webviews/panelSession';
import type { WebviewSession } from '../webviews/webviewSession';
import type { SpeechEntry } from './speechHistory';
import { SpeechStudio } from './speechStudio';
import { speechCall } from './speechSynthesis';


/** The Speech panel: one, in the editor area, rebuilt from the studio's state after a reload. */
class SpeechPanel extends Disposable implements vscode.WebviewPanelSerializer {
  private current: { panel: vscode.WebviewPanel; session: WebviewSession<SpeechProtocol> } | undefined;

  constructor(private readonly services: Services, private readonly studio: SpeechStudio) {
    super();
    this._register(studio.onDidChange(() => this.push()));
    this._register(studio.onDidReceiveAudio(({ entryId, pcm }) => this.current?.session.channel.notify('audioChunk', { entryId, pcm: Buffer.from(pcm).toString('base64') })));
  }

  async open(): Promise<void> {
    if (this.current) {
      this.current.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(ViewTypes.speechPanel, l10n.t('DashScope Speech'), { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, { enableFindWidget: true });
    this.adopt(panel);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    if (this.current) panel.dispose();
    else this.adopt(panel);
  }

  /** Folders the page may play audio from: where results are saved, and wherever older results were. */
  private mediaRoots(): vscode.Uri[] {
    const folders = new Set([this.studio.resultsFolder(), ...this.studio.history.list().flatMap((entry) => (entry.file ? [path.dirname(entry.file)] : []))]);
    return [...folders].sort().map((folder) => vscode.Uri.file(folder));
  }

  private adopt(panel: vscode.WebviewPanel): void {
    const roots = () => this.mediaRoots();
    const session = panelSession(panel, this.services.context.extensionUri, {
      page: { script: 'speech', title: l10n.t('DashScope Speech'), stylesheet: 'media.css', get mediaRoots() { return roots(); } },
      protocol: speechProtocol,
      handlers: () => this.handlers(),
      onReady: (channel) => channel.notify('state', this.state(panel.webview)),
    }, this.services.log, () => {
      if (this.current?.panel === panel) this.current = undefined;
    });
    this.current = { panel, session };
  }

  private handlers(): HostHandlers<SpeechProtocol> {
    const { studio } = this;
    const entry = (entryId: string) => studio.history.get(entryId);
    const file = (entryId: string) => {
      const saved = entry(entryId)?.file;
      return saved ? vscode.Uri.file(saved) : undefined;
    };
    return {
      update: ({ form }) => studio.update(form),
      speak: ({ form, force }) => studio.speak(form, force),
      transcribe: ({ form }) => studio.transcribe(form),
      useSelection: () => studio.useSelection(),
      addFiles: ({ source }) => studio.addFiles(source),
      removeFile: ({ index }) => studio.removeFile(index),
      openPreview: async ({ entryId }) => {
        const target = file(entryId);
        if (target) await vscode.commands.executeCommand('vscode.openWith', target, ViewTypes.mediaPreview);
      },
      saveAs: async ({ entryId }) => {
        const target = file(entryId);
        if (target) await saveCopyAs(target);
      },
      copyRequest: async ({ entryId, language }) => {
        const found = entry(entryId);
        if (found) await copyRequest(speechCall(found), language, this.services.connection);
      },
      removeEntry: ({ entryId }) => studio.history.remove(entryId),
      dismissDuplicate: () => studio.dismissDuplicate(),
      setApiKey: async () => void (await vscode.commands.executeCommand(Commands.setApiKey)),
    };
  }

  private state(webview: vscode.Webview): SpeechPanelState {
    return { ...this.studio.state, entries: this.studio.history.list().slice(0, 30).map((entry) => entryView(entry, webview)) };
  }

  /** Sends the page its state; a result saved in a folder the page may not read yet rebuilds the page first. */
  private push(): void {
    const current = this.current;
    current?.session.refresh(() => current.session.channel.notify('state', this.state(current.panel.webview)));
  }

  override dispose(): void {
    this.current?.panel.dispose();
    super.dispose();
  }
}

function entryView(entry: SpeechEntry, webview: vscode.Webview): SpeechEntryView {
  return {
    id: entry.id,
    model: entry.model,
    voice: entry.voice,
    text: entry.text,
    createdAt: entry.createdAt,
    status: entry.status,
    ...(entry.file ? { file: { uri: webview.asWebviewUri(vscode.Uri.file(entry.file)).toString(), name: path.basename(entry.file) } } : {}),
    ...(entry.error ? { error: entry.error } : {}),
  };
}

/** The preview's knowledge of files: the image and video panels', then the Speech panel's (text, voice, model). */
function withSpeech(origins: MediaOrigins, studio: SpeechStudio, panel: SpeechPanel): MediaOrigins {
  return {
    describe: (file) => {
      const found = origins.describe(file);
      if (found) return found;
      const entry = studio.history.byFile(file);
      if (!entry) return undefined;
      const rows: [string, string][] = [[l10n.t('Text'), entry.text], [l10n.t('Model'), entry.model], [l10n.t('Voice'), entry.voice], [l10n.t('Language'), entry.language]];
      if (entry.instructions) rows.push([l10n.t('Instructions'), entry.instructions]);
      return { prompt: entry.text, rows };
    },
    regenerate: async (file) => {
      if (await origins.regenerate(file)) return true;
      const entry = studio.history.byFile(file);
      if (!entry) return false;
      studio.prefill({ model: entry.model, voice: entry.voice, language: entry.language, instructions: entry.instructions, text: entry.text });
      await panel.open();
      return true;
    },
  };
}

/** Registers the Speech panel (command, serializer) and adds its files to what the preview knows. */
export function registerSpeech(services: Services, tracker: TaskTracker, origins: MediaOrigins): { studio: SpeechStudio; origins: MediaOrigins; disposables: vscode.Disposable[] } {
  const studio = new SpeechStudio(services, tracker);
  const panel = new SpeechPanel(services, studio);
  return {
    studio,
    origins: withSpeech(origins, studio, panel),
    disposables: [
      studio,
      panel,
      vscode.window.registerWebviewPanelSerializer(ViewTypes.speechPanel, panel),
      registerCommand(services.log, Commands.openSpeech, async () => (await planServes(services.connection, 'speech')) && panel.open()),
    ],
  };
}
