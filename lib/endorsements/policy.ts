/**
 * Who may do what with endorsements. Pure, no I/O.
 * - Anyone signed in may endorse on behalf of their organisation, once the response is final
 *   (before then there is no text to sign).
 * - Coordinators approve or decline signatories.
 * - Approved signatories are public to everyone signed in; pending and declined ones are
 *   seen by coordinators and by the person who submitted them.
 */
import { type Caller, hasRole, isOperator, type Operator } from '@/lib/auth/policy';
import type { EndorsementStatus, Phase } from '@/lib/generated/prisma/enums';

/** Why endorsing is refused now, or null when it is allowed. */
export function endorsementRefusal(response: { phase: Phase }): string | null {
  return response.phase === 'FINAL' ? null : 'Organisations can endorse the response once it is final: the coordinator marks it final when the text is settled.';
}

export function canDecideEndorsements(caller: Pick<Caller, 'role'>): boolean {
  return hasRole(caller.role, 'COORDINATOR');
}

export function canSeeEndorsement(caller: Pick<Caller, 'id' | 'role'> | Operator, endorsement: { status: EndorsementStatus; submittedById: string }): boolean {
  return isOperator(caller) || endorsement.status === 'APPROVED' || endorsement.submittedById === caller.id || canDecideEndorsements(caller);
}

/** Organisation names compared as people write them: case, spacing and "the" do not matter. */
export function organisationKey(name: string): string {
  return name.toLowerCase().normalize('NFKC').replace(/[’']/g, "'").replace(/^the\s+/, '').replace(/[^\p{L}\p{N}']+/gu, ' ').trim();
}
