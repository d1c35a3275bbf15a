import {
  ownEntry,
  RemoteRequestError,
  toWebviewMessage,
  type ParamsOf,
  type Protocol,
  type ResultOf,
  type ToHostMessage,
  type WebviewHandlers,
} from '../../shared/protocol/define';

/** The part of VS Code's webview API the page uses. The boot script acquires it once and leaves it on `window`. */
export interface VsCodeApi {
  postMessage(message: ToHostMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  interface Window {
    __dashscopeVsCodeApi?: VsCodeApi;
    __dashscopeMounted?: () => void;
  }
}

export function vscodeApi(): VsCodeApi {
  const api = window.__dashscopeVsCodeApi;
  if (!api) throw new Error('The webview boot script did not run.');
  return api;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  parse(value: unknown): unknown;
}

/** The webview end of a panel's protocol: requests with replies, commands, and validated notifications. */
export class HostConnection<P extends Protocol> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly protocol: P,
    private readonly handlers: WebviewHandlers<P>,
    private readonly api: VsCodeApi = vscodeApi(),
  ) {}

  /** Starts listening and tells the host the page is ready for (buffered) notifications. */
  start(): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => this.receive(event.data));
    this.api.postMessage({ type: 'ready' });
    window.__dashscopeMounted?.();
  }

  request<K extends keyof P['requests'] & string>(method: K, params: ParamsOf<P['requests'][K]>): Promise<ResultOf<P['requests'][K]>> {
    const id = this.nextId++;
    const definition = this.protocol.requests[method]!;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, parse: (value) => definition.result.parse(value) });
      this.api.postMessage({ type: 'request', id, method, params });
    });
  }

  command<K extends keyof P['commands'] & string>(method: K, params: ParamsOf<P['commands'][K]>): void {
    this.api.postMessage({ type: 'command', method, params });
  }

  reload(): void {
    this.api.postMessage({ type: 'reload' });
  }

  private receive(data: unknown): void {
    const parsed = toWebviewMessage.safeParse(data);
    if (!parsed.success) {
      console.warn('Dropped an invalid message from the extension host', parsed.error.message);
      return;
    }
    const message = parsed.data;
    if (message.type === 'response') {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.ok) {
        try {
          pending.resolve(pending.parse(message.result));
        } catch (error) {
          pending.reject(error instanceof Error ? error : new Error(String(error)));
        }
      } else {
        pending.reject(new RemoteRequestError(message.error));
      }
      return;
    }
    const definition = ownEntry(this.protocol.notifications, message.method);
    const handler = ownEntry(this.handlers as Readonly<Record<string, (value: unknown) => void>>, message.method);
    const params = definition?.params.safeParse(message.params);
    if (!handler || !params?.success) {
      console.warn(`Dropped notification "${message.method.slice(0, 100)}": ${params?.error?.message ?? 'unknown method'}`);
      return;
    }
    handler(params.data);
  }
}
