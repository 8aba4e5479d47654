/**
 * A next-auth database session token → the person it belongs to. Kept apart from
 * lib/auth/session.ts (which needs Next's request APIs) so processes outside Next — the
 * collaboration server — can use it too.
 */
import 'server-only';
import type { Caller } from '@/lib/auth/policy';
import { sql } from '@/lib/db';

export async function userFromSessionToken(sessionToken: string | undefined): Promise<Caller | null> {
  if (!sessionToken || sessionToken.length > 200) return null;
  // On every page view and API call: one prepared statement (see sql()).
  const [found] = await sql<Caller & { usable: boolean }>(
    `select u.id, u.email, u.name, u.role::text as role, s.expires > $2::timestamp(3) and u."removedAt" is null as usable
     from "Session" s join "User" u on u.id = s."userId"
     where s."sessionToken" = $1`,
    [sessionToken, new Date().toISOString()],
    { prepare: 'chorus_session_user' },
  );
  if (!found?.usable) return null;
  const { id, email, name, role } = found;
  return { id, email, name, role };
}
