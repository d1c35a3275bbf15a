import * as vscode from 'vscode';
import type { Protocol } from '../../shared/protocol/define';
import type { Log } from '../log';
import { WebviewSession, type SessionSpec } from './webviewSession';

/**
 * A webview panel bound to its page (see WebviewSession) with the extension's icon; the session goes with the
 * panel, and `onClosed` is told (the owner forgets the panel).
 */
export function panelSession<P extends Protocol>(
  panel: vscode.WebviewPanel,
  extensionUri: vscode.Uri,
  spec: Omit<SessionSpec<P>, 'visible'>,
  log: Log,
  onClosed: () => void,
): WebviewSession<P> {
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'dashscope.svg');
  const session = new WebviewSession(panel.webview, extensionUri, { ...spec, visible: () => panel.visible }, log);
  panel.onDidDispose(() => {
    session.dispose();
    onClosed();
  });
  return session;
}
