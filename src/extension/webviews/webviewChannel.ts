import * as vscode from 'vscode';
import {
  ownEntry,
  RemoteRequestError,
  toHostMessage,
  type HostHandlers,
  type ParamsOf,
  type Protocol,
  type RemoteError,
  type ToWebviewMessage,
} from '../../shared/protocol/define';
import { Disposable } from '../disposable';
import { describeError } from '../errors';
import type { Log } from '../log';

export interface ChannelHooks {
  /** The page (first load or after being rebuilt) has wired its handlers: send it the state it must show. */
  onReady(): void;
  /** The page asked to be rebuilt (its error screen's Reload button). */
  onReload(): void;
  /** The page reported that it failed (its script did not load, threw, or never mounted). */
  onFailed(message: string): void;
}

/**
 * The host end of a panel's protocol. Every incoming message is validated; unknown or invalid ones are
 * logged and dropped (a request gets an error reply).
 */
export class WebviewChannel<P extends Protocol> extends Disposable {
  private ready = false;
  private handlers: HostHandlers<P> | undefined;
  private hooks: ChannelHooks | undefined;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly protocol: P,
    private readonly log: Log,
    private readonly name: string,
  ) {
    super();
    this._register(webview.onDidReceiveMessage((message: unknown) => void this.receive(message)));
  }

  /** Starts answering the page. Separate from the constructor because handlers usually need the channel. */
  serve(handlers: HostHandlers<P>, hooks: ChannelHooks): void {
    this.handlers = handlers;
    this.hooks = hooks;
  }

  /** Whether the page has started (said `ready`) since it was last built. */
  get isReady(): boolean {
    return this.ready;
  }

  /** The page is being replaced (new HTML): nothing is sent until the new page is ready. */
  reset(): void {
    this.ready = false;
  }

  /**
   * Tells a ready page something. A page still loading is not told: the state it is sent on `ready`
   * (`ChannelHooks.onReady`) already includes it.
   */
  notify<K extends keyof P['notifications'] & string>(method: K, params: ParamsOf<P['notifications'][K]>): void {
    if (this.ready) this.post({ type: 'notification', method, params });
  }

  private post(message: ToWebviewMessage): void {
    void this.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = toHostMessage.safeParse(raw);
    if (!parsed.success) {
      this.log.warn(`${this.name}: dropped an invalid message from the webview: ${parsed.error.issues[0]?.message ?? ''}`);
      return;
    }
    const message = parsed.data;
    const { handlers, hooks } = this;
    if (!handlers || !hooks) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        hooks.onReady();
        return;
      case 'failed':
        this.log.error(`${this.name}: the webview script failed: ${message.message}`);
        hooks.onFailed(message.message);
        return;
      case 'reload':
        this.reset();
        hooks.onReload();
        return;
      case 'command':
        return this.runCommand(handlers, message.method, message.params);
      case 'request':
        return this.answer(handlers, message.id, message.method, message.params);
    }
  }

  private async runCommand(handlers: HostHandlers<P>, method: string, rawParams: unknown): Promise<void> {
    const definition = ownEntry(this.protocol.commands, method);
    const handler = handlerOf(handlers, method);
    const params = definition?.params.safeParse(rawParams);
    if (!handler || !params?.success) {
      this.log.warn(`${this.name}: dropped command "${method.slice(0, 100)}": ${params?.error?.issues[0]?.message ?? 'unknown command'}`);
      return;
    }
    try {
      await handler(params.data);
    } catch (error) {
      this.log.error(`${this.name}: command "${method}" failed`, error);
      void vscode.window.showErrorMessage(describeError(error));
    }
  }

  private async answer(handlers: HostHandlers<P>, id: number, method: string, rawParams: unknown): Promise<void> {
    const definition = ownEntry(this.protocol.requests, method);
    const handler = handlerOf(handlers, method);
    const params = definition?.params.safeParse(rawParams);
    if (!definition || !handler || !params?.success) {
      const name = method.slice(0, 100);
      this.log.warn(`${this.name}: rejected request "${name}": ${params?.error?.issues[0]?.message ?? 'unknown request'}`);
      const message = definition ? `Invalid parameters for request "${name}".` : `Unknown request "${name}".`;
      this.post({ type: 'response', id, ok: false, error: { message, code: 'InvalidMessage' } });
      return;
    }
    try {
      const result = await handler(params.data);
      this.post({ type: 'response', id, ok: true, result: definition.result.parse(result) });
    } catch (error) {
      this.post({ type: 'response', id, ok: false, error: toRemoteError(error) });
    }
  }
}

/** The handler the page's message names, only if the handler table itself defines it. */
function handlerOf<P extends Protocol>(handlers: HostHandlers<P>, method: string): ((params: unknown) => unknown) | undefined {
  const handler = ownEntry(handlers as Readonly<Record<string, unknown>>, method);
  return typeof handler === 'function' ? (handler as (params: unknown) => unknown) : undefined;
}

function toRemoteError(error: unknown): RemoteError {
  if (error instanceof RemoteRequestError) return error.detail;
  const code = typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : undefined;
  return { message: describeError(error), ...(code ? { code } : {}) };
}
