import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { HostHandlers, Protocol } from '../../shared/protocol/define';
import { Disposable } from '../disposable';
import type { Log } from '../log';
import { WebviewChannel } from './webviewChannel';
import { webviewHtml, webviewOptions, type WebviewPage } from './webviewHtml';

export interface SessionSpec<P extends Protocol> {
  readonly page: WebviewPage;
  readonly protocol: P;
  readonly handlers: (channel: WebviewChannel<P>) => HostHandlers<P>;
  /** Sends the page everything it shows; called on every (re)load, since a webview can be rebuilt at any moment. */
  readonly onReady: (channel: WebviewChannel<P>) => void;
  /** Whether the page is on screen: a hidden webview loads only once it is shown, so it is not late yet. */
  readonly visible: () => boolean;
}

/** A shown page that has not started by then is built again (see WebviewSession). */
export const PAGE_START_TIMEOUT_MS = 15_000;
const AUTOMATIC_REBUILDS = 2;

/**
 * Binds one webview (of a panel or a sidebar view) to a protocol: options, HTML, the channel,
 * and rebuilding the page on request. Long-running work stays in the host, so a rebuilt page
 * only needs the current state.
 *
 * VS Code's web builds sometimes lose a webview's resources (its service worker stops answering; see
 * microsoft/vscode#326544): the page stays blank or its script never loads. A shown page that has not
 * started in time, or reports that it failed before starting, is built again, twice at most; then the
 * user is told, with Reload Window.
 */
export class WebviewSession<P extends Protocol> extends Disposable {
  readonly channel: WebviewChannel<P>;
  /** The folders the page was built to show files from. */
  private roots = '';
  private rebuilds = 0;
  private startTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly extensionUri: vscode.Uri,
    private readonly spec: SessionSpec<P>,
    private readonly log: Log,
  ) {
    super();
    this.channel = this._register(new WebviewChannel(webview, spec.protocol, log, spec.page.script));
    this.channel.serve(spec.handlers(this.channel), {
      onReady: () => {
        this.rebuilds = 0;
        this.stopWatching();
        spec.onReady(this.channel);
      },
      onReload: () => this.render(),
      onFailed: (message) => {
        if (!this.channel.isReady) this.rebuild(message);
      },
    });
    this._register({ dispose: () => this.stopWatching() });
    this.render();
  }

  render(): void {
    this.roots = this.rootsKey();
    this.channel.reset();
    this.webview.options = webviewOptions(this.extensionUri, this.spec.page);
    this.webview.html = webviewHtml(this.webview, this.extensionUri, this.spec.page);
    this.watchStart(this.spec.visible());
  }

  /**
   * Sends the page its state (`send`), unless the folders it may show files from have changed since it was
   * built (a result saved somewhere new): then the page is rebuilt, and gets its state once it is ready.
   */
  refresh(send: () => void): void {
    if (this.rootsKey() !== this.roots) this.render();
    else send();
  }

  private rootsKey(): string {
    return (this.spec.page.mediaRoots ?? []).map((uri) => uri.fsPath).join('\n');
  }

  /** Rebuilds a page that has been on screen for a whole period without starting (it loads only once shown). */
  private watchStart(shownBefore = false): void {
    this.stopWatching();
    this.startTimer = setTimeout(() => {
      if (this.channel.isReady) return;
      const shown = this.spec.visible();
      if (shown && shownBefore) this.rebuild('it did not start');
      else this.watchStart(shown);
    }, PAGE_START_TIMEOUT_MS);
  }

  private stopWatching(): void {
    if (this.startTimer) clearTimeout(this.startTimer);
    this.startTimer = undefined;
  }

  private rebuild(reason: string): void {
    if (this.rebuilds >= AUTOMATIC_REBUILDS) {
      this.stopWatching();
      this.log.error(`${this.spec.page.script}: the page did not start after ${AUTOMATIC_REBUILDS} rebuilds (${reason}).`);
      const reloadWindow = l10n.t('Reload Window');
      void vscode.window.showErrorMessage(l10n.t('The {0} page could not be loaded. VS Code sometimes loses a page\'s files in the browser; reloading the window fixes it.', this.spec.page.title), reloadWindow)
        .then((choice) => choice === reloadWindow && vscode.commands.executeCommand('workbench.action.reloadWindow'));
      return;
    }
    this.rebuilds++;
    this.log.warn(`${this.spec.page.script}: the page did not start (${reason}); building it again (${this.rebuilds}/${AUTOMATIC_REBUILDS}).`);
    this.render();
  }
}
