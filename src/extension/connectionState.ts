import * as l10n from '@vscode/l10n';
import { ClientErrorCode, DashScopeError } from '../dashscope';

/** Gateway answers that mean the service is not reachable behind it. */
const GATEWAY_DOWN = new Set([502, 503, 504]);
const REFUSED = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|getaddrinfo/i;

/** Whether an error means DashScope could not be reached, rather than that it answered with an error. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof DashScopeError && (error.code === ClientErrorCode.Network || error.code === ClientErrorCode.Timeout || (error.status !== undefined && GATEWAY_DOWN.has(error.status)));
}

/** A transport failure in the user's terms ("other side closed" and ECONNREFUSED stay in the log); undefined for other errors. */
export function plainNetworkMessage(error: unknown): string | undefined {
  if (!(error instanceof DashScopeError)) return undefined;
  if (error.code === ClientErrorCode.Timeout) return l10n.t('DashScope did not answer in time.');
  if (error.code !== ClientErrorCode.Network) return undefined;
  if (REFUSED.test(error.message)) return l10n.t('DashScope could not be reached: check the network connection and proxy settings.');
  return l10n.t('The connection to DashScope dropped.');
}

export type ConnectionState =
  | { readonly reachable: true }
  | { readonly reachable: false; readonly since: number; readonly reason: string; readonly nextRetryAt: number | undefined };

export interface HealthClock {
  now(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

const FIRST_RETRY_MS = 5000;
const MAX_RETRY_MS = 60_000;

/**
 * Whether DashScope answers, from what every request of this window sees. While it does not, a probe
 * retries with a growing delay; the first answer (a probe's or any request's) ends the outage.
 */
export class ConnectionHealth {
  private current: ConnectionState = { reachable: true };
  private readonly listeners = new Set<(state: ConnectionState) => void>();
  private attempts = 0;
  private timer: unknown;
  private disposed = false;

  constructor(private readonly probe: () => Promise<void>, private readonly clock: HealthClock = { now: Date.now, setTimer: (callback, ms) => setTimeout(callback, ms), clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout) }) {}

  get state(): ConnectionState {
    return this.current;
  }

  onDidChange(listener: (state: ConnectionState) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** A request got an answer (any answer: an error from the service proves it is reachable). */
  succeeded(): void {
    this.attempts = 0;
    this.stopProbe();
    if (this.current.reachable) return;
    this.set({ reachable: true });
  }

  /** A request failed: a failure to reach DashScope starts or continues an outage; an answer from the service ends it. */
  failed(error: unknown): void {
    if (!isUnreachable(error)) {
      if (error instanceof DashScopeError && error.status !== undefined) this.succeeded();
      return;
    }
    if (this.disposed) return;
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.attempts++);
    const since = this.current.reachable ? this.clock.now() : this.current.since;
    this.stopProbe();
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      this.probe().then(() => this.succeeded(), (probeError: unknown) => (isUnreachable(probeError) ? this.failed(probeError) : this.succeeded()));
    }, delay);
    this.set({ reachable: false, since, reason: plainNetworkMessage(error) ?? l10n.t('DashScope is not answering.'), nextRetryAt: this.clock.now() + delay });
  }

  dispose(): void {
    this.disposed = true;
    this.stopProbe();
    this.listeners.clear();
  }

  private stopProbe(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  private set(state: ConnectionState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}
