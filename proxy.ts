/**
 * Sets a nonce-based Content-Security-Policy on every page. Next.js reads the nonce from
 * the request's CSP header and puts it on the scripts it renders. Adds HSTS when the site
 * is https, and refuses cross-site posts to pages (server actions) with 403.
 * Authorization does not live here: every domain function checks the caller itself.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { isCrossSitePost, strictTransportSecurity } from '@/lib/security-headers';

export function proxy(request: NextRequest) {
  if (isCrossSitePost(request)) {
    return NextResponse.json({ error: { code: 'forbidden', message: 'Cross-site requests are not accepted' } }, { status: 403, headers: securityHeaders() });
  }
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV !== 'production';
  // The same address lib/env.ts gives the editor: COLLAB_PUBLIC_URL, else this host on COLLAB_PORT (default PORT + 1).
  const collab = process.env.COLLAB_PUBLIC_URL ?? `ws://${request.nextUrl.hostname}:${process.env.COLLAB_PORT ?? Number(process.env.PORT ?? 3000) + 1}`;
  const csp = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self' ${collab}${dev ? ' ws: wss:' : ''}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ');
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  // Lets requireUser() send a signed-out visitor back to the page they asked for.
  headers.set('x-chorus-path', request.nextUrl.pathname + request.nextUrl.search);
  headers.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', csp);
  for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
  return response;
}

function securityHeaders(): Record<string, string> {
  const hsts = strictTransportSecurity(process.env.NEXTAUTH_URL);
  return hsts ? { 'Strict-Transport-Security': hsts } : {};
}

export const config = {
  matcher: [{ source: '/((?!api|_next/static|_next/image|favicon.ico).*)' }],
};
