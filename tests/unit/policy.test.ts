import { describe, expect, it } from 'vitest';
import { allActions, can, hasRole, type Action } from '@/lib/auth/policy';
import type { Role } from '@/lib/generated/prisma/enums';

const roles: Role[] = ['MEMBER', 'DRAFTER', 'COORDINATOR'];

/**
 * Who may do what, written out by hand: the policy must agree with this table cell by
 * cell. A new action in lib/auth/policy.ts needs a row here (the completeness test fails
 * until it has one), so no permission slips in untested.
 */
const expected: Record<Action, Role[]> = {
  'response:read': ['MEMBER', 'DRAFTER', 'COORDINATOR'],
  'response:create': ['COORDINATOR'],
  'response:change-phase': ['COORDINATOR'],
  'section:edit': ['DRAFTER', 'COORDINATOR'],
  'version:name': ['DRAFTER', 'COORDINATOR'],
  'version:restore': ['DRAFTER', 'COORDINATOR'],
  'feedback:create': ['MEMBER', 'DRAFTER', 'COORDINATOR'],
  'feedback:outside-phase': ['COORDINATOR'],
  'thread:resolve-any': ['DRAFTER', 'COORDINATOR'],
  'suggestion:decide': ['DRAFTER', 'COORDINATOR'],
  'feedback:dispose': ['DRAFTER', 'COORDINATOR'],
  'case-study:create': ['MEMBER', 'DRAFTER', 'COORDINATOR'],
  'case-study:moderate': ['COORDINATOR'],
  'people:manage': ['COORDINATOR'],
  'audit:read': ['COORDINATOR'],
  'export:full': ['DRAFTER', 'COORDINATOR'],
  'export:contact-details': ['COORDINATOR'],
};

describe('[POLICY] roles and actions', () => {
  it('has an expected row for every action the policy knows, and no stale rows', () => {
    expect(Object.keys(expected).sort()).toEqual([...allActions].sort());
  });

  it('allows exactly the roles in the table, cell by cell', () => {
    let cases = 0;
    const mismatches: string[] = [];
    for (const action of Object.keys(expected) as Action[]) {
      for (const role of roles) {
        cases += 1;
        const allowed = can({ role }, action);
        if (allowed !== expected[action].includes(role)) mismatches.push(`${role} ${allowed ? 'may' : 'may not'} ${action}`);
      }
    }
    expect(mismatches).toEqual([]);
    // An empty table must not pass: every action × every role ran.
    expect(cases).toBe(allActions.length * roles.length);
    expect(cases).toBeGreaterThanOrEqual(14 * 3);
  });

  it('coordinators can do everything, and members nothing a drafter cannot', () => {
    for (const action of allActions) {
      expect(can({ role: 'COORDINATOR' }, action)).toBe(true);
      if (can({ role: 'MEMBER' }, action)) expect(can({ role: 'DRAFTER' }, action)).toBe(true);
    }
  });

  it('ranks roles member < drafter < coordinator', () => {
    expect(hasRole('COORDINATOR', 'DRAFTER')).toBe(true);
    expect(hasRole('DRAFTER', 'DRAFTER')).toBe(true);
    expect(hasRole('DRAFTER', 'COORDINATOR')).toBe(false);
    expect(hasRole('MEMBER', 'DRAFTER')).toBe(false);
  });
});

describe('[POLICY] who may edit a section’s text (every door: WebSocket, section page, merge page)', () => {
  it('drafters and coordinators until the response is final; members never', async () => {
    const { mayEditSectionText } = await import('@/lib/sections/policy');
    const phases = ['DRAFTING', 'OPEN', 'CLOSED', 'FINAL'] as const;
    let cases = 0;
    for (const role of roles) {
      for (const phase of phases) {
        expect(mayEditSectionText({ role }, phase), `${role} in ${phase}`).toBe(role !== 'MEMBER' && phase !== 'FINAL');
        cases += 1;
      }
    }
    expect(cases).toBe(12);
  });
});
