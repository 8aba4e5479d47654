import { describe, expect, it, vi } from 'vitest';
import { POST as submitCaseStudyRoute } from '@/app/api/v1/responses/[slug]/case-studies/route';
import { GET as listResponsesRoute } from '@/app/api/v1/responses/route';
import { apiRoute } from '@/lib/api/respond';
import { db } from '@/lib/db';
import { callRoute, createPerson, createPersonWithToken, createResponse, unique } from '@/tests/support/factories';

async function createSession(userId: string, expires = new Date(Date.now() + 86_400_000)) {
  const sessionToken = unique('session');
  await db().session.create({ data: { sessionToken, userId, expires } });
  return sessionToken;
}

const cookie = (token: string, name = 'next-auth.session-token') => ({ cookie: `theme=dark; ${name}=${token}; other=1` });

describe('[AUTH] session cookies for route handlers', () => {
  it('a valid session cookie authenticates an API call', async () => {
    const person = await createPerson('MEMBER');
    const token = await createSession(person.id);
    expect((await callRoute(listResponsesRoute, { headers: cookie(token) })).status).toBe(200);
    // The cookie's name in production, with the __Secure- prefix.
    expect((await callRoute(listResponsesRoute, { headers: cookie(token, '__Secure-next-auth.session-token') })).status).toBe(200);
  });

  it('an expired session gets 401', async () => {
    const person = await createPerson('MEMBER');
    const token = await createSession(person.id, new Date(Date.now() - 1000));
    const { status, body } = await callRoute(listResponsesRoute, { headers: cookie(token) });
    expect(status).toBe(401);
    expect(body.error.code).toBe('unauthenticated');
  });

  it('a removed person\'s session gets 401 even if its row survived', async () => {
    const person = await createPerson('DRAFTER');
    const token = await createSession(person.id);
    await db().user.update({ where: { id: person.id }, data: { removedAt: new Date() } });
    expect((await callRoute(listResponsesRoute, { headers: cookie(token) })).status).toBe(401);
  });

  it('an unknown, oversized or mangled session cookie gets 401, not an error', async () => {
    expect((await callRoute(listResponsesRoute, { headers: cookie('no-such-session') })).status).toBe(401);
    expect((await callRoute(listResponsesRoute, { headers: cookie('x'.repeat(300)) })).status).toBe(401);
    expect((await callRoute(listResponsesRoute, { headers: cookie('%E0%A4%A') })).status).toBe(401);
  });
});

describe('[SECURITY] state-changing API calls authenticated by cookie must be same-site JSON', () => {
  const handler = vi.fn(async ({ caller }: { caller: { id: string } }) => ({ ok: true, caller: caller.id }));
  const route = apiRoute(handler);
  const url = 'http://localhost:3000/api/v1/test';

  async function send(method: string, headers: Record<string, string>, body?: string) {
    handler.mockClear();
    const response = await route(new Request(url, { method, headers, body }), { params: Promise.resolve({}) });
    return { status: response.status, body: await response.json(), handled: handler.mock.calls.length > 0 };
  }

  it('refuses an HTML form post (urlencoded, multipart, text/plain) with 415 before the handler runs', async () => {
    const person = await createPerson('COORDINATOR');
    const headers = cookie(await createSession(person.id));
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain']) {
      const result = await send('POST', { ...headers, 'content-type': type }, 'name=x');
      expect(result).toEqual({ status: 415, body: { error: { code: 'unsupported_media_type', message: expect.stringContaining('application/json') } }, handled: false });
    }
    // A body with no content type at all is refused too.
    expect((await send('PATCH', headers, 'name=x')).status).toBe(415);
  });

  it('a real state-changing route (submitting a case study) refuses a cross-site form post and writes nothing', async () => {
    const person = await createPerson('MEMBER');
    const { response } = await createResponse();
    const result = await callRoute(submitCaseStudyRoute, {
      method: 'POST',
      url: `http://localhost:3000/api/v1/responses/${response.slug}/case-studies`,
      params: { slug: response.slug },
      headers: { ...cookie(await createSession(person.id)), 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'title=Forged&story=Forged',
    });
    expect(result.status).toBe(415);
    expect(await db().caseStudy.count({ where: { responseId: response.id } })).toBe(0);
  });

  it('accepts JSON from this site, and body-less DELETE requests', async () => {
    const person = await createPerson('MEMBER');
    const headers = cookie(await createSession(person.id));
    expect(await send('POST', { ...headers, 'content-type': 'application/json', origin: 'http://localhost:3000' }, '{}')).toEqual({ status: 200, body: { ok: true, caller: person.id }, handled: true });
    expect(await send('DELETE', headers)).toMatchObject({ status: 200, handled: true });
  });

  it('refuses JSON from another origin (403)', async () => {
    const person = await createPerson('MEMBER');
    const headers = cookie(await createSession(person.id));
    expect(await send('POST', { ...headers, 'content-type': 'application/json', origin: 'https://evil.example' }, '{}')).toMatchObject({ status: 403, handled: false });
    expect(await send('DELETE', { ...headers, 'sec-fetch-site': 'cross-site' })).toMatchObject({ status: 403, handled: false });
  });

  it('bearer-token callers are not exposed to cross-site forms and may send what they like', async () => {
    const { token } = await createPersonWithToken('MEMBER');
    expect(await send('POST', { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, 'x')).toMatchObject({ status: 200, handled: true });
  });

  it('checks authentication first: no cookie and no token gets 401 whatever the body', async () => {
    expect(await send('POST', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=b')).toMatchObject({ status: 401, handled: false });
  });
});
