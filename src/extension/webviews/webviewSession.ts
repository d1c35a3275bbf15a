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
    this.channel.reset();
    this.webview.options = webviewOptions(this.extensionUri, this.spec.page);
    this.webview.html = webviewHtml(this.webview, this.extensionUri, this.spec.page);
  }
}
