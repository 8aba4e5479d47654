/**
 * Development-only one-click sign-in as any person. Each function refuses outright in a
 * production build (NODE_ENV is fixed at build time, so the code path cannot be reached).
 */
import 'server-only';
import { randomBytes } from 'node:crypto';
import { recordAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';

export function devSignInAllowed(): boolean {
  return process.env.NODE_ENV !== 'production';
}

export async function listDevSignInPeople() {
  if (!devSignInAllowed()) return [];
  return db().user.findMany({
    where: { removedAt: null },
    orderBy: [{ role: 'desc' }, { email: 'asc' }],
    take: 20,
    select: { email: true, name: true, role: true },
  });
}

/** Creates a database session for `email`; returns the session token and its expiry. */
export async function createDevSession(email: string): Promise<{ sessionToken: string; expires: Date }> {
  if (!devSignInAllowed()) throw new AppError('not_found', 'Not found');
  const user = await db().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, removedAt: true } });
  if (!user || user.removedAt) throw new AppError('forbidden', 'That address has not been invited');
  const sessionToken = randomBytes(32).toString('hex');
  const expires = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000);
  await db().$transaction(async (tx) => {
    await tx.session.create({ data: { sessionToken, userId: user.id, expires } });
    await tx.user.update({ where: { id: user.id }, data: { emailVerified: new Date() } });
    await recordAudit(tx, { actorId: user.id, action: 'auth.sign-in', targetType: 'user', targetId: user.id, data: { method: 'development' } });
  });
  return { sessionToken, expires };
}
