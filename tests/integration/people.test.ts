import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { GET as listResponsesRoute } from '@/app/api/v1/responses/route';
import { authenticateRequest } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { changeRole, invitePeople, removePerson } from '@/lib/people/mutations';
import { listPeople } from '@/lib/people/queries';
import { callRoute, createPerson, createPersonWithToken, createResponse, unique } from '@/tests/support/factories';
import { OPERATOR } from '@/lib/auth/policy';

const address = (label = 'person') => `${unique(label)}@example.org`;

async function auditFor(targetId: string) {
  return db().auditEvent.findMany({ where: { targetId }, orderBy: { createdAt: 'asc' }, select: { action: true, actorId: true, data: true } });
}

async function mailTo(email: string) {
  return db().devMailMessage.findMany({ where: { to: email }, select: { subject: true, text: true } });
}

/** A session row as next-auth writes it at sign-in. */
async function createSession(userId: string) {
  const sessionToken = unique('session');
  await db().session.create({ data: { sessionToken, userId, expires: new Date(Date.now() + 86_400_000) } });
  return sessionToken;
}

describe('[PEOPLE] inviting', () => {
  it('a coordinator invites one address with a name and a role; it appears in the list as invited', async () => {
    const coordinator = await createPerson('COORDINATOR');
    const email = address('ada');
    const result = await invitePeople(coordinator, { emails: ` ${email.toUpperCase()} `, name: 'Ada Lovelace', role: 'DRAFTER' });
    expect(result).toEqual({ invited: [email], updated: [], unchanged: [], notEmailed: [] });
    const people = await listPeople(coordinator);
    expect(people.find((p) => p.email === email)).toMatchObject({ name: 'Ada Lovelace', role: 'DRAFTER', status: 'invited', removedAt: null });
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user.invitedById).toBe(coordinator.id);
    expect(await auditFor(user.id)).toEqual([{ action: 'person.invite', actorId: coordinator.id, data: { email, role: 'DRAFTER' } }]);
  });

  it('emails each invited person where to sign in, once the invitation is saved', async () => {
    const coordinator = await createPerson('COORDINATOR', { name: 'Cora Coordinator' });
    const email = address('mailed');
    await invitePeople(coordinator, { emails: email, role: 'MEMBER' });
    const mail = await mailTo(email);
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe('You are invited to Chorus');
    expect(mail[0].text).toContain('http://localhost:3000/sign-in');
    expect(mail[0].text).toContain('Cora Coordinator');
    expect(mail[0].text).toContain('Member');
  });

  it('invites a pasted list at once, updating the roles of people already in the network', async () => {
    const coordinator = await createPerson('COORDINATOR');
    const existing = await createPerson('MEMBER');
    const same = await createPerson('DRAFTER');
    const [a, b] = [address('list-a'), address('list-b')];
    const result = await invitePeople(coordinator, { emails: `${a}; "Bee, B" <${b}>\n${existing.email}, ${same.email}`, role: 'DRAFTER' });
    expect(result.invited).toEqual([a, b]);
    expect(result.updated).toEqual([existing.email]);
    expect(result.unchanged).toEqual([same.email]);
    expect((await db().user.findUniqueOrThrow({ where: { email: b } })).name).toBe('Bee, B');
    expect((await db().user.findUniqueOrThrow({ where: { id: existing.id } })).role).toBe('DRAFTER');
    expect(await auditFor(existing.id)).toEqual([{ action: 'person.role-change', actorId: coordinator.id, data: { from: 'MEMBER', to: 'DRAFTER' } }]);
    expect(await auditFor(same.id)).toEqual([]);
    // Only new people get an invitation email, not people whose role changed.
    expect(await mailTo(existing.email)).toHaveLength(0);
    expect(await mailTo(a)).toHaveLength(1);
  });

  it('invites the whole network from one pasted list of 1,400 addresses', async () => {
    const coordinator = await createPerson('COORDINATOR');
    const batch = unique('bulk');
    const emails = Array.from({ length: 1400 }, (_, i) => `${batch}-${i}@example.org`);
    const logged = vi.spyOn(console, 'info').mockImplementation(() => {});
    try {
      const result = await invitePeople(coordinator, { emails: emails.join('\n'), role: 'MEMBER' });
      expect(result.invited).toEqual(emails);
      expect(result.notEmailed).toEqual([]);
    } finally {
      logged.mockRestore();
    }
    expect(await db().user.count({ where: { email: { startsWith: batch } } })).toBe(1400);
    expect(await db().auditEvent.count({ where: { action: 'person.invite', actorId: coordinator.id } })).toBe(1400);
    expect(await db().devMailMessage.count({ where: { to: { startsWith: batch } } })).toBe(1400);
  }, 120_000);

  it('writes nothing, and emails nobody, when any address in a list is invalid', async () => {
    const coordinator = await createPerson('COORDINATOR');
    const good = address('good');
    const before = await db().auditEvent.count();
    const error = await invitePeople(coordinator, { emails: `${good}\nnot-an-address\nalso@bad`, role: 'MEMBER' }).catch((e) => e);
    expect(error).toMatchObject({ code: 'bad_request', status: 400 });
    expect(error.fields.emails).toContain('not-an-address, also@bad');
    expect(error.fields.emails).toContain('Nobody was invited');
    expect(await db().user.findUnique({ where: { email: good } })).toBeNull();
    expect(await mailTo(good)).toHaveLength(0);
    expect(await db().auditEvent.count()).toBe(before);
  });

  it('refuses an empty list and an unknown role, naming the field', async () => {
    const coordinator = await createPerson('COORDINATOR');
    await expect(invitePeople(coordinator, { emails: ' ', role: 'MEMBER' })).rejects.toMatchObject({ code: 'bad_request', fields: { emails: 'Enter at least one email address' } });
    await expect(invitePeople(coordinator, { emails: ' ,; ', role: 'MEMBER' })).rejects.toMatchObject({ code: 'bad_request', fields: { emails: 'Enter at least one email address' } });
    await expect(invitePeople(coordinator, { emails: address(), role: 'OWNER' })).rejects.toMatchObject({ code: 'bad_request', fields: { role: 'Role must be member, drafter or coordinator' } });
  });

  it('re-inviting a removed person re-admits them with the new role, and they can sign in again', async () => {
    const coordinator = await createPerson('COORDINATOR');
    const person = await createPerson('DRAFTER');
    await removePerson(coordinator, { userId: person.id });
    const result = await invitePeople(coordinator, { emails: person.email, role: 'MEMBER' });
    expect(result).toMatchObject({ invited: [], updated: [person.email] });
    const user = await db().user.findUniqueOrThrow({ where: { id: person.id } });
    expect(user).toMatchObject({ role: 'MEMBER', removedAt: null });
    expect((await listPeople(coordinator)).find((p) => p.id === person.id)?.status).not.toBe('removed');
    expect((await auditFor(person.id)).map((e) => e.action)).toEqual(['person.remove', 'person.readmit']);
    expect(await mailTo(person.email)).toHaveLength(1);
    const sessionToken = await createSession(person.id);
    const caller = await authenticateRequest(new Request('http://localhost:3000/api/v1/responses', { headers: { cookie: `next-auth.session-token=${sessionToken}` } }));
    expect(caller).toMatchObject({ id: person.id, role: 'MEMBER' });
  });
});

describe('[PEOPLE] roles', () => {
  it('a coordinator changes a role, and the change is recorded', async () => {
    const coordinator = await createPerson('COORDINATOR');
    const person = await createPerson('MEMBER');
    await changeRole(coordinator, { userId: person.id, role: 'COORDINATOR' });
    expect((await db().user.findUniqueOrThrow({ where: { id: person.id } })).role).toBe('COORDINATOR');
    expect(await auditFor(person.id)).toEqual([{ action: 'person.role-change', actorId: coordinator.id, data: { from: 'MEMBER', to: 'COORDINATOR' } }]);
  });

  it('answers 404 for someone unknown or removed, and 400 for a bad role', async () => {
    const coordinator = await createPerson('COORDINATOR');
    await expect(changeRole(coordinator, { userId: 'nobody', role: 'MEMBER' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(changeRole(coordinator, { userId: coordinator.id, role: 'ADMIN' })).rejects.toMatchObject({ code: 'bad_request', fields: { role: expect.any(String) } });
    const removed = await createPerson('MEMBER');
    await removePerson(coordinator, { userId: removed.id });
    await expect(changeRole(coordinator, { userId: removed.id, role: 'DRAFTER' })).rejects.toMatchObject({ code: 'not_found' });
  });

  for (const role of ['MEMBER', 'DRAFTER'] as const) {
    it(`a ${role.toLowerCase()} cannot invite, change roles, remove people or list them (403), and nothing changes`, async () => {
      const caller = await createPerson(role);
      const target = await createPerson('MEMBER');
      const email = address('sneaky');
      const before = await db().auditEvent.count();
      await expect(invitePeople(caller, { emails: email, role: 'COORDINATOR' })).rejects.toMatchObject({ code: 'forbidden', status: 403 });
      await expect(changeRole(caller, { userId: caller.id, role: 'COORDINATOR' })).rejects.toMatchObject({ code: 'forbidden', status: 403 });
      await expect(changeRole(caller, { userId: target.id, role: 'DRAFTER' })).rejects.toMatchObject({ code: 'forbidden', status: 403 });
      await expect(removePerson(caller, { userId: target.id })).rejects.toMatchObject({ code: 'forbidden', status: 403 });
      await expect(listPeople(caller)).rejects.toMatchObject({ code: 'forbidden' });
      expect(await db().user.findUnique({ where: { email } })).toBeNull();
      expect(await db().user.findUniqueOrThrow({ where: { id: caller.id } })).toMatchObject({ role, removedAt: null });
      expect(await db().user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ role: 'MEMBER', removedAt: null });
      expect(await db().auditEvent.count()).toBe(before);
    });
  }
});

describe('[PEOPLE] removing', () => {
  it('ends their sessions and API tokens at once and keeps their history', async () => {
    const coordinator = await createPerson('COORDINATOR');
    const { person, token } = await createPersonWithToken('DRAFTER');
    const sessionToken = await createSession(person.id);
    await createSession(person.id);
    const { sections } = await createResponse({ authorId: person.id });
    expect((await callRoute(listResponsesRoute, { token })).status).toBe(200);
    expect((await callRoute(listResponsesRoute, { headers: { cookie: `next-auth.session-token=${sessionToken}` } })).status).toBe(200);

    await removePerson(coordinator, { userId: person.id });

    expect(await db().session.count({ where: { userId: person.id } })).toBe(0);
    expect(await db().apiToken.count({ where: { userId: person.id, revokedAt: null } })).toBe(0);
    expect(await db().apiToken.count({ where: { userId: person.id } })).toBe(1); // revoked, not deleted
    const byToken = await callRoute(listResponsesRoute, { token });
    expect(byToken.status).toBe(401);
    expect(byToken.body.error.code).toBe('unauthenticated');
    expect((await callRoute(listResponsesRoute, { headers: { cookie: `next-auth.session-token=${sessionToken}` } })).status).toBe(401);
    // Their person row and their contributions stay, credited to them.
    expect(await db().user.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({ email: person.email, removedAt: expect.any(Date) });
    expect(await db().sectionVersionAuthor.count({ where: { userId: person.id, versionId: sections[0].currentVersionId } })).toBe(1);
    expect((await listPeople(coordinator)).find((p) => p.id === person.id)?.status).toBe('removed');
    expect(await auditFor(person.id)).toEqual([{ action: 'person.remove', actorId: coordinator.id, data: { role: 'DRAFTER', sessionsEnded: 2, tokensRevoked: 1 } }]);
  });

  it('refuses to remove someone already removed or unknown (404)', async () => {
    const coordinator = await createPerson('COORDINATOR');
    const person = await createPerson('MEMBER');
    await removePerson(coordinator, { userId: person.id });
    await expect(removePerson(coordinator, { userId: person.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(removePerson(coordinator, { userId: '' })).rejects.toMatchObject({ code: 'bad_request', fields: { userId: 'Choose a person' } });
  });
});

describe('[PEOPLE] the last coordinator', () => {
  /** Leaves exactly one current coordinator in this file's database, and returns them. */
  async function onlyCoordinator() {
    const last = await createPerson('COORDINATOR');
    await db().user.updateMany({ where: { role: 'COORDINATOR', id: { not: last.id } }, data: { role: 'MEMBER' } });
    return last;
  }

  it('cannot be demoted, removed or re-invited with a lower role, and nothing changes', async () => {
    const last = await onlyCoordinator();
    const newcomer = address('newcomer');
    await expect(changeRole(last, { userId: last.id, role: 'DRAFTER' })).rejects.toMatchObject({ code: 'conflict', status: 409, message: expect.stringContaining('at least one coordinator') });
    await expect(removePerson(last, { userId: last.id })).rejects.toMatchObject({ code: 'conflict' });
    await expect(removePerson(OPERATOR, { userId: last.id })).rejects.toMatchObject({ code: 'conflict' });
    // A list that would demote the last coordinator is refused as a whole: the newcomer is not invited or emailed.
    await expect(invitePeople(last, { emails: `${newcomer}\n${last.email}`, role: 'MEMBER' })).rejects.toMatchObject({ code: 'conflict' });
    expect(await db().user.findUnique({ where: { email: newcomer } })).toBeNull();
    expect(await mailTo(newcomer)).toHaveLength(0);
    expect(await db().user.findUniqueOrThrow({ where: { id: last.id } })).toMatchObject({ role: 'COORDINATOR', removedAt: null });
    expect(await auditFor(last.id)).toEqual([]);
  });

  it('can step down once another coordinator is appointed', async () => {
    const last = await onlyCoordinator();
    const next = await createPerson('DRAFTER');
    await changeRole(last, { userId: next.id, role: 'COORDINATOR' });
    await changeRole(last, { userId: last.id, role: 'MEMBER' });
    expect((await db().user.findUniqueOrThrow({ where: { id: last.id } })).role).toBe('MEMBER');
  });

  it('a demotion racing another one waits for it, so the network is never left without a coordinator', async () => {
    const a = await onlyCoordinator();
    const b = await createPerson('COORDINATOR');
    // Another request demotes b and has not committed yet.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`UPDATE "User" SET role = 'MEMBER' WHERE id = $1`, [b.id]);
      const demoteA = changeRole(b, { userId: a.id, role: 'MEMBER' }).then(() => 'demoted', (error) => error);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await other.query('COMMIT');
      expect(await demoteA).toMatchObject({ code: 'conflict' });
    } finally {
      await other.end();
    }
    expect(await db().user.findMany({ where: { role: 'COORDINATOR', removedAt: null }, select: { id: true } })).toEqual([{ id: a.id }]);
  });
});
