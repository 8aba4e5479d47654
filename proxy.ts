/**
 * Sets a nonce-based Content-Security-Policy on every page. Next.js reads the nonce from
 * the request's CSP header and puts it on the scripts it renders.
 * Authorization does not live here: every domain function checks the caller itself.
 */
import { NextResponse, type NextRequest } from 'next/server';

export function proxy(request: NextRequest) {
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
  return response;
}

export const config = {
  matcher: [{ source: '/((?!api|_next/static|_next/image|favicon.ico).*)' }],
};
