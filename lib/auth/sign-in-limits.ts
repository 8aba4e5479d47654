/**
 * How many sign-in links may be asked for: at most LINKS_PER_ADDRESS per email address
 * and LINKS_PER_CLIENT per client address in a quarter of an hour. Without a limit, anyone
 * could make Chorus mail an invited person link after link, or spend the network's mail
 * allowance.
 *
 * Counted in the database, from the audit log's `auth.link-request` events, so the limit
 * holds across every server process and restart; advisory locks on both keys, held until
 * the transaction ends, make concurrent requests count one after another. Addresses are
 * stored only as keyed hashes: the audit log keeps no list of addresses people typed.
 *
 * A request is counted whether or not the address was invited, and a refusal reads the
 * same for both, so the limit neither tells who is invited nor spares unknown addresses.
 * Requests next-auth would refuse anyway (no valid CSRF token) are not counted: a page
 * elsewhere cannot use up someone's allowance.
 */
import 'server-only';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { recordAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { lockKey } from '@/lib/db/locks';

export const LINKS_PER_ADDRESS = 5;
export const LINKS_PER_CLIENT = 30;
export const LINK_WINDOW_MS = 15 * 60_000;
const ACTION = 'auth.link-request';

/** The address as next-auth's email provider normalises it (lower case, anything after a comma in the domain dropped). */
export function normaliseAddress(input: string): string {
  const [local = '', domain = ''] = input.normalize('NFKC').trim().toLowerCase().split('@');
  return `${local}@${domain.split(',')[0]}`;
}

/**
 * The client's address. Behind the TLS-terminating proxy Chorus expects, the proxy appends
 * the address it saw to X-Forwarded-For: the last entry is the one a client cannot forge.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',').map((part) => part.trim()).filter(Boolean);
  return forwarded?.at(-1) || headers.get('x-real-ip')?.trim() || 'unknown';
}

const keyed = (kind: string, value: string) => createHmac('sha256', env().NEXTAUTH_SECRET).update(`${kind}:${value}`).digest('hex').slice(0, 32);

/** True when `bodyToken` is the token of next-auth's signed CSRF cookie (the check next-auth itself makes). */
export function hasValidCsrfToken(cookieHeader: string | null, bodyToken: string | null): boolean {
  if (!cookieHeader || !bodyToken) return false;
  const names = ['next-auth.csrf-token', '__Host-next-auth.csrf-token'];
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (!names.includes(name)) continue;
    const [token = '', hash = ''] = decodeURIComponent(rest.join('=')).split('|');
    const expected = createHash('sha256').update(`${token}${env().NEXTAUTH_SECRET}`).digest('hex');
    if (hash.length === expected.length && timingSafeEqual(Buffer.from(hash), Buffer.from(expected)) && token === bodyToken) return true;
  }
  return false;
}

/** Seconds until the oldest of `times` (newest first, `limit` of them) leaves the window. */
function secondsUntilFree(times: { createdAt: Date }[], now: Date): number {
  const oldest = times[times.length - 1].createdAt;
  return Math.max(1, Math.ceil((oldest.getTime() + LINK_WINDOW_MS - now.getTime()) / 1000));
}

/**
 * Counts one request for a sign-in link for `email` from `client`, or throws a 429
 * AppError (with retryAfter) when either has asked for too many in the window. The
 * refused request is not counted, so waiting Retry-After seconds is always enough.
 */
export async function countSignInLinkRequest(input: { email: string; client: string }, now = new Date()): Promise<void> {
  const address = keyed('address', normaliseAddress(input.email));
  const client = keyed('client', input.client);
  await db().$transaction(async (tx) => {
    // Always in the same order, so two requests never wait on each other's second lock.
    for (const key of [`sign-in:address:${address}`, `sign-in:client:${client}`].sort()) {
      await lockKey(tx, key);
    }
    const since = new Date(now.getTime() - LINK_WINDOW_MS);
    const byAddress = await tx.$queryRaw<{ createdAt: Date }[]>`
      select "createdAt" from "AuditEvent"
       where "targetType" = 'sign-in-address' and "targetId" = ${address} and action = ${ACTION} and "createdAt" > ${since}
       order by "createdAt" desc limit ${LINKS_PER_ADDRESS}`;
    const byClient = await tx.$queryRaw<{ createdAt: Date }[]>`
      select "createdAt" from "AuditEvent"
       where action = ${ACTION} and "createdAt" > ${since} and data->>'client' = ${client}
       order by "createdAt" desc limit ${LINKS_PER_CLIENT}`;
    const waits = [
      byAddress.length >= LINKS_PER_ADDRESS ? secondsUntilFree(byAddress, now) : 0,
      byClient.length >= LINKS_PER_CLIENT ? secondsUntilFree(byClient, now) : 0,
    ];
    const retryAfter = Math.max(...waits);
    if (retryAfter > 0) {
      const minutes = Math.ceil(retryAfter / 60);
      throw new AppError('rate_limited', `Too many sign-in links have been asked for. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`, { retryAfter });
    }
    await recordAudit(tx, { actorId: null, action: ACTION, targetType: 'sign-in-address', targetId: address, data: { client } });
  });
}

/**
 * The door for next-auth's "email me a link" request (POST /api/auth/signin/email): null
 * to let next-auth handle it, or a 429 answer. The answer suits both of next-auth's
 * callers: a browser's form post follows the error page, and the sign-in form's script
 * (which asks for JSON) reads `url` and goes there.
 */
export async function limitSignInLinkRequest(request: Request): Promise<Response | null> {
  const form = new URLSearchParams(await request.clone().text());
  const email = form.get('email');
  if (!email || !hasValidCsrfToken(request.headers.get('cookie'), form.get('csrfToken'))) return null;
  try {
    await countSignInLinkRequest({ email, client: clientAddress(request.headers) });
    return null;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'rate_limited') throw error;
    const url = new URL('/sign-in/error', env().NEXTAUTH_URL);
    url.searchParams.set('error', 'RateLimited');
    return Response.json(
      { url: url.toString(), error: { code: error.code, message: error.message } },
      { status: 429, headers: { 'Retry-After': String(error.retryAfter), 'Cache-Control': 'private, no-store' } },
    );
  }
}
