/**
 * Rules shared by comments, suggestions and agreements. Pure: no I/O.
 *
 * Feedback (comments, replies, edits of one's own comment, suggestions, agreements) is
 * taken while the response is open for comment; coordinators may add it at any time.
 * Taking something back (withdrawing, un-agreeing) and handling feedback (resolving,
 * accepting, declining) stay possible in every phase.
 */
import { can, type Caller } from '@/lib/auth/policy';
import { AppError } from '@/lib/errors';
import type { Phase } from '@/lib/generated/prisma/enums';

export function mayGiveFeedback(caller: Pick<Caller, 'role'>, phase: Phase): boolean {
  return phase === 'OPEN' || can(caller, 'feedback:outside-phase');
}

const whyClosed: Record<Phase, string> = {
  DRAFTING: 'the draft has not been opened for comment yet',
  OPEN: '',
  CLOSED: 'the comment period has ended',
  FINAL: 'the response is final',
};

export function closedMessage(phase: Phase): string {
  return `This response is closed for comments: ${whyClosed[phase]}.`;
}

/** Throws 409 `closed` ("closed for comments") unless `caller` may give feedback in `phase`. */
export function assertOpenForFeedback(caller: Pick<Caller, 'role'>, phase: Phase): void {
  if (!mayGiveFeedback(caller, phase)) throw new AppError('closed', closedMessage(phase));
}

/** What the section page lets `caller` do with feedback in `phase`. */
export function feedbackViewer(caller: Pick<Caller, 'id' | 'role'>, phase: Phase) {
  const canComment = mayGiveFeedback(caller, phase);
  return {
    viewer: { id: caller.id, canComment, canResolveAny: can(caller, 'thread:resolve-any'), canDecide: can(caller, 'suggestion:decide') },
    closedMessage: canComment ? null : closedMessage(phase),
  };
}

/** Agreeing is with someone else's words. */
export function mayAgreeWith(caller: Pick<Caller, 'id'>, item: { authorId: string }): boolean {
  return caller.id !== item.authorId;
}
