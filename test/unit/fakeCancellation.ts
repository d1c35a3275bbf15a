import type { Cancellation } from '../../src/extension/lm/inlineCompletionEngine';

/** A cancellation token the test cancels, as VS Code does on the next keystroke. */
export function cancellation(): Cancellation & { cancel(): void } {
  const listeners = new Set<() => unknown>();
  const state = {
    isCancellationRequested: false,
    onCancellationRequested: (listener: () => unknown) => (listeners.add(listener), { dispose: () => listeners.delete(listener) }),
    cancel: () => {
      state.isCancellationRequested = true;
      listeners.forEach((listener) => listener());
    },
  };
  return state;
}
