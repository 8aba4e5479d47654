/**
 * Reading endorsements: everyone signed in sees approved signatories; coordinators see
 * every one; the person who submitted one sees it whatever its status.
 */
import 'server-only';
import { type Actor, type Caller, isOperator } from '@/lib/auth/policy';
import { findResponseBySlug } from '@/lib/consultation-form/queries';
import { canDecideEndorsements, canSeeEndorsement } from '@/lib/endorsements/policy';
import { db } from '@/lib/db';
import type { EndorsementKind, EndorsementStatus } from '@/lib/generated/prisma/enums';

export type EndorsementDto = {
  id: string;
  organisation: string;
  signatoryName: string;
  signatoryRole: string | null;
  kind: 'endorse' | 'endorse_with_reservations';
  reservations: string | null;
  status: 'pending' | 'approved' | 'declined';
  /** Shown to coordinators and the submitter only. */
  declineReason?: string | null;
  mine: boolean;
  createdAt: string;
  decidedAt: string | null;
};

export const endorsementSelect = {
  id: true, organisation: true, signatoryName: true, signatoryRole: true, kind: true, reservations: true, status: true,
  submittedById: true, declineReason: true, createdAt: true, decidedAt: true,
} as const;

type Row = {
  id: string; organisation: string; signatoryName: string; signatoryRole: string | null; kind: EndorsementKind; reservations: string | null;
  status: EndorsementStatus; submittedById: string; declineReason: string | null; createdAt: Date; decidedAt: Date | null;
};

export function toEndorsementDto(caller: Actor, row: Row): EndorsementDto {
  const privileged = isOperator(caller) || canDecideEndorsements(caller) || row.submittedById === caller.id;
  return {
    id: row.id,
    organisation: row.organisation,
    signatoryName: row.signatoryName,
    signatoryRole: row.signatoryRole,
    kind: row.kind === 'ENDORSE' ? 'endorse' : 'endorse_with_reservations',
    reservations: row.reservations,
    status: row.status.toLowerCase() as EndorsementDto['status'],
    ...(privileged ? { declineReason: row.declineReason } : {}),
    mine: !isOperator(caller) && row.submittedById === caller.id,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

/** The endorsements of the response `slug` the caller may see: pending first, then by organisation. */
export async function listEndorsements(caller: Actor, slug: string): Promise<EndorsementDto[]> {
  const response = await findResponseBySlug(slug);
  const rows = await db().endorsement.findMany({
    where: {
      responseId: response.id,
      ...(!isOperator(caller) && !canDecideEndorsements(caller) ? { OR: [{ status: 'APPROVED' as const }, { submittedById: caller.id }] } : {}),
    },
    orderBy: [{ organisation: 'asc' }, { createdAt: 'asc' }],
    select: endorsementSelect,
  });
  const rank: Record<EndorsementStatus, number> = { PENDING: 0, APPROVED: 1, DECLINED: 2 };
  return rows
    .filter((row) => canSeeEndorsement(caller, row))
    .sort((a, b) => rank[a.status] - rank[b.status])
    .map((row) => toEndorsementDto(caller, row));
}

/** The approved signatories of a response, by organisation: what the exports list. */
export async function approvedSignatories(responseId: string) {
  return db().endorsement.findMany({
    where: { responseId, status: 'APPROVED' },
    orderBy: [{ organisation: 'asc' }, { createdAt: 'asc' }],
    select: { organisation: true, signatoryName: true, signatoryRole: true, kind: true, reservations: true, decidedAt: true },
  });
}
