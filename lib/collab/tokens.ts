/**
 * Who may join a live document, and how the web app talks to the collaboration server.
 *
 * A provider's `token` may be:
 * - a collaboration token minted here for the signed-in person ("cc1.<user>.<expiry>.<mac>"),
 *   which the section page renders and the editor refreshes from /api/v1/collab/token;
 * - a personal API token ("chorus_..."), for programs;
 * - a next-auth session token, for programs that hold one.
 *
 * Why a minted token rather than the session cookie on the WebSocket upgrade: the cookie
 * is HttpOnly (scripts cannot read it, by design), it is only sent when the collaboration
 * server shares the site's host, and cookie-authenticated WebSockets can be opened by any
 * web page the person visits (cross-site WebSocket hijacking). A short-lived token signed
 * with a key derived from NEXTAUTH_SECRET works across hosts and ports, is never ambient,
 * and expires on its own; the editor asks for a fresh one whenever it reconnects.
 */
import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Caller } from '@/lib/auth/policy';
import { userFromSessionToken } from '@/lib/auth/session-token';
import { authenticateToken } from '@/lib/auth/tokens';
import { db } from '@/lib/db';
import { env } from '@/lib/env';

const TOKEN_VERSION = 'cc1';
export const COLLAB_TOKEN_TTL_MS = 15 * 60_000;

function key(purpose: string): Buffer {
  return createHmac('sha256', env().NEXTAUTH_SECRET).update(`chorus-collab:${purpose}`).digest();
}

function mac(payload: string): string {
  return createHmac('sha256', key('token')).update(payload).digest('base64url');
}

export type CollabToken = { token: string; expiresAt: number };

/** A token that lets `caller` join live documents for the next 15 minutes. */
export function mintCollabToken(caller: Pick<Caller, 'id'>, now = Date.now()): CollabToken {
  const expiresAt = now + COLLAB_TOKEN_TTL_MS;
  const payload = `${TOKEN_VERSION}.${caller.id}.${expiresAt}`;
  return { token: `${payload}.${mac(payload)}`, expiresAt };
}

/** The user id in a valid, unexpired collaboration token, else null. */
export function verifyCollabToken(token: string, now = Date.now()): string | null {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== TOKEN_VERSION) return null;
  const [, userId, expiry, signature] = parts;
  const expected = Buffer.from(mac(`${TOKEN_VERSION}.${userId}.${expiry}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (!/^\d{13}$/.test(expiry) || Number(expiry) < now) return null;
  return userId;
}

/** The person a provider token belongs to (any of the three kinds), or null. */
export async function authenticateCollabToken(token: string | undefined): Promise<Caller | null> {
  return authenticate(token, Date.now());
}

/**
 * The person an open connection's token belongs to now: null once they were removed or the
 * token was revoked. A collaboration token's expiry is not checked again: it limits when a
 * connection may be opened, and the person's own standing is what is checked here.
 */
export async function reauthenticateCollabToken(token: string | undefined): Promise<Caller | null> {
  return authenticate(token, 0);
}

async function authenticate(token: string | undefined, now: number): Promise<Caller | null> {
  if (!token || token.length > 300) return null;
  if (token.startsWith(`${TOKEN_VERSION}.`)) {
    const userId = verifyCollabToken(token, now);
    if (!userId) return null;
    const user = await db().user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, role: true, removedAt: true } });
    if (!user || user.removedAt) return null;
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  }
  if (token.startsWith('chorus_')) return authenticateToken(token);
  return userFromSessionToken(token);
}
