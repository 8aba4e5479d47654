/**
 * proxy.ts, which runs before every page: HSTS when the site is https, and cross-site
 * posts to pages (server actions) refused with 403 rather than left to fail as a 500.
 */
import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { isCrossSitePost, strictTransportSecurity } from '@/lib/security-headers';
import { proxy } from '@/proxy';

const before = process.env.NEXTAUTH_URL;
afterEach(() => {
  if (before === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = before;
});

const page = (init: { method?: string; headers?: Record<string, string> } = {}) =>
  new NextRequest('https://chorus.example.org/sections/cabc', { method: init.method ?? 'GET', headers: { host: 'chorus.example.org', ...init.headers } });

describe('[SECURITY] proxy.ts', () => {
  it('sends Strict-Transport-Security on pages when NEXTAUTH_URL is https, and not over plain http', () => {
    process.env.NEXTAUTH_URL = 'https://chorus.example.org';
    expect(proxy(page()).headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    process.env.NEXTAUTH_URL = 'http://localhost:3000';
    expect(proxy(page()).headers.get('strict-transport-security')).toBeNull();
    expect(strictTransportSecurity(undefined)).toBeNull();
  });

  it('refuses a server action posted from another site with 403', async () => {
    const crossSite: Record<string, string>[] = [
      { 'next-action': 'abc123', origin: 'https://evil.example', 'content-type': 'text/plain;charset=UTF-8' },
      { origin: 'https://evil.example', 'content-type': 'multipart/form-data; boundary=x' }, // a plain form, no script
      { 'next-action': 'abc123', 'sec-fetch-site': 'cross-site' },
      { 'next-action': 'abc123', origin: 'null' },
    ];
    for (const headers of crossSite) {
      const response = proxy(page({ method: 'POST', headers }));
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await response.json()).toEqual({ error: { code: 'forbidden', message: 'Cross-site requests are not accepted' } });
    }
  });

  it('lets a server action from the site itself through', () => {
    const sameSite: Record<string, string>[] = [{ 'next-action': 'abc123', origin: 'https://chorus.example.org' }, { 'next-action': 'abc123', 'sec-fetch-site': 'same-origin' }, { 'next-action': 'abc123' }];
    for (const headers of sameSite) {
      const response = proxy(page({ method: 'POST', headers }));
      expect(response.status, JSON.stringify(headers)).toBe(200);
      expect(response.headers.get('x-middleware-next')).toBe('1');
    }
    // Behind a proxy that forwards the public host.
    const forwarded = new NextRequest('http://127.0.0.1:3000/sections/cabc', { method: 'POST', headers: { host: '127.0.0.1:3000', 'x-forwarded-host': 'chorus.example.org', origin: 'https://chorus.example.org' } });
    expect(isCrossSitePost(forwarded)).toBe(false);
  });
});
