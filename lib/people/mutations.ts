/**
 * Managing the network's people: invitations, roles, removal. Coordinators only (the
 * operator CLI acts as the system, with a null actor in the audit log).
 *
 * The network must always keep at least one coordinator: demoting or removing the last
 * one is refused. Coordinators' rows are locked while that is checked, so two coordinators
 * demoting each other at the same moment cannot both succeed.
 */
import 'server-only';
import { recordAudit, recordAudits } from '@/lib/audit';
import { announceAccessChange } from '@/lib/auth/access-changes';
import { revokeReplyTokens } from '@/lib/email-replies/tokens';
import { actorIdOf, can, isOperator, roleLabels, type Actor, type Caller } from '@/lib/auth/policy';
import { db, Prisma, type Tx } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError, forbidden, isUniqueViolation, notFound, parseInput } from '@/lib/errors';
import type { Role } from '@/lib/generated/prisma/enums';
import { sendMail } from '@/lib/mail';
import { changeRoleSchema, inviteSchema, parseInviteList, profileSchema, removePersonSchema } from '@/lib/people/schemas';

/** A coordinator, or the operator at the command line (null). */
export type PeopleActor = Actor;

function assertCanManage(actor: PeopleActor) {
  if (!can(actor, 'people:manage')) throw forbidden('Only coordinators can manage people');
}

/**
 * Refuses to take coordinator rights from `userId` unless another current coordinator
 * remains. Locks the coordinators' rows until the transaction ends; under READ COMMITTED a
 * waiting transaction re-reads the locked rows, so it sees a concurrent demotion.
 */
async function assertAnotherCoordinator(tx: Tx, userId: string) {
  const coordinators = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "User" WHERE role = 'COORDINATOR' AND "removedAt" IS NULL ORDER BY id FOR UPDATE`;
  if (!coordinators.some((row) => row.id !== userId)) {
    throw new AppError('conflict', 'The network needs at least one coordinator: make someone else a coordinator first');
  }
}

export type InviteResult = {
  /** Addresses new to the network. */
  invited: string[];
  /** Addresses already known whose role changed, or who had been removed and are back. */
  updated: string[];
  /** Addresses already in the network with that role: nothing to do. */
  unchanged: string[];
  /** Addresses whose invitation email could not be sent (they are invited all the same). */
  notEmailed: string[];
};

/**
 * Invites each address with `role`. An address already in the network gets the role (and
 * is re-admitted if it had been removed). Nothing is written if any address is invalid.
 * New and re-admitted people are emailed once the invitations are committed.
 */
export async function invitePeople(actor: PeopleActor, input: unknown): Promise<InviteResult> {
  assertCanManage(actor);
  const { emails, name, role } = parseInput(inviteSchema, input);
  const { entries, invalid } = parseInviteList(emails);
  if (invalid.length) {
    const list = invalid.slice(0, 10).join(', ') + (invalid.length > 10 ? ` and ${invalid.length - 10} more` : '');
    const message = `${invalid.length === 1 ? 'This is not a valid email address' : 'These are not valid email addresses'}: ${list}. Nobody was invited.`;
    throw new AppError('bad_request', message, { fields: { emails: message } });
  }
  if (!entries.length) throw new AppError('bad_request', 'Enter at least one email address', { fields: { emails: 'Enter at least one email address' } });
  if (entries.length === 1 && name) entries[0].name = name;
  const actorId = actorIdOf(actor);
  const welcome: string[] = [];
  let result: InviteResult;
  try {
    // A pasted list may hold the whole network (over a thousand addresses): new people are
    // created in one statement, and the transaction is given time to finish.
    result = await db().$transaction(
      async (tx) => {
        const outcome: InviteResult = { invited: [], updated: [], unchanged: [], notEmailed: [] };
        const known = await tx.user.findMany({
          where: { email: { in: entries.map((entry) => entry.email) } },
          select: { id: true, email: true, role: true, removedAt: true, name: true },
        });
        const byEmail = new Map(known.map((user) => [user.email, user]));
        const fresh = entries.filter((entry) => !byEmail.has(entry.email));
        if (fresh.length) {
          const created = await tx.user.createManyAndReturn({
            data: fresh.map((entry) => ({ email: entry.email, name: entry.name, role, invitedById: actorId })),
            select: { id: true, email: true },
          });
          await recordAudits(tx, created.map((user) => ({ actorId, action: 'person.invite', targetType: 'user', targetId: user.id, data: { email: user.email, role } })));
          outcome.invited = fresh.map((entry) => entry.email);
          welcome.push(...outcome.invited);
        }
        for (const entry of entries) {
          const existing = byEmail.get(entry.email);
          if (!existing) continue;
          if (existing.removedAt) {
            await tx.user.update({ where: { id: existing.id }, data: { role, removedAt: null, invitedAt: new Date(), invitedById: actorId, name: existing.name ?? entry.name } });
            await recordAudit(tx, { actorId, action: 'person.readmit', targetType: 'user', targetId: existing.id, data: { from: existing.role, to: role } });
            outcome.updated.push(entry.email);
            welcome.push(entry.email);
          } else if (existing.role !== role) {
            if (existing.role === 'COORDINATOR') await assertAnotherCoordinator(tx, existing.id);
            await tx.user.update({ where: { id: existing.id }, data: { role, name: existing.name ?? entry.name } });
            await recordAudit(tx, { actorId, action: 'person.role-change', targetType: 'user', targetId: existing.id, data: { from: existing.role, to: role } });
            await announceAccessChange(tx, { userId: existing.id });
            outcome.updated.push(entry.email);
          } else {
            outcome.unchanged.push(entry.email);
          }
        }
        return outcome;
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  } catch (error) {
    // Someone else invited one of these addresses at the same moment.
    if (isUniqueViolation(error)) {
      throw new AppError('conflict', 'Someone else has just invited one of these addresses. Try again: nothing was changed.');
    }
    throw error;
  }
  // Only after the commit: an email must never announce an invitation that was rolled back.
  result.notEmailed = await sendInvitations(welcome, role, actor);
  return result;
}

/** Emails each address its invitation, a few at a time; returns the addresses that failed. */
async function sendInvitations(emails: string[], role: Role, actor: PeopleActor): Promise<string[]> {
  const signInUrl = new URL('/sign-in', env().NEXTAUTH_URL).toString();
  const inviter = isOperator(actor) ? 'A coordinator' : actor.name ? `${actor.name} (${actor.email})` : actor.email;
  const failed: string[] = [];
  const queue = [...emails];
  const worker = async () => {
    for (let email = queue.shift(); email; email = queue.shift()) {
      try {
        await sendMail({
          to: email,
          subject: 'You are invited to Chorus',
          text: [
            `${inviter} has invited you to Chorus, where the network writes its consultation responses together.`,
            `Your role: ${roleLabels[role]}.`,
            `Sign in at ${signInUrl} with this address (${email}). Chorus will email you a sign-in link; there is no password.`,
          ].join('\n\n'),
        });
      } catch (error) {
        console.error(`[people] could not email the invitation to ${email}:`, (error as Error).message);
        failed.push(email);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, emails.length) }, worker));
  return failed;
}

export async function changeRole(actor: PeopleActor, input: unknown): Promise<void> {
  assertCanManage(actor);
  const { userId, role } = parseInput(changeRoleSchema, input);
  await db().$transaction(async (tx) => {
    const person = await tx.user.findUnique({ where: { id: userId }, select: { role: true, removedAt: true } });
    if (!person || person.removedAt) throw notFound('That person');
    if (person.role === role) return;
    if (person.role === 'COORDINATOR') await assertAnotherCoordinator(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { role } });
    await announceAccessChange(tx, { userId });
    await recordAudit(tx, { actorId: actorIdOf(actor), action: 'person.role-change', targetType: 'user', targetId: userId, data: { from: person.role, to: role } });
  });
}

/**
 * Removes a person: they can no longer sign in, and their sessions and API tokens end at
 * once. Their contributions stay, credited to them. Inviting the address again re-admits them.
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
    const sessions = await tx.session.deleteMany({ where: { userId } });
    const tokens = await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
    await revokeReplyTokens(tx, userId, now);
    await announceAccessChange(tx, { userId });
    await recordAudit(tx, { actorId: actorIdOf(actor), action: 'person.remove', targetType: 'user', targetId: userId, data: { role: person.role, sessionsEnded: sessions.count, tokensRevoked: tokens.count } });
  });
}

export async function updateProfile(caller: Caller, input: unknown): Promise<void> {
  const { name, notifyByEmail, emailFrequency } = parseInput(profileSchema, input);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: caller.id }, data: { name, ...(notifyByEmail === undefined ? {} : { notifyByEmail }), ...(emailFrequency ? { emailFrequency } : {}) } });
    await recordAudit(tx, { actorId: caller.id, action: 'person.profile-update', targetType: 'user', targetId: caller.id });
  });
}
