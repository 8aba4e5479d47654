import 'server-only';
import { can, type Caller } from '@/lib/auth/policy';
import { db } from '@/lib/db';
import { forbidden } from '@/lib/errors';
import type { Role } from '@/lib/generated/prisma/enums';

export type PersonRow = { id: string; email: string; name: string | null; role: Role; invitedAt: Date; removedAt: Date | null; signedIn: boolean };

/** Everyone in the network, current people first. Coordinators only (it shows addresses). */
export async function listPeople(caller: Caller): Promise<PersonRow[]> {
  if (!can(caller, 'people:manage')) throw forbidden('Only coordinators can see the list of people');
  const rows = await db().user.findMany({
    orderBy: [{ removedAt: { sort: 'asc', nulls: 'first' } }, { name: 'asc' }, { email: 'asc' }],
    select: { id: true, email: true, name: true, role: true, invitedAt: true, removedAt: true, emailVerified: true },
  });
  return rows.map(({ emailVerified, ...row }) => ({ ...row, signedIn: Boolean(emailVerified) }));
}

export type AuditRow = { id: string; action: string; targetType: string | null; targetId: string | null; data: unknown; createdAt: Date; actor: { name: string | null; email: string } | null };

export async function listAuditEvents(caller: Caller, options: { before?: Date; take?: number } = {}): Promise<AuditRow[]> {
  if (!can(caller, 'audit:read')) throw forbidden('Only coordinators can read the audit log');
  return db().auditEvent.findMany({
    where: options.before ? { createdAt: { lt: options.before } } : {},
    orderBy: { createdAt: 'desc' },
    take: Math.min(options.take ?? 100, 500),
    select: { id: true, action: true, targetType: true, targetId: true, data: true, createdAt: true, actor: { select: { name: true, email: true } } },
  });
}

export async function getProfile(caller: Caller): Promise<{ email: string; name: string | null; notifyByEmail: boolean }> {
  const user = await db().user.findUniqueOrThrow({ where: { id: caller.id }, select: { email: true, name: true, notifyByEmail: true } });
  return user;
}
