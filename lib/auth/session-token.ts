/**
 * A next-auth database session token → the person it belongs to. Kept apart from
 * lib/auth/session.ts (which needs Next's request APIs) so processes outside Next — the
 * collaboration server — can use it too.
 */
import 'server-only';
import type { Caller } from '@/lib/auth/policy';
import { db } from '@/lib/db';

export async function userFromSessionToken(sessionToken: string | undefined): Promise<Caller | null> {
  if (!sessionToken || sessionToken.length > 200) return null;
  const session = await db().session.findUnique({
    where: { sessionToken },
    select: { expires: true, user: { select: { id: true, email: true, name: true, role: true, removedAt: true } } },
  });
  if (!session || session.expires < new Date() || session.user.removedAt) return null;
  const { id, email, name, role } = session.user;
  return { id, email, name, role };
}
