import { describe, expect, it } from 'vitest';
import { actorIdOf, can, isOperator, OPERATOR, type Caller } from '@/lib/auth/policy';
import type { removePerson } from '@/lib/people/mutations';
import type { exportResponse } from '@/lib/export/service';
import type { createApiToken } from '@/lib/auth/tokens';

type ActorOf<F extends (...args: never[]) => unknown> = Parameters<F>[0];

describe('[POLICY] the operator is a principal of its own, not a missing caller', () => {
  it('the operator may do everything and is credited as nobody; a person by their id', () => {
    const member: Caller = { id: 'u1', email: 'm@example.org', name: 'M', role: 'MEMBER' };
    expect(can(OPERATOR, 'people:manage')).toBe(true);
    expect(can(member, 'people:manage')).toBe(false);
    expect([isOperator(OPERATOR), isOperator(member)]).toEqual([true, false]);
    expect([actorIdOf(OPERATOR), actorIdOf(member)]).toEqual([null, 'u1']);
  });

  it('the type checker refuses a signed-out visitor (getCurrentUser() → null) where an actor is required', () => {
    const signedOut = null as Caller | null;
    // Each line below must fail to type-check: `npm test` type-checks before it runs tests.
    // @ts-expect-error: not the operator
    const a: ActorOf<typeof removePerson> = signedOut;
    // @ts-expect-error: not the operator
    const b: ActorOf<typeof exportResponse> = signedOut;
    // @ts-expect-error: not the operator
    const c: ActorOf<typeof createApiToken> = signedOut;
    expect([a, b, c]).toEqual([null, null, null]);
  });
});
