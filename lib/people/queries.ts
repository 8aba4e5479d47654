import 'server-only';
import { can, type Caller } from '@/lib/auth/policy';
import { db } from '@/lib/db';
import { forbidden } from '@/lib/errors';
import type { Role } from '@/lib/generated/prisma/enums';

/** invited: has not signed in yet; active: has signed in; removed: can no longer sign in. */
export type PersonStatus = 'invited' | 'active' | 'removed';

export type PersonRow = { id: string; email: string; name: string | null; role: Role; status: PersonStatus; invitedAt: Date; removedAt: Date | null };

/** Everyone in the network, current people first. Coordinators only (it shows addresses). */
export async function listPeople(caller: Caller): Promise<PersonRow[]> {
  if (!can(caller, 'people:manage')) throw forbidden('Only coordinators can see the list of people');
  const rows = await db().user.findMany({
    orderBy: [{ removedAt: { sort: 'asc', nulls: 'first' } }, { name: { sort: 'asc', nulls: 'last' } }, { email: 'asc' }],
    select: { id: true, email: true, name: true, role: true, invitedAt: true, removedAt: true, emailVerified: true },
  });
  return rows.map(({ emailVerified, ...row }) => ({
    ...row,
    status: row.removedAt ? 'removed' : emailVerified ? 'active' : 'invited',
  }));
}

export type AuditRow = {
  id: string;
  action: string;
  createdAt: Date;
  actor: { name: string | null; email: string } | null;
  /** What the event was about; `label` names it when Chorus can (a person, a response, a token). */
  target: { type: string; id: string; label: string | null } | null;
  data: unknown;
};

export type AuditPage = { events: AuditRow[]; /** Pass as `before` for the next, older page; null on the last page. */ olderCursor: string | null };

/**
 * The audit log, newest first, one page at a time. `before` is the id of the last event of
 * the previous page; events with the same timestamp are ordered by id, so none is skipped
 * or repeated between pages. An unknown cursor gives an empty page.
 */
export async function listAuditEvents(caller: Caller, options: { before?: string; take?: number } = {}): Promise<AuditPage> {
  if (!can(caller, 'audit:read')) throw forbidden('Only coordinators can read the audit log');
  const take = Math.max(1, Math.min(options.take ?? 50, 200));
  let where = {};
  if (options.before) {
    const cursor = await db().auditEvent.findUnique({ where: { id: options.before }, select: { id: true, createdAt: true } });
    if (!cursor) return { events: [], olderCursor: null };
    where = { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] };
  }
  const rows = await db().auditEvent.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: take + 1,
    select: { id: true, action: true, targetType: true, targetId: true, data: true, createdAt: true, actor: { select: { name: true, email: true } } },
  });
  const page = rows.slice(0, take);
  const labels = await targetLabels(page);
  return {
    events: page.map(({ targetType, targetId, ...row }) => ({
      ...row,
      target: targetType && targetId ? { type: targetType, id: targetId, label: labels.get(`${targetType}:${targetId}`) ?? null } : null,
    })),
    olderCursor: rows.length > take ? page[page.length - 1].id : null,
  };
}

/** Human names for the targets Chorus knows how to name, looked up in one query per type. */
async function targetLabels(rows: { targetType: string | null; targetId: string | null }[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(rows.filter((row) => row.targetType === type && row.targetId).map((row) => row.targetId!))];
  const labels = new Map<string, string>();
  const [users, responses, sections, tokens] = await Promise.all([
    ids('user').length ? db().user.findMany({ where: { id: { in: ids('user') } }, select: { id: true, name: true, email: true } }) : [],
    ids('response').length ? db().response.findMany({ where: { id: { in: ids('response') } }, select: { id: true, title: true } }) : [],
    ids('section').length ? db().section.findMany({ where: { id: { in: ids('section') } }, select: { id: true, number: true, heading: true } }) : [],
    ids('apiToken').length ? db().apiToken.findMany({ where: { id: { in: ids('apiToken') } }, select: { id: true, name: true, prefix: true } }) : [],
  ]);
  for (const user of users) labels.set(`user:${user.id}`, user.name ? `${user.name} (${user.email})` : user.email);
  for (const response of responses) labels.set(`response:${response.id}`, response.title);
  for (const section of sections) labels.set(`section:${section.id}`, section.number ? `${section.number}. ${section.heading}` : section.heading);
  for (const token of tokens) labels.set(`apiToken:${token.id}`, `${token.name} (${token.prefix}…)`);
  return labels;
}

export async function getProfile(caller: Caller): Promise<{ email: string; name: string | null; notifyByEmail: boolean; emailFrequency: 'IMMEDIATE' | 'DAILY' | 'WEEKLY' }> {
  const user = await db().user.findUniqueOrThrow({ where: { id: caller.id }, select: { email: true, name: true, notifyByEmail: true, emailFrequency: true } });
  return user;
}
