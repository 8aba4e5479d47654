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
  /** Names for the ids in `data` that Chorus can name (sections, responses, people…), by id. */
  names: Record<string, string>;
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
  // Ids mentioned in the events' data are looked up with the targets, by the type their key names.
  const mentioned = page.flatMap((row) => idsInData(row.data));
  const labels = await targetLabels([...page, ...mentioned]);
  return {
    events: page.map(({ targetType, targetId, ...row }) => ({
      ...row,
      target: targetType && targetId ? { type: targetType, id: targetId, label: labels.get(`${targetType}:${targetId}`) ?? null } : null,
      names: Object.fromEntries(idsInData(row.data).flatMap(({ targetType: type, targetId: id }) => (labels.has(`${type}:${id}`) ? [[id, labels.get(`${type}:${id}`)!]] : []))),
    })),
    olderCursor: rows.length > take ? page[page.length - 1].id : null,
  };
}

const dataIdTypes: Record<string, string> = {
  sectionId: 'section',
  sectionIds: 'section',
  responseId: 'response',
  userId: 'user',
  authorId: 'user',
  actorId: 'user',
  createdById: 'user',
  threadId: 'comment',
  commentId: 'comment',
  suggestionId: 'suggestion',
  caseStudyId: 'case-study',
  versionId: 'version',
};

/** The ids an event's data mentions under keys whose type is known (sectionId, threadId…). */
function idsInData(data: unknown): { targetType: string; targetId: string }[] {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
  return Object.entries(data as Record<string, unknown>).flatMap(([key, value]) => {
    const type = dataIdTypes[key];
    if (!type) return [];
    const values = Array.isArray(value) ? value : [value];
    return values.filter((id): id is string => typeof id === 'string' && id.length <= 100).map((targetId) => ({ targetType: type, targetId }));
  });
}

const shortExcerpt = (text: string, length = 60) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length);
  return `${cut.slice(0, cut.lastIndexOf(' ') > length / 2 ? cut.lastIndexOf(' ') : length)}…`;
};

/** Human names for the targets Chorus knows how to name, looked up in one query per type. */
async function targetLabels(rows: { targetType: string | null; targetId: string | null }[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(rows.filter((row) => row.targetType === type && row.targetId).map((row) => row.targetId!))];
  const labels = new Map<string, string>();
  const sectionName = (section: { number: string | null; heading: string }) => (section.number ? `${section.number}. ${section.heading}` : section.heading);
  const [comments, suggestions, caseStudies, versions] = await Promise.all([
    ids('comment').length
      ? db().comment.findMany({ where: { id: { in: ids('comment') } }, select: { id: true, body: true, withdrawnAt: true, author: { select: { name: true } }, section: { select: { number: true, heading: true } } } })
      : [],
    ids('suggestion').length
      ? db().suggestion.findMany({ where: { id: { in: ids('suggestion') } }, select: { id: true, replacement: true, author: { select: { name: true } }, section: { select: { number: true, heading: true } } } })
      : [],
    ids('case-study').length ? db().caseStudy.findMany({ where: { id: { in: ids('case-study') } }, select: { id: true, title: true } }) : [],
    ids('version').length ? db().sectionVersion.findMany({ where: { id: { in: ids('version') } }, select: { id: true, createdAt: true, section: { select: { number: true, heading: true } } } }) : [],
  ]);
  for (const comment of comments) {
    const words = comment.withdrawnAt ? '(withdrawn)' : `“${shortExcerpt(comment.body)}”`;
    labels.set(`comment:${comment.id}`, `${comment.author.name ?? 'A member'} on ${sectionName(comment.section)}: ${words}`);
  }
  for (const suggestion of suggestions) {
    labels.set(`suggestion:${suggestion.id}`, `${suggestion.author.name ?? 'A member'} on ${sectionName(suggestion.section)}: “${shortExcerpt(suggestion.replacement) || 'delete words'}”`);
  }
  for (const study of caseStudies) labels.set(`case-study:${study.id}`, study.title);
  for (const version of versions) labels.set(`version:${version.id}`, `version of ${sectionName(version.section)} of ${version.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
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
