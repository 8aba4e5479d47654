/**
 * Asking for sign-in links is limited per email address and per client address, counted
 * in the database, and a refusal (429 with Retry-After) reads the same whether or not the
 * address was invited.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { POST } from '@/app/api/auth/[...nextauth]/route';
import { LINKS_PER_ADDRESS, LINKS_PER_CLIENT, limitSignInLinkRequest } from '@/lib/auth/sign-in-limits';
import { env } from '@/lib/env';
import { db } from '@/lib/db';
import { createPerson } from '@/tests/support/factories';

const site = 'http://localhost:3000';
const randomClient = () => `203.0.113.${randomBytes(1)[0]}, 198.51.100.${randomBytes(1)[0] % 200}`;

/** A browser's CSRF cookie and token, signed as next-auth signs them (GET /api/auth/csrf). */
function csrf() {
  const csrfToken = randomBytes(32).toString('hex');
  const hash = createHash('sha256').update(`${csrfToken}${env().NEXTAUTH_SECRET}`).digest('hex');
  return { csrfToken, cookie: `next-auth.csrf-token=${encodeURIComponent(`${csrfToken}|${hash}`)}` };
}

function linkRequest(email: string, client: string, session = csrf()) {
  return new Request(`${site}/api/auth/signin/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, 'x-auth-return-redirect': '1', 'x-forwarded-for': client },
    body: new URLSearchParams({ email, csrfToken: session.csrfToken, callbackUrl: '/', json: 'true' }).toString(),
  });
}

/**
 * What the sign-in form's script sends when someone asks for a link, through the route.
 * next-auth itself needs Next's request context (next/headers), which tests do not have,
 * so a request the limit lets through is answered here by the limit's own door: null
 * means "handed on to next-auth", reported as 200.
 */
async function askForLink(email: string, client: string, session = csrf()) {
  if (!(await limitSignInLinkRequest(linkRequest(email, client, session)))) return { status: 200, retryAfter: null, body: null };
  const response = await POST(linkRequest(email, client, session), { params: Promise.resolve({ nextauth: ['signin', 'email'] }) });
  const body = (await response.json()) as { url?: string; error?: { code: string; message: string } };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

describe('[SIGN-IN] links are rate-limited', () => {
  it(`sends an invited person at most ${LINKS_PER_ADDRESS} links a quarter of an hour, then answers 429 with Retry-After`, async () => {
    const person = await createPerson('MEMBER');
    for (let i = 0; i < LINKS_PER_ADDRESS; i++) {
      expect((await askForLink(person.email, randomClient())).status, `request ${i + 1}`).toBe(200);
    }
    const refused = await askForLink(person.email.toUpperCase(), randomClient());
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(15 * 60);
    expect(refused.body).toMatchObject({ url: expect.stringContaining('/sign-in/error?error=RateLimited'), error: { code: 'rate_limited' } });
    const counted = await db().auditEvent.findMany({ where: { action: 'auth.link-request' }, select: { targetId: true, data: true } });
    // Counted in the database, and without keeping the address itself.
    expect(counted.length).toBeGreaterThanOrEqual(LINKS_PER_ADDRESS);
    expect(JSON.stringify(counted)).not.toContain(person.email);
  });

  it('answers an address nobody invited exactly as it answers an invited one once the limit is reached', async () => {
    const invited = await createPerson('MEMBER');
    const unknown = `nobody-${randomBytes(4).toString('hex')}@test.chorus`;
    const refusals = [];
    for (const email of [invited.email, unknown]) {
      for (let i = 0; i < LINKS_PER_ADDRESS; i++) expect((await askForLink(email, randomClient())).status).not.toBe(429);
      refusals.push(await askForLink(email, randomClient()));
    }
    expect(refusals[0].status).toBe(429);
    expect(refusals[1]).toEqual(refusals[0]);
    expect(await db().user.count({ where: { email: unknown } })).toBe(0);
  });

  it(`refuses a client address after ${LINKS_PER_CLIENT} links in a quarter of an hour, whatever addresses it tries, and not others`, async () => {
    const client = `192.0.2.${randomBytes(1)[0]}`;
    const session = csrf();
    for (let i = 0; i < LINKS_PER_CLIENT; i++) {
      expect((await askForLink(`someone-${randomBytes(4).toString('hex')}@test.chorus`, client, session)).status, `request ${i + 1}`).not.toBe(429);
    }
    const refused = await askForLink((await createPerson('MEMBER')).email, client, session);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect((await askForLink((await createPerson('MEMBER')).email, randomClient())).status).toBe(200);
  });

  it('does not count requests next-auth refuses anyway (no valid CSRF token), so another site cannot use up an allowance', async () => {
    const person = await createPerson('MEMBER');
    const forged = { csrfToken: 'forged', cookie: 'next-auth.csrf-token=forged%7Cforged' };
    for (let i = 0; i < LINKS_PER_ADDRESS + 2; i++) expect((await askForLink(person.email, randomClient(), forged)).status).not.toBe(429);
    expect((await askForLink(person.email, randomClient())).status).toBe(200);
  });
});
