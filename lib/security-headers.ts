/**
 * Response headers that depend on how Chorus is deployed, shared by proxy.ts (pages) and
 * the API wrapper (lib/api/respond.ts), which proxy.ts does not see. Pure: no I/O.
 */

/**
 * HTTP Strict Transport Security, when the site's public address is https: browsers then
 * refuse plain http for it, so nobody on the network can strip TLS from a later visit.
 * Null when Chorus is served over plain http (development, or a test behind no proxy),
 * where the header would lock browsers out of the site.
 */
export function strictTransportSecurity(siteUrl: string | undefined): string | null {
  return siteUrl?.toLowerCase().startsWith('https://') ? 'max-age=63072000; includeSubDomains' : null;
}

/**
 * True when a state-changing request to a page (a server action, posted by script or by a
 * plain form) comes from another site: its Origin names another host than the one it was
 * sent to, or the browser says it is cross-site. Next.js itself would refuse such a request
 * too, but as a 500 "Invalid Server Actions request", which reads like a fault of ours.
 */
export function isCrossSitePost(request: { method: string; headers: Headers }): boolean {
  if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return false;
  if (request.headers.get('sec-fetch-site') === 'cross-site') return true;
  const origin = request.headers.get('origin');
  if (!origin) return false; // older browsers and same-origin programs send none; Next checks further
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true; // "null" (sandboxed frames, privacy redirects) or garbage
  }
  const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || request.headers.get('host');
  return !host || originHost.toLowerCase() !== host.toLowerCase();
}
