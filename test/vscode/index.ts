/**
 * A small in-process double of the `vscode` module for host unit tests (loaded by `register.cjs`, see
 * `npm run test:node`). It behaves like VS Code where host code depends on it (events, settings layers,
 * secrets, commands, webview messages) and records what the user would see (`ui`, status bar, log lines).
 * Extend it in the module of the area you need; call `resetVscode()` between tests.
 */
import { commands } from './commands';
import { configuration, workspace } from './workspace';
import { env } from './env';
import { ui } from './ui';
import { window } from './window';

export { CancellationTokenSource, Disposable, EventEmitter } from './events';
export { Uri } from './uri';
export * from './types';
export * from './lm';
export { InlineCompletionItem, languages } from './languages';
export { commands, env, window, workspace };
export { ui } from './ui';
export { configuration } from './workspace';
export { createExtensionContext, disposeContext, FakeMemento, FakeSecretStorage } from './context';
export { FakeWebview, FakeWebviewPanel } from './webview';
export { FakeOutputChannel, FakeStatusBarItem } from './window';

export const version = '1.100.0';
export const l10n = { bundle: undefined, t: (message: string) => message, uri: undefined };

/** Puts every recorded and configured thing back to a fresh window's state. */
export function resetVscode(): void {
  ui.reset();
  commands.reset();
  env.reset();
  configuration.reset();
  workspace.workspaceFolders = undefined;
  workspace.isTrusted = true;
  window.statusBarItems.length = 0;
  window.outputChannels.length = 0;
  window.webviewPanels.length = 0;
  window.registrations.length = 0;
  window.state = { focused: true };
  window.activeTextEditor = undefined;
  window.shownDocuments = [];
  window.visibleTextEditors = [];
}
