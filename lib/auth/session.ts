/**
 * Who is calling. Pages and server actions use the session cookie; route handlers also
 * accept `Authorization: Bearer <personal API token>`.
 *
 * Sessions are next-auth database sessions; reading them is one indexed query on the
 * Session table (a removed person's sessions are deleted, so they end at once). Neither
 * sessions nor API tokens are remembered between requests: with several web processes, one
 * that remembered would show a person's old name or role, or let a revoked token in, until
 * it forgot; one indexed query per request is cheap enough.
 */
import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { Caller } from '@/lib/auth/policy';
import { userFromSessionToken } from '@/lib/auth/session-token';
import { authenticateToken } from '@/lib/auth/tokens';
import { AppError } from '@/lib/errors';

/** next-auth's session cookie, with the __Secure- prefix it uses in production. */
export const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

export { userFromSessionToken };

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
  return userFromSessionToken(token);
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
  const user = await userFromSessionToken(token);
  if (!user) throw new AppError('unauthenticated', 'Sign in or send an API token (Authorization: Bearer ...)');
  return user;
}
