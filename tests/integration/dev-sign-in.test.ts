import { afterEach, describe, expect, it, vi } from 'vitest';
import { POST as devSignInRoute } from '@/app/api/dev/sign-in/route';
import { GET as listResponsesRoute } from '@/app/api/v1/responses/route';
import { createDevSession, devSignInAllowed, listDevSignInPeople } from '@/lib/auth/dev-sign-in';
import { db } from '@/lib/db';
import { callRoute, createPerson } from '@/tests/support/factories';

const url = 'http://localhost:3000/api/dev/sign-in';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('[AUTH] development one-click sign-in', () => {
  it('creates a database session for an invited person and sets the session cookie', async () => {
    const person = await createPerson('DRAFTER');
    const { status, body, headers } = await callRoute(devSignInRoute, { method: 'POST', url, body: { email: person.email.toUpperCase() } });
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true });
    const setCookie = headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/next-auth\.session-token=[0-9a-f]{64}/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=lax/i);
    const sessionToken = /next-auth\.session-token=([0-9a-f]+)/.exec(setCookie)![1];
    const session = await db().session.findUniqueOrThrow({ where: { sessionToken } });
    expect(session.userId).toBe(person.id);
    expect(session.expires.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect((await callRoute(listResponsesRoute, { headers: { cookie: `next-auth.session-token=${sessionToken}` } })).status).toBe(200);
    expect((await db().user.findUniqueOrThrow({ where: { id: person.id } })).emailVerified).toBeInstanceOf(Date);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: 'auth.sign-in', actorId: person.id } });
    expect(event.data).toEqual({ method: 'development' });
  });

  it('refuses an address nobody invited, a removed person, bad input and a form post, creating no session', async () => {
    const removed = await createPerson('MEMBER');
    await db().user.update({ where: { id: removed.id }, data: { removedAt: new Date() } });
    const before = await db().session.count();
    expect((await callRoute(devSignInRoute, { method: 'POST', url, body: { email: 'stranger@example.org' } })).status).toBe(403);
    expect((await callRoute(devSignInRoute, { method: 'POST', url, body: { email: removed.email } })).status).toBe(403);
    const bad = await callRoute(devSignInRoute, { method: 'POST', url, body: { email: 'nope' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ email: 'Not a valid email address' });
    const form = await callRoute(devSignInRoute, { method: 'POST', url, body: `email=${encodeURIComponent(removed.email)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect(await db().session.count()).toBe(before);
  });

  it('lists people to sign in as in development, never removed ones', async () => {
    const person = await createPerson('COORDINATOR');
    const removed = await createPerson('COORDINATOR');
    await db().user.update({ where: { id: removed.id }, data: { removedAt: new Date() } });
    const people = await listDevSignInPeople();
    expect(people.map((p) => p.email)).toContain(person.email);
    expect(people.map((p) => p.email)).not.toContain(removed.email);
    expect(Object.keys(people[0]).sort()).toEqual(['email', 'name', 'role']);
  });

  it('every part refuses when NODE_ENV is production', async () => {
    const person = await createPerson('COORDINATOR');
    const before = await db().session.count();
    vi.stubEnv('NODE_ENV', 'production');
    expect(devSignInAllowed()).toBe(false);
    expect(await listDevSignInPeople()).toEqual([]);
    await expect(createDevSession(person.email)).rejects.toMatchObject({ code: 'not_found' });
    const { status, headers } = await callRoute(devSignInRoute, { method: 'POST', url, body: { email: person.email } });
    expect(status).toBe(404);
    expect(headers.get('set-cookie')).toBeNull();
    expect(await db().session.count()).toBe(before);
  });
});
