/**
 * Who may do what with a comment. Pure: the caller and the comment's facts in, yes or no out.
 * Whether the response is open for comment is checked separately (lib/feedback/policy.ts).
 */
import { can, type Caller } from '@/lib/auth/policy';

type CommentFacts = { authorId: string; withdrawnAt: Date | null };

/** Only the author edits a comment, and not once it is withdrawn. */
export function mayEditComment(caller: Pick<Caller, 'id'>, comment: CommentFacts): boolean {
  return caller.id === comment.authorId && comment.withdrawnAt === null;
}

/** Only the author withdraws a comment (not even a coordinator: feedback is the member's). */
export function mayWithdrawComment(caller: Pick<Caller, 'id'>, comment: CommentFacts): boolean {
  return caller.id === comment.authorId;
}

/** A thread is resolved or reopened by whoever started it, or by drafters and coordinators. */
export function mayResolveThread(caller: Pick<Caller, 'id' | 'role'>, thread: { authorId: string }): boolean {
  return caller.id === thread.authorId || can(caller, 'thread:resolve-any');
}
