const LOOPBACK_NAMES = new Set(['localhost', '[::1]', '::1']);

/** This machine: `localhost`, `::1` or any 127.x.y.z address. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Whether a host outside the API (an upload target, a result file) may be reached: https anywhere; plain http
 * only to this machine and only while the API itself is plain http on this machine (the simulator, a local
 * gateway), so a server's answer can never point the extension at a service listening on localhost otherwise.
 */
export function mayReach(url: URL, apiBaseUrl: string | undefined): boolean {
  if (url.protocol === 'https:') return true;
  if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname) || apiBaseUrl === undefined) return false;
  try {
    const api = new URL(apiBaseUrl);
    return api.protocol === 'http:' && isLoopbackHost(api.hostname);
  } catch {
    return false;
  }
}
