/**
 * Who may do what with a response's consultation form. Pure, no I/O.
 * Everyone signed in reads the questions and how each is answered; coordinators enter,
 * change, order and remove questions and say which sections answer them.
 */
import { hasRole, type Caller } from '@/lib/auth/policy';

export function canManageQuestions(caller: Pick<Caller, 'role'>): boolean {
  return hasRole(caller.role, 'COORDINATOR');
}
