import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { GET as listResponsesRoute } from '@/app/api/v1/responses/route';
import { authenticateToken, createApiToken, hashToken, listApiTokens, revokeApiToken } from '@/lib/auth/tokens';
import { db } from '@/lib/db';
import { callRoute, createPerson } from '@/tests/support/factories';
import { OPERATOR } from '@/lib/auth/policy';

/** Every text value in every table of this test file's database, as one string per row. */
async function everyRow(): Promise<string[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    const rows: string[] = [];
    for (const { table_name } of tables) {
      const result = await client.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM "${table_name}" t`);
      rows.push(...result.rows.map((r) => r.row));
    }
    return rows;
  } finally {
    await client.end();
  }
}

describe('[API TOKENS]', () => {
  it('creation returns the secret once; the database keeps only its hash and a short prefix', async () => {
    const person = await createPerson('MEMBER');
    const { token, summary } = await createApiToken(person, person.id, { name: 'Reporting script' });
    expect(token).toMatch(/^chorus_[A-Za-z0-9_-]{40,}$/);
    expect(summary).toEqual({ id: expect.any(String), name: 'Reporting script', prefix: token.slice(0, 13), createdAt: expect.any(Date), lastUsedAt: null, revokedAt: null });
    const stored = await db().apiToken.findUniqueOrThrow({ where: { id: summary.id } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(stored.tokenHash).not.toContain(token.slice(7));
    const rows = await everyRow();
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.filter((row) => row.includes(token.slice(7)))).toEqual([]);
  });

  it('lists only the caller\'s own tokens, without hashes, even for a coordinator', async () => {
    const coordinator = await createPerson('COORDINATOR');
    const member = await createPerson('MEMBER');
    await createApiToken(member, member.id, { name: 'member token' });
    await createApiToken(coordinator, coordinator.id, { name: 'first' });
    await createApiToken(coordinator, coordinator.id, { name: 'second' });
    const mine = await listApiTokens(coordinator);
    expect(mine.map((t) => t.name).sort()).toEqual(['first', 'second']);
    for (const token of mine) expect(Object.keys(token).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt']);
    expect((await listApiTokens(member)).map((t) => t.name)).toEqual(['member token']);
  });

  it('a token authenticates API calls and records when it was last used', async () => {
    const person = await createPerson('DRAFTER');
    const { token, summary } = await createApiToken(person, person.id, { name: 'script' });
    const response = await callRoute(listResponsesRoute, { token });
    expect(response.status).toBe(200);
    const used = await db().apiToken.findUniqueOrThrow({ where: { id: summary.id } });
    expect(used.lastUsedAt).toBeInstanceOf(Date);
    expect(Date.now() - used.lastUsedAt!.getTime()).toBeLessThan(60_000);
    expect(await authenticateToken(token)).toEqual({ id: person.id, email: person.email, name: person.name, role: 'DRAFTER' });
  });

  it('a revoked token gets 401 at once, and the revocation is recorded', async () => {
    const person = await createPerson('MEMBER');
    const { token, summary } = await createApiToken(person, person.id, { name: 'to revoke' });
    expect((await callRoute(listResponsesRoute, { token })).status).toBe(200);
    await revokeApiToken(person, summary.id);
    const after = await callRoute(listResponsesRoute, { token });
    expect(after.status).toBe(401);
    expect(after.body).toEqual({ error: { code: 'unauthenticated', message: expect.stringContaining('revoked') } });
    expect((await listApiTokens(person))[0].revokedAt).toBeInstanceOf(Date);
    const events = await db().auditEvent.findMany({ where: { targetId: summary.id }, orderBy: { createdAt: 'asc' }, select: { action: true, actorId: true } });
    expect(events).toEqual([{ action: 'token.create', actorId: person.id }, { action: 'token.revoke', actorId: person.id }]);
  });

  it('nobody but the owner or a coordinator can revoke a token; others get 404 and it keeps working', async () => {
    const owner = await createPerson('MEMBER');
    const other = await createPerson('DRAFTER');
    const { token, summary } = await createApiToken(owner, owner.id, { name: 'mine' });
    await expect(revokeApiToken(other, summary.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await callRoute(listResponsesRoute, { token })).status).toBe(200);
    await expect(revokeApiToken(other, '')).rejects.toMatchObject({ code: 'bad_request' });
    await expect(revokeApiToken(other, { id: summary.id })).rejects.toMatchObject({ code: 'bad_request' });
    const coordinator = await createPerson('COORDINATOR');
    await revokeApiToken(coordinator, summary.id);
    expect((await callRoute(listResponsesRoute, { token })).status).toBe(401);
  });

  it('tokens are personal: a coordinator cannot create one for someone else; the operator (CLI) can', async () => {
    const coordinator = await createPerson('COORDINATOR');
    const member = await createPerson('MEMBER');
    await expect(createApiToken(coordinator, member.id, { name: 'impersonation' })).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    expect(await db().apiToken.count({ where: { userId: member.id } })).toBe(0);
    const { token } = await createApiToken(OPERATOR, member.id, { name: 'from the CLI' });
    expect((await authenticateToken(token))?.id).toBe(member.id);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: 'token.create', data: { path: ['userId'], equals: member.id } } });
    expect(event.actorId).toBeNull();
  });

  it('refuses a nameless token (400 naming the field) and a removed person (404)', async () => {
    const person = await createPerson('MEMBER');
    await expect(createApiToken(person, person.id, { name: '  ' })).rejects.toMatchObject({ code: 'bad_request', fields: { name: 'Give the token a name' } });
    await db().user.update({ where: { id: person.id }, data: { removedAt: new Date() } });
    await expect(createApiToken(person, person.id, { name: 'late' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses malformed, unknown and oversized tokens without a database error', async () => {
    expect(await authenticateToken('not-a-chorus-token')).toBeNull();
    expect(await authenticateToken('chorus_unknown')).toBeNull();
    expect(await authenticateToken(`chorus_${'x'.repeat(500)}`)).toBeNull();
    expect((await callRoute(listResponsesRoute, { headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });
});
