/**
 * Endorsing the final response on behalf of an organisation, and coordinators approving
 * or declining signatories. Each function parses its input with the schemas the page's
 * forms use, checks the caller itself and records an audit event in the same
 * transaction; the person who submitted an endorsement hears of the decision in the app
 * and by email.
 */
import 'server-only';
import { recordAudit } from '@/lib/audit';
import type { Caller } from '@/lib/auth/policy';
import { findResponseBySlug } from '@/lib/consultation-form/queries';
import { canDecideEndorsements, endorsementRefusal, organisationKey } from '@/lib/endorsements/policy';
import { endorsementSelect, toEndorsementDto, type EndorsementDto } from '@/lib/endorsements/queries';
import { endorsementDecisionSchema, endorsementSchema } from '@/lib/endorsements/schemas';
import { db } from '@/lib/db';
import { AppError, forbidden, notFound, parseInput } from '@/lib/errors';
import { afterResponse } from '@/lib/http/after-response';
import { createNotifications, emailNotices, type Notice } from '@/lib/notifications/mutations';
import { lockKey } from '@/lib/db/locks';

/**
 * An organisation endorses the response `slug` (any member, once it is final). It waits
 * for a coordinator's approval before the exports list it. One pending or approved
 * endorsement per organisation: a second is refused (409) whoever sends it.
 */
export async function createEndorsement(caller: Caller, slug: string, input: unknown): Promise<EndorsementDto> {
  const data = parseInput(endorsementSchema, input);
  const response = await findResponseBySlug(slug);
  const refusal = endorsementRefusal(response);
  if (refusal) throw new AppError('closed', refusal);
  return db().$transaction(async (tx) => {
    await lockKey(tx, `endorsements:${response.id}`);
    const others = await tx.endorsement.findMany({ where: { responseId: response.id, status: { in: ['PENDING', 'APPROVED'] } }, select: { organisation: true } });
    const key = organisationKey(data.organisation);
    if (others.some((other) => organisationKey(other.organisation) === key)) {
      throw new AppError('conflict', `${data.organisation} has already endorsed this response (or is waiting for a coordinator to approve it)`, {
        fields: { organisation: `${data.organisation} has already endorsed this response` },
      });
    }
    const row = await tx.endorsement.create({
      data: {
        responseId: response.id,
        organisation: data.organisation,
        signatoryName: data.signatoryName,
        signatoryRole: data.signatoryRole,
        kind: data.kind === 'endorse' ? 'ENDORSE' : 'ENDORSE_WITH_RESERVATIONS',
        reservations: data.reservations,
        submittedById: caller.id,
      },
      select: endorsementSelect,
    });
    await recordAudit(tx, {
      actorId: caller.id,
      action: 'endorsement.create',
      targetType: 'endorsement',
      targetId: row.id,
      data: { responseId: response.id, organisation: row.organisation, kind: data.kind },
    });
    return toEndorsementDto(caller, row);
  });
}

/**
 * A coordinator approves a signatory (the exports list it, reservations in the annex) or
 * declines it (with an optional reason for the person who submitted it). A decision can
 * be changed later; the audit log keeps each one.
 */
export async function decideEndorsement(caller: Caller, id: string, input: unknown): Promise<EndorsementDto> {
  if (!canDecideEndorsements(caller)) throw forbidden('Only coordinators approve or decline signatories');
  const { decision, reason } = parseInput(endorsementDecisionSchema, input);
  const existing = await db().endorsement.findUnique({ where: { id }, select: { id: true, responseId: true, organisation: true, submittedById: true, response: { select: { slug: true, title: true } } } });
  if (!existing) throw notFound('That endorsement');
  const notice: Notice = {
    userId: existing.submittedById,
    kind: `endorsement.${decision === 'approve' ? 'approved' : 'declined'}`,
    title: decision === 'approve' ? `${existing.organisation} is a signatory of “${existing.response.title}”` : `${existing.organisation}’s endorsement of “${existing.response.title}” was declined`,
    body:
      decision === 'approve'
        ? `A coordinator approved ${existing.organisation}’s endorsement: the submission lists it among the signatories.`
        : `A coordinator declined ${existing.organisation}’s endorsement.${reason ? ` Their reason: ${reason}` : ''}`,
    link: `/responses/${existing.response.slug}/endorsements`,
  };
  const row = await db().$transaction(async (tx) => {
    const updated = await tx.endorsement.update({
      where: { id },
      data: { status: decision === 'approve' ? 'APPROVED' : 'DECLINED', decidedById: caller.id, decidedAt: new Date(), declineReason: decision === 'decline' ? reason : null },
      select: endorsementSelect,
    });
    await recordAudit(tx, {
      actorId: caller.id,
      action: `endorsement.${decision}`,
      targetType: 'endorsement',
      targetId: id,
      data: { responseId: existing.responseId, organisation: existing.organisation, ...(reason ? { reason } : {}) },
    });
    if (existing.submittedById !== caller.id) await createNotifications(tx, [notice]);
    return updated;
  });
  if (existing.submittedById !== caller.id) await afterResponse(() => emailNotices([notice]));
  return toEndorsementDto(caller, row);
}
