/**
 * Agreeing with a comment or a suggestion: one agreement per person and item, taken back
 * by setting withdrawnAt (and given again by clearing it), so the history stays.
 */
import 'server-only';
import type { Caller } from '@/lib/auth/policy';
import { db, sql } from '@/lib/db';
import { newId } from '@/lib/db/ids';
import { AppError, forbidden, notFound } from '@/lib/errors';
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

/**
 * Agreeing and taking back are one statement each after the target is read: the change of
 * the person's agreement (only if it changes anything), its audit event and the count. A
 * statement sees the table as it was when it started, so the count adds the change it makes.
 */
const agreementColumn = { comment: '"commentId"', suggestion: '"suggestionId"' } as const;

/** Agrees with someone else's comment or open suggestion, while the response is open for comment. */
export async function agree(caller: Caller, target: AgreementTarget): Promise<AgreementState> {
  const facts = await loadTarget(target);
  if (!mayAgreeWith(caller, facts)) throw forbidden(`You cannot agree with your own ${target.kind}`);
  if (facts.withdrawn) throw new AppError('conflict', `This ${target.kind} was withdrawn`);
  if (target.kind === 'suggestion' && facts.status !== 'OPEN') throw new AppError('conflict', `This suggestion has already been ${facts.status.toLowerCase()}`);
  assertOpenForFeedback(caller, facts.phase);
  const column = agreementColumn[target.kind];
  const now = new Date().toISOString();
  // The unique (userId, commentId|suggestionId) key settles a double click: the second
  // request finds the agreement in place and changes nothing.
  const [row] = await sql<{ agreeCount: number }>(
    `with changed as (
       insert into "Agreement" (id, "userId", ${column}, "createdAt") values ($1, $2, $3, $4::timestamp(3))
       on conflict ("userId", ${column}) do update set "withdrawnAt" = null where "Agreement"."withdrawnAt" is not null
       returning id
     ), audited as (
       insert into "AuditEvent" (id, "actorId", action, "targetType", "targetId", data, "createdAt")
       select $5, $2, 'agreement.create', $6, $3, jsonb_build_object('agreementId', changed.id), $4::timestamp(3) from changed
     )
     select ((select count(*) from "Agreement" where ${column} = $3 and "withdrawnAt" is null) + (select count(*) from changed))::int as "agreeCount"`,
    [newId(), caller.id, target.id, now, newId(), target.kind],
    { prepare: `chorus_agree_${target.kind}` },
  );
  return { agreed: true, agreeCount: row.agreeCount };
}

/** Takes back the caller's agreement (in any phase). Taking back twice changes nothing. */
export async function withdrawAgreement(caller: Caller, target: AgreementTarget): Promise<AgreementState> {
  await loadTarget(target);
  const column = agreementColumn[target.kind];
  const now = new Date().toISOString();
  const [row] = await sql<{ agreeCount: number }>(
    `with changed as (
       update "Agreement" set "withdrawnAt" = $3::timestamp(3)
       where "userId" = $1 and ${column} = $2 and "withdrawnAt" is null
       returning id
     ), audited as (
       insert into "AuditEvent" (id, "actorId", action, "targetType", "targetId", data, "createdAt")
       select $4, $1, 'agreement.withdraw', $5, $2, jsonb_build_object('agreementId', changed.id), $3::timestamp(3) from changed
     )
     select ((select count(*) from "Agreement" where ${column} = $2 and "withdrawnAt" is null) - (select count(*) from changed))::int as "agreeCount"`,
    [caller.id, target.id, now, newId(), target.kind],
  );
  return { agreed: false, agreeCount: row.agreeCount };
}
