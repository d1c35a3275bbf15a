import { EventEmitter } from './events';
import { Uri } from './uri';
import { ViewColumn } from './types';

/** A webview whose page is the test: `posted` holds what the host sent, `receive` plays a page message. */
export class FakeWebview {
  html = '';
  options: { enableScripts?: boolean; localResourceRoots?: readonly Uri[] } = {};
  readonly cspSource = 'https://webview.test';
  readonly posted: unknown[] = [];
  private readonly messages = new EventEmitter<unknown>();
  readonly onDidReceiveMessage = this.messages.event;

  async postMessage(message: unknown): Promise<boolean> {
    this.posted.push(message);
    return true;
  }

  asWebviewUri(uri: Uri): Uri {
    return uri.with({ scheme: 'https', authority: 'webview.test' });
  }

  /** Test control: the page sends `message` to the host. */
  receive(message: unknown): void {
    this.messages.fire(message);
  }
}

export class FakeWebviewPanel {
  readonly webview = new FakeWebview();
  visible = true;
  active = true;
  disposed = false;
  iconPath: unknown;
  private readonly disposeEmitter = new EventEmitter<void>();
  private readonly viewStateEmitter = new EventEmitter<{ webviewPanel: FakeWebviewPanel }>();
  readonly onDidDispose = this.disposeEmitter.event;
  readonly onDidChangeViewState = this.viewStateEmitter.event;

  constructor(
    readonly viewType: string,
    public title: string,
    public viewColumn: ViewColumn | undefined,
    options: FakeWebview['options'] = {},
  ) {
    this.webview.options = options;
  }

  reveal(column?: ViewColumn): void {
    this.viewColumn = column ?? this.viewColumn;
    this.setVisible(true);
  }

  /** Test control: the panel is hidden or shown (e.g. another tab is picked). */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.active = visible;
    this.viewStateEmitter.fire({ webviewPanel: this });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
  }
}
