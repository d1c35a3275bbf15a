import { routeError, type SimRequest } from './http';

/** Per-account, per-model request buckets (requests per second), like the service's limits. */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly now: () => number, private readonly enabled: boolean) {}

  /** Answers 429 and returns true when the bucket is full for the current second. */
  refuse(req: SimRequest, bucket: string, perSecond: number): boolean {
    if (!this.enabled) return false;
    const now = this.now();
    const recent = (this.windows.get(bucket) ?? []).filter((at) => now - at < 1000);
    if (recent.length >= perSecond) {
      this.windows.set(bucket, recent);
      routeError(req, 429, { code: 'Throttling.RateQuota', message: 'Requests rate limit exceeded, please try again later.' }, undefined, { 'retry-after': '1' });
      return true;
    }
    recent.push(now);
    this.windows.set(bucket, recent);
    return false;
  }
}
