/**
 * Reply addresses: every notification and digest item carries one
 * (reply+<token>@<CHORUS_MAIL_DOMAIN>), bound to one person and one thread or section. The
 * token is 128 random bits in hex (mail systems may change the case of an address; hex
 * survives); only its sha256 is stored. Tokens expire after 60 days and are revoked when
 * the person is removed (their mail is refused anyway: see receive.ts).
 */
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { db, type Tx } from '@/lib/db';
import { env } from '@/lib/env';

export const REPLY_TOKEN_TTL_MS = 60 * 24 * 60 * 60 * 1000;

export type ReplyTarget = { userId: string; sectionId: string; threadId: string | null };

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new reply address for `target`. */
export async function createReplyAddress(client: Tx | ReturnType<typeof db>, target: ReplyTarget, now = new Date()): Promise<string> {
  const token = randomBytes(16).toString('hex');
  await client.replyToken.create({
    data: { tokenHash: hash(token), userId: target.userId, sectionId: target.sectionId, threadId: target.threadId, expiresAt: new Date(now.getTime() + REPLY_TOKEN_TTL_MS) },
  });
  return `reply+${token}@${env().CHORUS_MAIL_DOMAIN}`;
}

/** The token in a reply address of this site, or null for any other address. */
export function tokenFromAddress(address: string): string | null {
  const match = /^reply\+([0-9a-f]{32})@(.+)$/i.exec(address.trim());
  if (!match || match[2].toLowerCase() !== env().CHORUS_MAIL_DOMAIN) return null;
  return match[1].toLowerCase();
}

export type ReplyTokenRecord = { id: string; userId: string; sectionId: string; threadId: string | null; expiresAt: Date; revokedAt: Date | null };

export async function findReplyToken(token: string): Promise<ReplyTokenRecord | null> {
  return db().replyToken.findUnique({
    where: { tokenHash: hash(token) },
    select: { id: true, userId: true, sectionId: true, threadId: true, expiresAt: true, revokedAt: true },
  });
}

/** Revokes every reply address of a person (they were removed). */
export async function revokeReplyTokens(tx: Tx, userId: string, now = new Date()): Promise<void> {
  await tx.replyToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
}
