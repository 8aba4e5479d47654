/**
 * One-click unsubscribe (RFC 8058) for digests: every digest carries
 * List-Unsubscribe: <…/api/email/unsubscribe?u=<user>&s=<signature>> and
 * List-Unsubscribe-Post, so a mail program's "unsubscribe" button stops Chorus's email
 * without signing in. The signature is an HMAC of the user id with a key derived from
 * NEXTAUTH_SECRET: nobody can unsubscribe someone else.
 */
import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { recordAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { env } from '@/lib/env';

function signature(userId: string): string {
  const key = createHmac('sha256', env().NEXTAUTH_SECRET).update('chorus-unsubscribe').digest();
  return createHmac('sha256', key).update(userId).digest('base64url');
}

export function unsubscribeUrl(userId: string): string {
  return `${env().NEXTAUTH_URL.replace(/\/$/, '')}/api/email/unsubscribe?u=${encodeURIComponent(userId)}&s=${signature(userId)}`;
}

/** Turns email off for the person the signed link names; false when the link is not valid. */
export async function unsubscribe(userId: string | null, given: string | null): Promise<boolean> {
  if (!userId || !given || userId.length > 100) return false;
  const expected = Buffer.from(signature(userId));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return false;
  const updated = await db().$transaction(async (tx) => {
    const result = await tx.user.updateMany({ where: { id: userId }, data: { notifyByEmail: false } });
    if (result.count) await recordAudit(tx, { actorId: userId, action: 'person.unsubscribe', targetType: 'user', targetId: userId });
    return result.count > 0;
  });
  return updated;
}
