import type { VsCode } from './harness';

/**
 * With DASHSCOPE_E2E_STEPS=1, each harness call of a test that takes 300 ms or more is written to stderr with its
 * duration, and so is each phase of a launch: where an e2e file's time goes (issue #12).
 */
export const STEPS = process.env.DASHSCOPE_E2E_STEPS === '1';

export function logStep(name: string, started: number): void {
  const ms = Date.now() - started;
  if (STEPS && ms >= 300) process.stderr.write(`    [step] ${String(ms).padStart(6)} ms  ${name}\n`);
}

export async function timed<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await run();
  } finally {
    logStep(name, started);
  }
}

/** The window with each of its methods timed (the window itself when steps are not asked for). */
export function timedWindow(code: VsCode): VsCode {
  if (!STEPS) return code;
  return new Proxy(code, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) => {
        const started = Date.now();
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        const label = `${key}(${args.map((arg) => JSON.stringify(arg)?.slice(0, 60)).join(', ')})`;
        return result.finally(() => logStep(label, started));
      };
    },
  });
}
