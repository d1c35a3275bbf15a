import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Connection } from './connection';
import { KeyStore } from './keys/keyStore';
import { Log } from './log';
import { SecretRedactor } from './secretRedactor';
import type { Services } from './services';
import { MediaPreviewProvider } from './preview/mediaPreview';
import { registerApps } from './apps/registerApps';
import { registerChat } from './chat/chatPanels';
import { registerLanguageModels } from './lm/registerLanguageModels';
import { registerMedia } from './media/mediaPanels';
import { registerSpeech } from './speech/speechPanel';
import { KeyCommands } from './shell/keyCommands';
import { registerSnippetCommands } from './snippets/snippetCommands';
import { ConnectionStatusBar } from './shell/statusBar';
import { registerTaskCommands } from './tasks/taskCommands';
import { TaskTracker } from './tasks/taskTracker';
import { TasksView } from './tasks/tasksView';
import { createUsageRecorder, registerUsage } from './usage/registerUsage';
import { Milestones } from './walkthrough/milestones';
import { WindowPresence } from './windowPresence';
import { ConnectionHealth } from './connectionState';
import { ConnectionHealthStatus } from './connectionStatus';

// Activation waits for `onStartupFinished` (never delays the window), or happens earlier on a command or
// view: the status bar must show the key state, and tasks submitted before a reload must keep being polled
// and their results saved before their URLs expire, without the user opening the DashScope view first.
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const started = performance.now();
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });

  const log = new Log(new SecretRedactor());
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  // The custom endpoint's key exists only while the connection has a base URL for it.
  const keys: KeyStore = new KeyStore(context.secrets, () => connection.customBaseUrl);
  const connection = new Connection(keys, log, `dashscope-studio/${version} vscode/${vscode.version} node/${process.versions.node}`);
  const milestones = new Milestones(context.globalState, log);
  const services: Services = { context, log, keys, connection, milestones, usage: createUsageRecorder(context, log) };
  const keyCommands = new KeyCommands(connection, keys, log);
  context.subscriptions.push(log, connection, ...keyCommands.register());
  const presence = new WindowPresence(vscode.Uri.joinPath(context.globalStorageUri, 'windows').fsPath);
  const health = new ConnectionHealth(async () => {
    await (await connection.client())?.models.list();
  });
  // The Tasks view exists before the first await: until then VS Code would say no data provider is registered.
  const tracker = new TaskTracker(services, presence, health);
  const tasksView = new TasksView(tracker);
  context.subscriptions.push(tasksView, tracker);
  // Read the key state first so the status bar never flashes "No key" for a stored key.
  await connection.refreshKeyState();
  context.subscriptions.push(
    new ConnectionStatusBar(connection),
    milestones.reachWhen(connection.onDidChange, () => connection.hasKey, 'addedKey'),
    milestones.reachWhen(tasksView.onDidChangeVisibility, (change) => change?.visible ?? tasksView.visible, 'watchedTasks'),
  );
  await presence.start();
  context.subscriptions.push({ dispose: () => void presence.release() });
  context.subscriptions.push(health, new ConnectionHealthStatus(health));
  const features = await registerFeatures(services, presence, health, tracker, tasksView);
  context.subscriptions.push(...features.disposables);
  closing = async () => {
    await features.close();
    await presence.release();
  };

  void keyCommands.refreshFoundKeys();
  void milestones.publish();
  const endpoint = connection.endpoint;
  log.info(`Activated in ${Math.round(performance.now() - started)} ms · region ${connection.settings.region} · ${endpoint.simulator ? 'local simulator' : 'DashScope'} ${endpoint.baseUrl ?? ''}`);
}

/** What `deactivate` awaits: the last task and chat writes, then leaving the windows other windows see. */
let closing: (() => Promise<void>) | undefined;

/**
 * Each feature registers its commands, views and panels here and returns what must be disposed, and
 * what must finish before the window closes.
 */
async function registerFeatures(services: Services, presence: WindowPresence, health: ConnectionHealth, tracker: TaskTracker, tasksView: TasksView): Promise<{ disposables: vscode.Disposable[]; close: () => Promise<void> }> {
  const commands = registerTaskCommands(services, tracker);
  await tracker.initialize();
  tasksView.loaded();
  const media = registerMedia(services, tracker);
  const speech = registerSpeech(services, tracker, media.origins);
  const chat = await registerChat(services, presence, health);
  return {
    disposables: [
      ...commands, MediaPreviewProvider.register(services, tracker, speech.origins), ...media.disposables, ...speech.disposables,
      ...chat.disposables, ...registerSnippetCommands(services, tracker), ...registerLanguageModels(services, tracker, speech.studio), ...registerUsage(services),
      ...registerApps(services, chat),
    ],
    close: async () => {
      await Promise.all([chat.close(), tracker.store.flush()]);
      // Last: a reply that chat.close() stopped records its usage as it ends.
      await services.usage.ledger.flush();
    },
  };
}

export async function deactivate(): Promise<void> {
  const close = closing;
  closing = undefined;
  await close?.();
}
