import { describe, expect, it } from 'vitest';
import type { Caller } from '@/lib/auth/policy';
import { mayEditComment, mayResolveThread, mayWithdrawComment } from '@/lib/comments/policy';
import { assertOpenForFeedback, mayAgreeWith, mayGiveFeedback } from '@/lib/feedback/policy';
import type { Phase, Role } from '@/lib/generated/prisma/enums';
import { mayDecideSuggestion, mayWithdrawSuggestion } from '@/lib/suggestions/policy';

const person = (role: Role, id = `${role}-1`): Caller => ({ id, email: `${id}@x`, name: id, role });
const roles: Role[] = ['MEMBER', 'DRAFTER', 'COORDINATOR'];
const phases: Phase[] = ['DRAFTING', 'OPEN', 'CLOSED', 'FINAL'];

describe('[POLICY] feedback', () => {
  it('takes feedback from everyone while open, and only from coordinators in any other phase', () => {
    let cases = 0;
    for (const role of roles) {
      for (const phase of phases) {
        expect(mayGiveFeedback(person(role), phase), `${role} ${phase}`).toBe(phase === 'OPEN' || role === 'COORDINATOR');
        cases++;
      }
    }
    expect(cases).toBe(12);
  });

  it('answers "closed for comments" with the reason', () => {
    expect(() => assertOpenForFeedback(person('DRAFTER'), 'CLOSED')).toThrow(/closed for comments: the comment period has ended/);
    expect(() => assertOpenForFeedback(person('MEMBER'), 'DRAFTING')).toThrow(/closed for comments/);
    expect(() => assertOpenForFeedback(person('COORDINATOR'), 'FINAL')).not.toThrow();
  });

  it('lets people agree only with someone else\'s words', () => {
    expect(mayAgreeWith(person('MEMBER', 'a'), { authorId: 'b' })).toBe(true);
    expect(mayAgreeWith(person('COORDINATOR', 'a'), { authorId: 'a' })).toBe(false);
  });
});

describe('[POLICY] comments', () => {
  const mine = { authorId: 'me', withdrawnAt: null };
  it('[COMMENTS] a member cannot edit or withdraw someone else\'s comment, whatever their role', () => {
    for (const role of roles) {
      expect(mayEditComment(person(role, 'other'), mine)).toBe(false);
      expect(mayWithdrawComment(person(role, 'other'), mine)).toBe(false);
      expect(mayEditComment(person(role, 'me'), mine)).toBe(true);
      expect(mayWithdrawComment(person(role, 'me'), mine)).toBe(true);
    }
  });

  it('does not let a withdrawn comment be edited, even by its author', () => {
    expect(mayEditComment(person('MEMBER', 'me'), { authorId: 'me', withdrawnAt: new Date() })).toBe(false);
  });

  it('lets the thread\'s author, drafters and coordinators resolve it', () => {
    expect(mayResolveThread(person('MEMBER', 'me'), { authorId: 'me' })).toBe(true);
    expect(mayResolveThread(person('MEMBER', 'other'), { authorId: 'me' })).toBe(false);
    expect(mayResolveThread(person('DRAFTER', 'other'), { authorId: 'me' })).toBe(true);
    expect(mayResolveThread(person('COORDINATOR', 'other'), { authorId: 'me' })).toBe(true);
  });
});

describe('[POLICY] suggestions', () => {
  it('lets drafters and coordinators decide, not members', () => {
    expect(roles.filter((role) => mayDecideSuggestion(person(role)))).toEqual(['DRAFTER', 'COORDINATOR']);
  });

  it('lets only the author withdraw, and only while open', () => {
    expect(mayWithdrawSuggestion(person('MEMBER', 'me'), { authorId: 'me', status: 'OPEN' })).toBe(true);
    expect(mayWithdrawSuggestion(person('MEMBER', 'me'), { authorId: 'me', status: 'ACCEPTED' })).toBe(false);
    expect(mayWithdrawSuggestion(person('COORDINATOR', 'other'), { authorId: 'me', status: 'OPEN' })).toBe(false);
  });
});
