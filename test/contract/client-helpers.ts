import { DashScopeClient, type ClientOptions, type RequestLogEntry } from '../../src/dashscope';
import type { RegionId } from '../../src/dashscope/regions';
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator';

export interface Harness {
  readonly sim: Simulator;
  readonly client: DashScopeClient;
  readonly log: RequestLogEntry[];
  clientFor(region: RegionId, options?: Partial<ClientOptions>): DashScopeClient;
  close(): Promise<void>;
}

/** A simulator on a manual clock and a client whose waits move that clock instead of sleeping. */
export async function harness(simOptions: SimulatorOptions = {}, clientOptions: Partial<ClientOptions> = {}): Promise<Harness> {
  const sim = await startSimulator({ clock: 'manual', rateLimits: false, ...simOptions });
  const log: RequestLogEntry[] = [];
  const clientFor = (region: RegionId, options: Partial<ClientOptions> = {}) => new DashScopeClient({
    apiKey: sim.keyFor(region),
    baseUrl: sim.regionOrigin(region),
    now: () => sim.now(),
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sim.advance(ms);
    },
    random: () => 0.5,
    onRequest: (entry) => log.push(entry),
    ...clientOptions,
    ...options,
  });
  return { sim, client: clientFor('cn'), log, clientFor, close: () => sim.close() };
}

export const submits = (sim: Simulator, fragment: string) => sim.requests.filter((r) => r.method === 'POST' && r.path.includes(fragment)).length;
