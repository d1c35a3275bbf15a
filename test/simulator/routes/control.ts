import { z } from 'zod';
import type { SimClock } from '../clock';
import type { OutageMode } from '../connections';
import type { FaultQueue } from '../faults';
import { INVALID_JSON, sendJson, type SimRequest } from '../http';

export interface ControlTarget {
  readonly faults: FaultQueue;
  readonly clock: SimClock;
  readonly requests: readonly unknown[];
  /** Refuses connections for `ms` of real time, then takes them again. */
  readonly offlineFor: (ms: number, mode: OutageMode) => void;
  readonly paceDownloads: (bytesPerSecond: number | undefined) => void;
}

const faultSpec = z.object({ fault: z.string(), times: z.number().int().positive().optional(), path: z.string().optional() });
const advance = z.object({ ms: z.number().nonnegative() });
const offline = z.object({ ms: z.number().int().positive().max(3_600_000), mode: z.enum(['refuse', 'reset']).optional() });
const downloads = z.object({ bytesPerSecond: z.number().int().positive().nullable() });

/**
 * The control API for tests and demos in another process: POST /__sim/faults, POST /__sim/advance, GET /__sim/requests,
 * POST /__sim/offline ({ms, mode?}: an outage that ends by itself), POST /__sim/downloads ({bytesPerSecond}: slow results).
 */
export function control(req: SimRequest, target: ControlTarget): void {
  const route = `${req.method} ${req.path}`;
  const body = req.json === INVALID_JSON ? undefined : req.json;
  const refuse = (message: string) => sendJson(req, 400, { error: message });
  if (route === 'POST /__sim/faults') {
    const spec = faultSpec.safeParse(body);
    if (!spec.success) return refuse('Expected {fault, times?, path?}.');
    try {
      target.faults.add(spec.data);
    } catch (error) {
      return refuse((error as Error).message);
    }
    return sendJson(req, 200, { ok: true });
  }
  if (route === 'POST /__sim/advance') {
    const parsed = advance.safeParse(body);
    if (!parsed.success) return refuse('Expected {ms} with ms >= 0.');
    if (target.clock.mode !== 'manual') return refuse('The clock is real: start the simulator with --clock manual to move it.');
    target.clock.advance(parsed.data.ms);
    return sendJson(req, 200, { now: target.clock.now() });
  }
  if (route === 'GET /__sim/requests') return sendJson(req, 200, target.requests);
  if (route === 'POST /__sim/offline') {
    const parsed = offline.safeParse(body);
    if (!parsed.success) return refuse('Expected {ms, mode?} with 0 < ms <= 3600000 and mode "refuse" or "reset".');
    // Answered first: the outage drops this connection too.
    req.res.once('finish', () => target.offlineFor(parsed.data.ms, parsed.data.mode ?? 'refuse'));
    return sendJson(req, 200, { ok: true });
  }
  if (route === 'POST /__sim/downloads') {
    const parsed = downloads.safeParse(body);
    if (!parsed.success) return refuse('Expected {bytesPerSecond} with a positive integer, or null for full speed.');
    target.paceDownloads(parsed.data.bytesPerSecond ?? undefined);
    return sendJson(req, 200, { ok: true });
  }
  sendJson(req, 404, { error: `Unknown control route ${route}.` });
}
