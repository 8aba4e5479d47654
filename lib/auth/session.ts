/**
 * Who is calling. Pages and server actions use the session cookie; route handlers also
 * accept `Authorization: Bearer <personal API token>`.
 *
 * Sessions are next-auth database sessions; reading them is one indexed query on the
 * Session table (a removed person's sessions are deleted). Each process remembers a
 * session's person for two seconds (lib/auth/caller-cache.ts), so a removal or sign-out
 * takes effect in every process within two seconds. API tokens are read on every request
 * (one statement): a program is locked out the moment its token is revoked.
 */
import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { rememberCaller } from '@/lib/auth/caller-cache';
import type { Caller } from '@/lib/auth/policy';
import { userFromSessionToken } from '@/lib/auth/session-token';
import { authenticateToken } from '@/lib/auth/tokens';
import { AppError } from '@/lib/errors';

/** next-auth's session cookie, with the __Secure- prefix it uses in production. */
export const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

export { userFromSessionToken };

function callerForSession(sessionToken: string | undefined): Promise<Caller | null> {
  if (!sessionToken) return Promise.resolve(null);
  return rememberCaller(`session:${sessionToken}`, () => userFromSessionToken(sessionToken));
}

function cookieFromHeader(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return undefined; // a mangled cookie is no session (not a 500)
    }
  }
  return undefined;
}

/** The signed-in person of this request (pages, server actions), or null. Cached per request. */
export const getCurrentUser = cache(async (): Promise<Caller | null> => {
  const jar = await cookies();
  const token = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  return callerForSession(token);
});

/**
 * For pages: the signed-in person, or a redirect to the sign-in page that brings them back
 * to `returnTo` afterwards (by default the page being requested, which proxy.ts passes on:
 * layouts do not know it, and a layout's redirect wins over its page's).
 */
export async function requireUser(returnTo?: string): Promise<Caller> {
  const user = await getCurrentUser();
  if (!user) {
    const back = returnTo ?? (await headers()).get('x-chorus-path');
    redirect(back && back !== '/' ? `/sign-in?callbackUrl=${encodeURIComponent(back)}` : '/sign-in');
  }
  return user;
}

/** For route handlers: the bearer token's owner, else the session cookie's person; 401 when neither. */
export async function authenticateRequest(request: Request): Promise<Caller> {
  const authorization = request.headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const caller = match ? await authenticateToken(match[1]) : null;
    if (!caller) throw new AppError('unauthenticated', 'The API token is missing, malformed, revoked or unknown');
    return caller;
  }
  const cookieHeader = request.headers.get('cookie');
  const token = SESSION_COOKIES.map((name) => cookieFromHeader(cookieHeader, name)).find(Boolean);
  const user = await callerForSession(token);
  if (!user) throw new AppError('unauthenticated', 'Sign in or send an API token (Authorization: Bearer ...)');
  return user;
}
