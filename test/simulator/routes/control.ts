import { z } from 'zod';
import type { SimClock } from '../clock';
import type { FaultQueue } from '../faults';
import { INVALID_JSON, sendJson, type SimRequest } from '../http';

export interface ControlTarget {
  readonly faults: FaultQueue;
  readonly clock: SimClock;
  readonly requests: readonly unknown[];
}

const faultSpec = z.object({ fault: z.string(), times: z.number().int().positive().optional(), path: z.string().optional() });
const advance = z.object({ ms: z.number().nonnegative() });

/** The control API for tests in another process: POST /__sim/faults, POST /__sim/advance, GET /__sim/requests. */
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
  sendJson(req, 404, { error: `Unknown control route ${route}.` });
}
