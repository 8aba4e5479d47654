/**
 * Who may do what. Roles are network-wide: one instance of Chorus serves one network.
 * Pure functions, no I/O: domain functions call them against the specific thing.
 */
import type { Role } from '@/lib/generated/prisma/enums';

export type Caller = { id: string; email: string; name: string | null; role: Role };

/**
 * The operator at the command line (`npm run chorus -- …`): trusted with everything, and
 * recorded in the audit log as nobody. A principal of its own, not a missing caller, so
 * code that skips a check for the operator says so in its types, and a signed-out visitor
 * (getCurrentUser() → null) can never pass for the operator.
 */
export type Operator = { readonly kind: 'operator' };
export const OPERATOR: Operator = Object.freeze({ kind: 'operator' });

/** Whoever acts: a signed-in person, or the operator. */
export type Actor = Caller | Operator;

export function isOperator(actor: Actor | Pick<Caller, 'role'>): actor is Operator {
  return (actor as Operator).kind === 'operator';
}

/** The person to credit in the audit log; null for the operator. */
export function actorIdOf(actor: Actor): string | null {
  return isOperator(actor) ? null : actor.id;
}

export const roleLabels: Record<Role, string> = {
  MEMBER: 'Member',
  DRAFTER: 'Drafter',
  COORDINATOR: 'Coordinator',
};

const rank: Record<Role, number> = { MEMBER: 0, DRAFTER: 1, COORDINATOR: 2 };

/** True when `role` is at least `minimum` (coordinators can do everything drafters can). */
export function hasRole(role: Role, minimum: Role): boolean {
  return rank[role] >= rank[minimum];
}

export type Action =
  | 'response:read'
  | 'response:create'
  | 'response:change-phase'
  | 'section:edit'
  | 'version:name'
  | 'version:restore'
  | 'feedback:create'
  | 'feedback:outside-phase'
  | 'thread:resolve-any'
  | 'suggestion:decide'
  | 'feedback:dispose'
  | 'case-study:create'
  | 'case-study:moderate'
  | 'people:manage'
  | 'audit:read'
  | 'export:full'
  | 'export:contact-details';

const minimumRole: Record<Action, Role> = {
  'response:read': 'MEMBER',
  'response:create': 'COORDINATOR',
  'response:change-phase': 'COORDINATOR',
  'section:edit': 'DRAFTER',
  'version:name': 'DRAFTER',
  'version:restore': 'DRAFTER',
  'feedback:create': 'MEMBER',
  /** Comment and suggest while the response is not open for comment. */
  'feedback:outside-phase': 'COORDINATOR',
  /** Resolve or reopen anyone's thread (authors may always resolve their own). */
  'thread:resolve-any': 'DRAFTER',
  'suggestion:decide': 'DRAFTER',
  'feedback:dispose': 'DRAFTER',
  'case-study:create': 'MEMBER',
  'case-study:moderate': 'COORDINATOR',
  'people:manage': 'COORDINATOR',
  'audit:read': 'COORDINATOR',
  'export:full': 'DRAFTER',
  /** Case-study contact details and people's email addresses in the JSON archive. */
  'export:contact-details': 'COORDINATOR',
};

/** Whether `actor` may do `action`; the operator may do everything. */
export function can(actor: Pick<Caller, 'role'> | Operator, action: Action): boolean {
  return isOperator(actor) || hasRole(actor.role, minimumRole[action]);
}

/** Every action the policy knows, for exhaustive tests (tests/unit/policy.test.ts). */
export const allActions = Object.keys(minimumRole) as Action[];
