/** Who may do what with a suggestion. Pure. */
import { can, type Caller } from '@/lib/auth/policy';

/** Drafters and coordinators accept or decline suggestions. */
export function mayDecideSuggestion(caller: Pick<Caller, 'role'>): boolean {
  return can(caller, 'suggestion:decide');
}

/** Its author may withdraw a suggestion until it is decided. */
export function mayWithdrawSuggestion(caller: Pick<Caller, 'id'>, suggestion: { authorId: string; status: string }): boolean {
  return caller.id === suggestion.authorId && suggestion.status === 'OPEN';
}
