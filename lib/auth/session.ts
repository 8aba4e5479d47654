/**
 * Who is calling. Pages and server actions use the session cookie; route handlers also
 * accept `Authorization: Bearer <personal API token>`.
 */
import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { authOptions } from '@/lib/auth/options';
import type { Caller } from '@/lib/auth/policy';
import { authenticateToken } from '@/lib/auth/tokens';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';

/** The signed-in person of this request, or null. Cached per request. */
export const getCurrentUser = cache(async (): Promise<Caller | null> => {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, removedAt: true } });
  if (!user || user.removedAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/** For pages: the signed-in person, or a redirect to the sign-in page. */
export async function requireUser(returnTo?: string): Promise<Caller> {
  const user = await getCurrentUser();
  if (!user) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : '/sign-in');
  return user;
}

/** For route handlers: the bearer token's owner, else the session's person; 401 when neither. */
export async function authenticateRequest(request: Request): Promise<Caller> {
  const authorization = request.headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const caller = match ? await authenticateToken(match[1]) : null;
    if (!caller) throw new AppError('unauthenticated', 'The API token is missing, malformed, revoked or unknown');
    return caller;
  }
  const user = await getCurrentUser();
  if (!user) throw new AppError('unauthenticated', 'Sign in or send an API token (Authorization: Bearer ...)');
  return user;
}
