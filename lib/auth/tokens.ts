/**
 * Personal API tokens. The secret is shown once at creation; only its SHA-256 hash is
 * stored, with a short prefix so people can tell their tokens apart.
 */
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { announceAccessChange } from '@/lib/auth/access-changes';
import { recordAudit } from '@/lib/audit';
import { actorIdOf, isOperator, type Actor, type Caller } from '@/lib/auth/policy';
import { db, sql } from '@/lib/db';
import { AppError, notFound, parseInput } from '@/lib/errors';

const TOKEN_PREFIX = 'chorus_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const createTokenSchema = z.object({
  /** What the token is for, shown in the list ("Reporting script"). */
  name: z.string().trim().min(1, 'Give the token a name').max(100, 'Keep the name under 100 characters'),
});

export type ApiTokenSummary = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

/**
 * Creates a token for `userId`; returns the secret, which is never retrievable again.
 * Tokens are personal: a signed-in person creates them only for themselves (a coordinator
 * minting someone else's token could act as them). `actor` null is the operator at the
 * command line, recorded in the audit log with no personal actor.
 */
export async function createApiToken(actor: Actor, userId: string, input: unknown): Promise<{ token: string; summary: ApiTokenSummary }> {
  const { name } = parseInput(createTokenSchema, input);
  if (!isOperator(actor) && actor.id !== userId) throw new AppError('forbidden', 'You can only create API tokens for yourself');
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const summary = await db().$transaction(async (tx) => {
    const owner = await tx.user.findUnique({ where: { id: userId }, select: { removedAt: true } });
    if (!owner || owner.removedAt) throw notFound('That person');
    const created = await tx.apiToken.create({
      data: { userId, name, tokenHash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) },
      select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    });
    await recordAudit(tx, { actorId: actorIdOf(actor), action: 'token.create', targetType: 'apiToken', targetId: created.id, data: { userId, name } });
    return created;
  });
  return { token, summary };
}

/** The caller's own tokens (never anyone else's, whatever their role), newest first. */
export async function listApiTokens(caller: Caller): Promise<ApiTokenSummary[]> {
  return db().apiToken.findMany({
    where: { userId: caller.id },
    orderBy: { createdAt: 'desc' },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

/** Revokes one of the caller's tokens; a coordinator may also revoke anyone's (to stop a leaked one). */
export async function revokeApiToken(caller: Caller, input: unknown): Promise<void> {
  const tokenId = parseInput(z.string().min(1, 'Choose a token').max(100, 'Choose a token'), input);
  await db().$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: tokenId }, select: { userId: true, revokedAt: true } });
    if (!token || (token.userId !== caller.id && caller.role !== 'COORDINATOR')) throw notFound('That token');
    if (token.revokedAt) return;
    await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    await announceAccessChange(tx, { userId: token.userId });
    await recordAudit(tx, { actorId: caller.id, action: 'token.revoke', targetType: 'apiToken', targetId: tokenId });
  });
}

/**
 * The person a bearer token belongs to, or null for an unknown, revoked or removed one.
 * One statement, which also records the token's use — at most once a minute, so a busy
 * script does not write on every request.
 */
export async function authenticateToken(token: string): Promise<Caller | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const now = Date.now();
  const [found] = await sql<Caller & { usable: boolean }>(
    `with found as (
       select t.id as "tokenId", t."lastUsedAt", t."revokedAt" is null and u."removedAt" is null as usable,
              u.id, u.email, u.name, u.role::text as role
       from "ApiToken" t join "User" u on u.id = t."userId"
       where t."tokenHash" = $1
     ), used as (
       update "ApiToken" t set "lastUsedAt" = $2::timestamp(3) from found
       where t.id = found."tokenId" and found.usable and (found."lastUsedAt" is null or found."lastUsedAt" < $3::timestamp(3))
     )
     select id, email, name, role, usable from found`,
    [hashToken(token), new Date(now).toISOString(), new Date(now - 60_000).toISOString()],
    { prepare: 'chorus_authenticate_token' },
  );
  if (!found?.usable) return null;
  const { id, email, name, role } = found;
  return { id, email, name, role };
}
