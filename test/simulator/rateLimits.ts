import { rateLimited } from './faults';
import type { SimRequest } from './http';

/** Per-key, per-model request buckets on the simulator clock (limits are enforced per second, §11.1). */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly now: () => number, private readonly enabled: boolean) {}

  /** Answers 429 Throttling and returns true when the bucket already holds `perSecond` requests in the last second. */
  refuse(req: SimRequest, bucket: string, perSecond: number): boolean {
    if (!this.enabled) return false;
    const now = this.now();
    const key = `${req.key}\u0000${bucket}`;
    const recent = (this.windows.get(key) ?? []).filter((at) => now - at < 1000);
    const full = recent.length >= perSecond;
    if (!full) recent.push(now);
    this.windows.set(key, recent);
    if (full) rateLimited(req, '1');
    return full;
  }
}

/** Requests per second per key and model (RPM/60 for chat, the documented per-second limits elsewhere). */
export const LIMITS = {
  chat: 10,
  imageSync: 2,
  imageSubmit: 2,
  videoSubmit: 2,
  asrSubmit: 10,
  tts: 10,
  taskQuery: 20,
  getPolicy: 100,
} as const;
