/**
 * Agreeing with a comment or a suggestion: one agreement per person and item, taken back
 * by setting withdrawnAt (and given again by clearing it), so the history stays.
 */
import 'server-only';
import { recordAudit } from '@/lib/audit';
import type { Caller } from '@/lib/auth/policy';
import { db, type Tx } from '@/lib/db';
import { AppError, forbidden, notFound } from '@/lib/errors';
import { isUniqueViolation } from '@/lib/feedback/idempotency';
import { assertOpenForFeedback, mayAgreeWith } from '@/lib/feedback/policy';
import type { AgreementState } from '@/lib/feedback/types';
import type { Phase } from '@/lib/generated/prisma/enums';

export type AgreementTarget = { kind: 'comment' | 'suggestion'; id: string };

type TargetFacts = { authorId: string; phase: Phase; withdrawn: boolean; status: string };

async function loadTarget(target: AgreementTarget): Promise<TargetFacts> {
  const rows =
    target.kind === 'comment'
      ? await db().$queryRaw<TargetFacts[]>`
          select t."authorId", r.phase::text as phase, t."withdrawnAt" is not null as withdrawn, t.status::text as status
          from "Comment" t join "Section" s on s.id = t."sectionId" join "Response" r on r.id = s."responseId"
          where t.id = ${target.id}`
      : await db().$queryRaw<TargetFacts[]>`
          select t."authorId", r.phase::text as phase, t.status = 'WITHDRAWN' as withdrawn, t.status::text as status
          from "Suggestion" t join "Section" s on s.id = t."sectionId" join "Response" r on r.id = s."responseId"
          where t.id = ${target.id}`;
  if (!rows[0]) throw notFound(target.kind === 'comment' ? 'That comment' : 'That suggestion');
  return rows[0];
}

function where(caller: Caller, target: AgreementTarget) {
  return target.kind === 'comment'
    ? { userId_commentId: { userId: caller.id, commentId: target.id } }
    : { userId_suggestionId: { userId: caller.id, suggestionId: target.id } };
}

async function countAgreements(tx: Tx, target: AgreementTarget): Promise<number> {
  return tx.agreement.count({ where: { ...(target.kind === 'comment' ? { commentId: target.id } : { suggestionId: target.id }), withdrawnAt: null } });
}

/** Agrees with someone else's comment or open suggestion, while the response is open for comment. */
export async function agree(caller: Caller, target: AgreementTarget): Promise<AgreementState> {
  const facts = await loadTarget(target);
  if (!mayAgreeWith(caller, facts)) throw forbidden(`You cannot agree with your own ${target.kind}`);
  if (facts.withdrawn) throw new AppError('conflict', `This ${target.kind} was withdrawn`);
  if (target.kind === 'suggestion' && facts.status !== 'OPEN') throw new AppError('conflict', `This suggestion has already been ${facts.status.toLowerCase()}`);
  assertOpenForFeedback(caller, facts.phase);
  const attempt = () => db().$transaction(async (tx) => {
    const existing = await tx.agreement.findUnique({ where: where(caller, target), select: { id: true, withdrawnAt: true } });
    if (!existing || existing.withdrawnAt) {
      const agreement = existing
        ? await tx.agreement.update({ where: { id: existing.id }, data: { withdrawnAt: null }, select: { id: true } })
        : await tx.agreement.create({
            data: { userId: caller.id, ...(target.kind === 'comment' ? { commentId: target.id } : { suggestionId: target.id }) },
            select: { id: true },
          });
      await recordAudit(tx, { actorId: caller.id, action: 'agreement.create', targetType: target.kind, targetId: target.id, data: { agreementId: agreement.id } });
    }
    return { agreed: true, agreeCount: await countAgreements(tx, target) };
  });
  try {
    return await attempt();
  } catch (error) {
    // A double click raced: the other request created the agreement; this one now finds it.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}

/** Takes back the caller's agreement (in any phase). Taking back twice changes nothing. */
export async function withdrawAgreement(caller: Caller, target: AgreementTarget): Promise<AgreementState> {
  await loadTarget(target);
  return db().$transaction(async (tx) => {
    const existing = await tx.agreement.findUnique({ where: where(caller, target), select: { id: true, withdrawnAt: true } });
    if (existing && !existing.withdrawnAt) {
      await tx.agreement.update({ where: { id: existing.id }, data: { withdrawnAt: new Date() } });
      await recordAudit(tx, { actorId: caller.id, action: 'agreement.withdraw', targetType: target.kind, targetId: target.id, data: { agreementId: existing.id } });
    }
    return { agreed: false, agreeCount: await countAgreements(tx, target) };
  });
}
