import { describe, expect, it } from 'vitest';
import { createApiToken } from '@/lib/auth/tokens';
import { db } from '@/lib/db';
import { changeRole } from '@/lib/people/mutations';
import { listAuditEvents } from '@/lib/people/queries';
import { createPerson, createResponse } from '@/tests/support/factories';

describe('[AUDIT] the audit log for coordinators', () => {
  it('only coordinators can read it', async () => {
    for (const role of ['MEMBER', 'DRAFTER'] as const) {
      await expect(listAuditEvents(await createPerson(role))).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    }
  });

  it('shows newest first who did what to whom, naming people, responses and tokens', async () => {
    const coordinator = await createPerson('COORDINATOR', { name: 'Cora' });
    const person = await createPerson('MEMBER', { name: 'Mina' });
    await changeRole(coordinator, { userId: person.id, role: 'DRAFTER' });
    const { summary } = await createApiToken(person, person.id, { name: 'Mina script' });
    const { response } = await createResponse();
    await db().auditEvent.create({ data: { actorId: null, action: 'demo.load', targetType: 'response', targetId: response.id } });

    const { events } = await listAuditEvents(coordinator, { take: 3 });
    expect(events.map((e) => e.action)).toEqual(['demo.load', 'token.create', 'person.role-change']);
    expect(events[0]).toMatchObject({ actor: null, target: { type: 'response', id: response.id, label: 'Test response' } });
    expect(events[1]).toMatchObject({ actor: { name: 'Mina', email: person.email }, target: { type: 'apiToken', id: summary.id, label: `Mina script (${summary.prefix}…)` } });
    expect(events[2]).toMatchObject({
      actor: { name: 'Cora', email: coordinator.email },
      target: { type: 'user', id: person.id, label: `Mina (${person.email})` },
      data: { from: 'MEMBER', to: 'DRAFTER' },
      createdAt: expect.any(Date),
    });
    // Only whitelisted fields leave the server.
    expect(Object.keys(events[2]).sort()).toEqual(['action', 'actor', 'createdAt', 'data', 'id', 'names', 'target']);
    expect(Object.keys(events[2].actor!).sort()).toEqual(['email', 'name']);
  });

  it('pages through older events with a cursor, missing none and repeating none, even with equal timestamps', async () => {
    const coordinator = await createPerson('COORDINATOR');
    // Seven events at the very same instant, among others.
    const instant = new Date(Date.now() + 60_000);
    await db().auditEvent.createMany({ data: Array.from({ length: 7 }, (_, i) => ({ actorId: coordinator.id, action: `test.same-${i}`, createdAt: instant })) });
    await db().auditEvent.create({ data: { actorId: coordinator.id, action: 'test.newest', createdAt: new Date(instant.getTime() + 1000) } });
    const total = await db().auditEvent.count();

    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    do {
      const page = await listAuditEvents(coordinator, { before, take: 3 });
      seen.push(...page.events.map((e) => e.id));
      expect(page.events.length).toBeLessThanOrEqual(3);
      before = page.olderCursor ?? undefined;
      pages += 1;
    } while (before && pages < 100);

    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 3));
    const first = await listAuditEvents(coordinator, { take: 1 });
    expect(first.events[0].action).toBe('test.newest');
  });

  it('gives an empty last page for an unknown cursor', async () => {
    const coordinator = await createPerson('COORDINATOR');
    expect(await listAuditEvents(coordinator, { before: 'no-such-event' })).toEqual({ events: [], olderCursor: null });
  });
});
