import { EventEmitter, Disposable } from './events';
import { ui } from './ui';
import { FakeWebviewPanel } from './webview';
import type { StatusBarAlignment, ViewColumn } from './types';

type MessageArgs = unknown[];

/** `showXxxMessage(message, options?, ...items)`: items are strings or `{ title }` objects. */
function showMessage(kind: 'info' | 'warning' | 'error') {
  return async (message: string, ...rest: MessageArgs): Promise<unknown> => {
    const options = rest[0] !== null && typeof rest[0] === 'object' && !('title' in (rest[0] as object)) ? (rest.shift() as { modal?: boolean }) : {};
    const items = rest as (string | { title: string })[];
    const labels = items.map((item) => (typeof item === 'string' ? item : item.title));
    const answer = await ui.answer({ kind, message, items: labels, modal: options.modal === true });
    return items.find((item) => (typeof item === 'string' ? item : item.title) === answer);
  };
}

export class FakeStatusBarItem {
  text = '';
  name?: string;
  tooltip: unknown;
  command: unknown;
  backgroundColor: unknown;
  visible = false;
  disposed = false;

  constructor(readonly id: string, readonly alignment: StatusBarAlignment | undefined, readonly priority: number | undefined) {}

  show(): void {
    this.visible = true;
  }

  hide(): void {
    this.visible = false;
  }

  dispose(): void {
    this.disposed = true;
  }
}

export class FakeOutputChannel {
  readonly lines: string[] = [];

  constructor(readonly name: string) {}

  private add(level: string) {
    return (message: string, ...args: unknown[]) => void this.lines.push(`[${level}] ${[message, ...args.map(String)].join(' ')}`);
  }

  trace = this.add('trace');
  debug = this.add('debug');
  info = this.add('info');
  warn = this.add('warning');
  error = (error: string | Error, ...args: unknown[]) => this.add('error')(error instanceof Error ? error.message : error, ...args);
  appendLine = this.add('line');
  append = this.add('text');
  show(): void {}
  clear(): void {
    this.lines.length = 0;
  }
  dispose(): void {}
}

const windowState = new EventEmitter<{ focused: boolean }>();
const activeEditor = new EventEmitter<unknown>();

export const window = {
  statusBarItems: [] as FakeStatusBarItem[],
  outputChannels: [] as FakeOutputChannel[],
  webviewPanels: [] as FakeWebviewPanel[],
  /** Documents shown in an editor (`showTextDocument`), oldest first. */
  shownDocuments: [] as unknown[],
  registrations: [] as { kind: string; id: string; provider: unknown }[],
  state: { focused: true },
  activeTextEditor: undefined as unknown,
  visibleTextEditors: [] as unknown[],
  tabGroups: { all: [] as unknown[] },
  onDidChangeWindowState: windowState.event,
  onDidChangeActiveTextEditor: activeEditor.event,

  showInformationMessage: showMessage('info'),
  showWarningMessage: showMessage('warning'),
  showErrorMessage: showMessage('error'),
  async showQuickPick(items: unknown, options: { placeHolder?: string; title?: string } = {}) {
    return ui.answer({ kind: 'quickPick', items: await items as unknown[], ...options });
  },
  async showInputBox(options: { prompt?: string; value?: string; title?: string; validateInput?: (value: string) => unknown } = {}) {
    return ui.answer({ kind: 'inputBox', prompt: options.prompt, value: options.value, title: options.title, validate: options.validateInput });
  },
  async showOpenDialog(options: unknown) {
    return ui.answer({ kind: 'openDialog', options });
  },
  async showSaveDialog(options: unknown) {
    return ui.answer({ kind: 'saveDialog', options });
  },
  async showTextDocument(document: unknown) {
    window.shownDocuments.push(document);
    return { document };
  },
  setStatusBarMessage(message: string) {
    void ui.answer({ kind: 'statusBarMessage', message });
    return new Disposable(() => undefined);
  },
  async withProgress<T>(_options: unknown, task: (progress: { report(value: unknown): void }, token: unknown) => Promise<T>): Promise<T> {
    return task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: () => new Disposable(() => undefined) });
  },
  createStatusBarItem(id: string, alignment?: StatusBarAlignment, priority?: number) {
    const item = new FakeStatusBarItem(id, alignment, priority);
    window.statusBarItems.push(item);
    return item;
  },
  createOutputChannel(name: string) {
    const channel = new FakeOutputChannel(name);
    window.outputChannels.push(channel);
    return channel;
  },
  createWebviewPanel(viewType: string, title: string, column: ViewColumn | { viewColumn: ViewColumn } | undefined, options?: FakeWebviewPanel['webview']['options']) {
    const panel = new FakeWebviewPanel(viewType, title, typeof column === 'object' ? column.viewColumn : column, options);
    window.webviewPanels.push(panel);
    return panel;
  },
  createTreeView(id: string, options: { treeDataProvider: unknown }) {
    const registration = register('treeView', id, options.treeDataProvider);
    const visibility = new EventEmitter<{ visible: boolean }>();
    return {
      visible: true, badge: undefined as unknown, message: undefined as string | undefined, title: undefined as string | undefined,
      onDidChangeVisibility: visibility.event, reveal: async () => undefined, dispose: () => registration.dispose(),
    };
  },
  registerWebviewPanelSerializer: (id: string, provider: unknown) => register('webviewPanelSerializer', id, provider),
  registerWebviewViewProvider: (id: string, provider: unknown) => register('webviewView', id, provider),
  registerCustomEditorProvider: (id: string, provider: unknown) => register('customEditor', id, provider),
  registerTreeDataProvider: (id: string, provider: unknown) => register('treeDataProvider', id, provider),

  /** Test control: the window gains or loses the focus. */
  setFocused(focused: boolean): void {
    window.state = { focused };
    windowState.fire(window.state);
  },
};

function register(kind: string, id: string, provider: unknown): Disposable {
  const entry = { kind, id, provider };
  window.registrations.push(entry);
  return new Disposable(() => window.registrations.splice(window.registrations.indexOf(entry), 1));
}
