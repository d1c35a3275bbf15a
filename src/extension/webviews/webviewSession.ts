import type * as vscode from 'vscode';
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
}

/**
 * Binds one webview (of a panel or a sidebar view) to a protocol: options, HTML, the channel,
 * and rebuilding the page on request. Long-running work stays in the host, so a rebuilt page
 * only needs the current state.
 */
export class WebviewSession<P extends Protocol> extends Disposable {
  readonly channel: WebviewChannel<P>;
  /** The folders the page was built to show files from. */
  private roots = '';

  constructor(
    private readonly webview: vscode.Webview,
    private readonly extensionUri: vscode.Uri,
    private readonly spec: SessionSpec<P>,
    log: Log,
  ) {
    super();
    this.channel = this._register(new WebviewChannel(webview, spec.protocol, log, spec.page.script));
    this.channel.serve(spec.handlers(this.channel), {
      onReady: () => spec.onReady(this.channel),
      onReload: () => this.render(),
    });
    this.render();
  }

  render(): void {
    this.roots = this.rootsKey();
    this.channel.reset();
    this.webview.options = webviewOptions(this.extensionUri, this.spec.page);
    this.webview.html = webviewHtml(this.webview, this.extensionUri, this.spec.page);
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
}
