import type { CompletionRoute } from '../../shared/models/completion';
import { cleanCompletion } from './completionContext';
import type { CompletionInput } from './completionRequests';

/** The part of a cancellation token the engine reads (VS Code cancels the previous one on the next keystroke). */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => unknown): { dispose(): unknown };
}

export interface EngineDependencies {
  readonly debounceMs: () => number;
  /** How this region and model complete, or undefined when there is no key or no route. */
  readonly route: () => Promise<CompletionRoute | undefined>;
  /** Sends one completion request; rejects when `signal` aborts. */
  readonly fetch: (route: CompletionRoute, input: CompletionInput, signal: AbortSignal) => Promise<string>;
  readonly onError: (error: unknown) => void;
}

/** Resolves after `ms`, or to false as soon as the token is cancelled. */
function pause(ms: number, token: Cancellation): Promise<boolean> {
  if (token.isCancellationRequested) return Promise.resolve(false);
  if (ms === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      listener.dispose();
      resolve(true);
    }, ms);
    const listener = token.onCancellationRequested(() => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

/**
 * One completion per pause in typing: a request waits for the debounce and is dropped when the next
 * keystroke cancels it first; a request already sent is aborted on that keystroke.
 */
export class InlineCompletionEngine {
  constructor(private readonly deps: EngineDependencies) {}

  async complete(input: CompletionInput, token: Cancellation): Promise<string | undefined> {
    if (!(await pause(this.deps.debounceMs(), token))) return undefined;
    const route = await this.deps.route();
    if (!route || token.isCancellationRequested) return undefined;
    const controller = new AbortController();
    const listener = token.onCancellationRequested(() => controller.abort());
    try {
      const text = cleanCompletion(await this.deps.fetch(route, input, controller.signal), input.suffix);
      return text && !token.isCancellationRequested ? text : undefined;
    } catch (error) {
      if (!controller.signal.aborted) this.deps.onError(error);
      return undefined;
    } finally {
      listener.dispose();
    }
  }
}
