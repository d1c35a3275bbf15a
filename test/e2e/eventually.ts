/** How long `eventually` keeps trying, how often, and what its error says when time runs out. */
export interface EventuallyOptions {
  readonly timeout?: number;
  readonly interval?: number;
  /** The error's text when time runs out; a function gets the probe's last value (or the last error it threw). */
  readonly message?: string | ((last: unknown) => string);
}

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/**
 * Runs `probe` until it returns something truthy and returns that; a probe that throws counts as "not yet".
 * The one way the e2e suite waits for a state no single locator can wait for (a row's text, a frame among
 * many, a count in the simulator): instead of a fixed sleep, it waits exactly as long as the state takes.
 */
export async function eventually<T>(probe: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<Truthy<T>> {
  const { timeout = 20_000, interval = 200, message = `the condition did not hold within ${timeout} ms` } = options;
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as Truthy<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const text = typeof message === 'function' ? message(last) : message;
      throw new Error(text, { cause: last instanceof Error ? last : undefined });
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/**
 * Checks that `condition` stays true for `duration` ms, failing as soon as it does not: for what must not
 * happen (a request that must not be sent, a poll that must stop), where no visible state can say "never".
 */
export async function holdsFor(condition: () => boolean, duration: number, message: string): Promise<void> {
  const broken = await eventually(() => !condition(), { timeout: duration, interval: 100 }).then(() => true, () => false);
  if (broken) throw new Error(message);
}
