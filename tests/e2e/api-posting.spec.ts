/**
 * Posting feedback through the API of the app as `npm start` runs it. There a web process
 * answers these routes itself, without Next.js's router (lib/http/direct-routes.ts), so
 * every answer a program or the browser can get is checked here, against the production
 * build: the same statuses, messages, headers, rows and emails as the route handlers give.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createPerson, createResponse, e2eDb, expect, readMail, SESSION_COOKIE, test, uniqueId } from './support';

async function tokenFor(userId: string): Promise<string> {
  const token = `chorus_${randomBytes(32).toString('base64url')}`;
  await e2eDb().apiToken.create({ data: { userId, name: 'E2E program', tokenHash: createHash('sha256').update(token).digest('hex'), prefix: token.slice(0, 13) } });
  return token;
}

test('[API] a program posts a comment, a reply, a suggestion and an agreement, each answered and stored exactly once', async ({ request }) => {
  const { sections } = await createResponse({ sections: ['Funding should follow need, not population.'] });
  const section = sections[0];
  const alice = await createPerson('MEMBER');
  const bob = await createPerson('MEMBER');
  const [aliceToken, bobToken] = [await tokenFor(alice.id), await tokenFor(bob.id)];
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  const key = uniqueId('key');
  const posted = await request.post(`/api/v1/sections/${section.id}/comments`, { headers: { ...as(aliceToken), 'Idempotency-Key': key }, data: { body: 'Which need?', anchor: { exact: 'follow need' } } });
  expect(posted.status()).toBe(201);
  expect(posted.headers()['cache-control']).toBe('private, no-store');
  expect(posted.headers()['content-type']).toContain('application/json');
  const { comment } = await posted.json();
  expect(comment).toMatchObject({ body: 'Which need?', sectionId: section.id, anchor: { exact: 'follow need' } });

  // The same request again (a program retrying after a timeout): the first comment, 200, nothing new.
  const again = await request.post(`/api/v1/sections/${section.id}/comments`, { headers: { ...as(aliceToken), 'Idempotency-Key': key }, data: { body: 'Which need?', anchor: { exact: 'follow need' } } });
  expect(again.status()).toBe(200);
  expect((await again.json()).comment.id).toBe(comment.id);
  expect(await e2eDb().comment.count({ where: { sectionId: section.id } })).toBe(1);
  expect(await e2eDb().auditEvent.count({ where: { targetId: comment.id, action: 'comment.create' } })).toBe(1);

  // A reply: stored, and Alice is emailed after the answer.
  const since = new Date();
  const reply = await request.post(`/api/v1/sections/${section.id}/comments`, { headers: as(bobToken), data: { body: 'Need as the local survey measures it.', parentId: comment.id } });
  expect(reply.status()).toBe(201);
  expect((await reply.json()).comment).toMatchObject({ parentId: comment.id });
  const mail = await readMail(alice.email, { since });
  expect(mail.text).toContain('Need as the local survey measures it.');

  const suggestion = await request.post(`/api/v1/sections/${section.id}/suggestions`, { headers: as(bobToken), data: { anchor: { exact: 'population' }, replacement: 'head count', reason: 'Plainer' } });
  expect(suggestion.status()).toBe(201);
  expect((await suggestion.json()).suggestion).toMatchObject({ replacement: 'head count' });

  const agreed = await request.post(`/api/v1/comments/${comment.id}/agree`, { headers: as(bobToken) });
  expect(agreed.status()).toBe(200);
  expect(await agreed.json()).toEqual({ agreed: true, agreeCount: 1 });
});

test('[API] bad posts are refused with the reason and store nothing', async ({ request }) => {
  const { sections } = await createResponse();
  const section = sections[0];
  const member = await createPerson('MEMBER');
  const token = await tokenFor(member.id);
  const url = `/api/v1/sections/${section.id}/comments`;
  const refusals: { why: string; answer: ReturnType<typeof request.post>; status: number; code: string; message?: RegExp }[] = [
    { why: 'no credentials', answer: request.post(url, { data: { body: 'Hello' } }), status: 401, code: 'unauthenticated' },
    { why: 'an unknown token', answer: request.post(url, { headers: { Authorization: `Bearer chorus_${'x'.repeat(43)}` }, data: { body: 'Hello' } }), status: 401, code: 'unauthenticated' },
    { why: 'an empty body', answer: request.post(url, { headers: { Authorization: `Bearer ${token}` }, data: { body: '' } }), status: 400, code: 'bad_request', message: /body/ },
    { why: 'not JSON', answer: request.post(url, { headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, data: Buffer.from('{"body": ') }), status: 400, code: 'bad_request', message: /not valid JSON/ },
    { why: 'a passage that is not in the text', answer: request.post(url, { headers: { Authorization: `Bearer ${token}` }, data: { body: 'Hm', anchor: { exact: 'words nobody wrote' } } }), status: 400, code: 'bad_request', message: /anchor/ },
    { why: 'a malformed section id', answer: request.post('/api/v1/sections/not%20an%20id/comments', { headers: { Authorization: `Bearer ${token}` }, data: { body: 'Hello' } }), status: 400, code: 'bad_request', message: /id/ },
    { why: 'an unknown section', answer: request.post('/api/v1/sections/cnothing0000000000000000/comments', { headers: { Authorization: `Bearer ${token}` }, data: { body: 'Hello' } }), status: 404, code: 'not_found' },
    { why: 'a NUL character', answer: request.post(url, { headers: { Authorization: `Bearer ${token}` }, data: { body: 'a\u0000b' } }), status: 400, code: 'bad_request', message: /NUL/ },
    { why: 'a body over 1 MB', answer: request.post(url, { headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, data: Buffer.from(JSON.stringify({ body: 'x'.repeat(1_100_000) })) }), status: 413, code: 'payload_too_large' },
  ];
  for (const refusal of refusals) {
    const answer = await refusal.answer;
    expect(answer.status(), refusal.why).toBe(refusal.status);
    expect(answer.headers()['cache-control'], refusal.why).toBe('private, no-store');
    const { error } = (await answer.json()) as { error: { code: string; message: string } };
    expect(error.code, refusal.why).toBe(refusal.code);
    if (refusal.message) expect(error.message, refusal.why).toMatch(refusal.message);
  }

  expect(await e2eDb().comment.count({ where: { sectionId: section.id } })).toBe(0);
});

test('[API] with the session cookie, a post must come from this site as JSON', async ({ playwright, baseURL }) => {
  const { sections } = await createResponse();
  const member = await createPerson('MEMBER');
  const url = `/api/v1/sections/${sections[0].id}/comments`;
  const browserLike = await playwright.request.newContext({ baseURL });
  const sessionToken = randomBytes(32).toString('hex');
  await e2eDb().session.create({ data: { sessionToken, userId: member.id, expires: new Date(Date.now() + 3_600_000) } });
  const cookie = `${SESSION_COOKIE}=${sessionToken}`;

  const crossSite = await browserLike.post(url, { headers: { cookie, Origin: 'https://evil.example' }, data: { body: 'From elsewhere' } });
  expect(crossSite.status()).toBe(403);
  const form = await browserLike.post(url, { headers: { cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, data: 'body=From+a+form' });
  expect(form.status()).toBe(415);
  const own = await browserLike.post(url, { headers: { cookie, Origin: new URL(baseURL!).origin }, data: { body: 'From the site' } });
  expect(own.status()).toBe(201);
  expect(await e2eDb().comment.count({ where: { sectionId: sections[0].id } })).toBe(1);
  await browserLike.dispose();
});
