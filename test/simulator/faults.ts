import type { SimRequest } from './http';

/** A fault a test asks for: by header, by a `[[sim:NAME]]` marker in a prompt, or queued with injectFault. */
export interface FaultSpec {
  /** `429`, `429:retry-after=N`, `500`, `503`, `html`, `empty`, `malformed`, `reset`, `hang`, `slow=MS`, `cut`,
   *  `data-inspection`, `arrearage`, `stream-error`, `invalid-parameter`. */
  readonly fault: string;
  /** How many matching requests get it (default 1). */
  readonly times?: number;
  /** Only requests whose path contains this. */
  readonly path?: string;
}

export interface Fault {
  readonly name: string;
  readonly value: string | undefined;
}

export const FAULT_NAMES = [
  '429', '500', '503', 'html', 'empty', 'malformed', 'reset', 'hang', 'slow', 'cut',
  'data-inspection', 'arrearage', 'stream-error', 'invalid-parameter',
] as const;

const MARKER = /\[\[sim:([a-z0-9-]+)(?:[=:]([^\]]*))?\]\]/gi;

export function parseFault(text: string): Fault | undefined {
  const match = /^([a-z0-9-]+)(?:[=:](.*))?$/i.exec(text.trim());
  if (!match || !(FAULT_NAMES as readonly string[]).includes(match[1]!.toLowerCase())) return undefined;
  return { name: match[1]!.toLowerCase(), value: match[2] };
}

/** Markers in a prompt (`[[sim:long=N]]`, `[[sim:429]]`, …), as name → value. */
export function markers(text: string): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  for (const match of text.matchAll(MARKER)) found.set(match[1]!.toLowerCase(), match[2]);
  return found;
}

export function stripMarkers(text: string): string {
  return text.replace(MARKER, '').replace(/\s{2,}/g, ' ').trim();
}

export class FaultQueue {
  private readonly queue: { spec: FaultSpec; left: number }[] = [];

  add(spec: FaultSpec): void {
    if (!parseFault(spec.fault)) throw new TypeError(`Unknown fault "${spec.fault}". Known: ${FAULT_NAMES.join(', ')}`);
    this.queue.push({ spec, left: spec.times ?? 1 });
  }

  /** The fault for this request: header first, then a prompt marker, then the queue. */
  take(req: SimRequest): Fault | undefined {
    const header = req.headers['x-sim-fault'];
    if (typeof header === 'string') return parseFault(header);
    const body = req.rawBody.toString('utf8');
    for (const [name, value] of markers(body)) {
      const fault = parseFault(value === undefined ? name : `${name}=${value}`);
      if (fault) return fault;
    }
    const index = this.queue.findIndex((item) => item.spec.path === undefined || req.path.includes(item.spec.path));
    if (index === -1) return undefined;
    const item = this.queue[index]!;
    if (--item.left <= 0) this.queue.splice(index, 1);
    return parseFault(item.spec.fault);
  }
}
