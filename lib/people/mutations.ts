/**
 * Managing the network's people: invitations, roles, removal. Coordinators only (the
 * operator CLI acts as the system, with a null actor in the audit log).
 */
import 'server-only';
import { recordAudit } from '@/lib/audit';
import { can, type Caller } from '@/lib/auth/policy';
import { db } from '@/lib/db';
import { AppError, forbidden, notFound, parseInput } from '@/lib/errors';
import type { Role } from '@/lib/generated/prisma/enums';
import { changeRoleSchema, inviteSchema, parseInviteList, profileSchema, removePersonSchema } from '@/lib/people/schemas';

/** A coordinator, or the operator at the command line (null). */
export type PeopleActor = Caller | null;

function assertCanManage(actor: PeopleActor) {
  if (actor && !can(actor, 'people:manage')) throw forbidden('Only coordinators can manage people');
}

export type InviteResult = { invited: string[]; updated: string[] };

/**
 * Invites each address with `role`. An address already in the network gets the role (and
 * is re-admitted if it had been removed). Nothing is written if any address is invalid.
 */
export async function invitePeople(actor: PeopleActor, input: unknown): Promise<InviteResult> {
  assertCanManage(actor);
  const { emails, name, role } = parseInput(inviteSchema, input);
  const { entries, invalid } = parseInviteList(emails);
  if (invalid.length) {
    throw new AppError('bad_request', `Not valid email addresses: ${invalid.join(', ')}`, { fields: { emails: `Not valid: ${invalid.join(', ')}` } });
  }
  if (!entries.length) throw new AppError('bad_request', 'Enter at least one email address', { fields: { emails: 'Enter at least one email address' } });
  if (entries.length === 1 && name) entries[0].name = name;
  const actorId = actor?.id ?? null;
  return db().$transaction(async (tx) => {
    const result: InviteResult = { invited: [], updated: [] };
    for (const entry of entries) {
      const existing = await tx.user.findUnique({ where: { email: entry.email }, select: { id: true, role: true, removedAt: true, name: true } });
      if (existing) {
        await tx.user.update({
          where: { id: existing.id },
          data: { role, removedAt: null, name: existing.name ?? entry.name },
        });
        await recordAudit(tx, { actorId, action: existing.removedAt ? 'person.readmit' : 'person.role-change', targetType: 'user', targetId: existing.id, data: { from: existing.role, to: role } });
        result.updated.push(entry.email);
      } else {
        const user = await tx.user.create({ data: { email: entry.email, name: entry.name, role, invitedById: actorId } });
        await recordAudit(tx, { actorId, action: 'person.invite', targetType: 'user', targetId: user.id, data: { email: entry.email, role } });
        result.invited.push(entry.email);
      }
    }
    return result;
  });
}

export async function changeRole(actor: PeopleActor, input: unknown): Promise<void> {
  assertCanManage(actor);
  const { userId, role } = parseInput(changeRoleSchema, input);
  await db().$transaction(async (tx) => {
    const person = await tx.user.findUnique({ where: { id: userId }, select: { role: true, removedAt: true } });
    if (!person || person.removedAt) throw notFound('That person');
    if (person.role === role) return;
    if (person.role === 'COORDINATOR' && role !== 'COORDINATOR') await assertAnotherCoordinator(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { role: role as Role } });
    await recordAudit(tx, { actorId: actor?.id ?? null, action: 'person.role-change', targetType: 'user', targetId: userId, data: { from: person.role, to: role } });
  });
}

async function assertAnotherCoordinator(tx: Parameters<Parameters<ReturnType<typeof db>['$transaction']>[0]>[0], userId: string) {
  const others = await tx.user.count({ where: { role: 'COORDINATOR', removedAt: null, id: { not: userId } } });
  if (!others) throw new AppError('conflict', 'The network needs at least one coordinator: appoint another one first');
}

/**
 * Removes a person: they can no longer sign in, and their sessions and API tokens end at
 * once. Their contributions stay, credited to them.
 */
export async function removePerson(actor: PeopleActor, input: unknown): Promise<void> {
  assertCanManage(actor);
  const { userId } = parseInput(removePersonSchema, input);
  await db().$transaction(async (tx) => {
    const person = await tx.user.findUnique({ where: { id: userId }, select: { role: true, removedAt: true } });
    if (!person || person.removedAt) throw notFound('That person');
    if (person.role === 'COORDINATOR') await assertAnotherCoordinator(tx, userId);
    const now = new Date();
    await tx.user.update({ where: { id: userId }, data: { removedAt: now } });
    await tx.session.deleteMany({ where: { userId } });
    await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
    await recordAudit(tx, { actorId: actor?.id ?? null, action: 'person.remove', targetType: 'user', targetId: userId });
  });
}

export async function updateProfile(caller: Caller, input: unknown): Promise<void> {
  const { name, notifyByEmail } = parseInput(profileSchema, input);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: caller.id }, data: { name, ...(notifyByEmail === undefined ? {} : { notifyByEmail }) } });
    await recordAudit(tx, { actorId: caller.id, action: 'person.profile-update', targetType: 'user', targetId: caller.id });
  });
}
