import * as l10n from '@vscode/l10n';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { BOOT_SCRIPT } from './bootScript';

export interface WebviewPage {
  /** Bundle name: dist/webview/<script>.js, built from src/webview/<script>/main.ts. */
  readonly script: string;
  readonly title: string;
  /** A stylesheet of this page in media/, after the shared one. */
  readonly stylesheet?: string;
  /** Extra local folders media may be shown from (e.g. the download folder), besides the bundles and media/. */
  readonly mediaRoots?: readonly vscode.Uri[];
}

export function webviewOptions(extensionUri: vscode.Uri, page: WebviewPage): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media'), ...(page.mediaRoots ?? [])],
  };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON that is safe inside a <script type="application/json"> block. */
const embedJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The one HTML builder for every panel: strict CSP with a nonce, no remote content, the localisation
 * bundle, and a boot script that turns any script failure into an error screen with a Reload action
 * (a webview never stays blank) and a picture or video that cannot be loaded into a placeholder.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data: blob:`,
    `media-src ${webview.cspSource} blob:`,
    `font-src ${webview.cspSource}`,
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const boot = {
    startFailed: l10n.t('The panel did not start.'),
    loadFailed: l10n.t('The panel script could not be loaded.'),
    mediaMissing: l10n.t('This file cannot be shown: it was moved or deleted, or it cannot be played here.'),
  };
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(page.title)}</title>
<link rel="stylesheet" href="${asset('media', 'webview.css')}">${page.stylesheet ? `\n<link rel="stylesheet" href="${asset('media', page.stylesheet)}">` : ''}
<script type="application/json" id="l10n-bundle">${embedJson(vscode.l10n.bundle ?? {})}</script>
<script type="application/json" id="boot-messages">${embedJson(boot)}</script>
<script nonce="${nonce}">${BOOT_SCRIPT}</script>
</head>
<body>
<div id="boot-error" class="boot-error" role="alert" hidden>
  <p class="boot-error-title">${escapeHtml(l10n.t('This panel hit an error.'))}</p>
  <p class="boot-error-detail"></p>
  <button id="boot-reload" type="button">${escapeHtml(l10n.t('Reload Panel'))}</button>
</div>
<main id="app" aria-busy="true"></main>
<script nonce="${nonce}" src="${asset('dist', 'webview', `${page.script}.js`)}"></script>
</body>
</html>`;
}
