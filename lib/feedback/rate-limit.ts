/**
 * At most 30 comments and suggestions a minute per person. Counted from the stored rows,
 * so the limit holds across every server process; a per-person advisory lock, held until
 * the transaction ends, makes concurrent posts by one person count one after another.
 */
import 'server-only';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';

export const FEEDBACK_PER_MINUTE = 30;
const WINDOW_MS = 60_000;

/** Call inside the transaction that creates the comment or suggestion, before creating it. */
export async function assertWithinFeedbackRate(tx: Tx, authorId: string, now = new Date()): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`feedback:${authorId}`}, 0))`;
  const since = new Date(now.getTime() - WINDOW_MS);
  const recent = await tx.$queryRaw<{ createdAt: Date }[]>`
    select "createdAt" from (
      select "createdAt" from "Comment" where "authorId" = ${authorId} and "createdAt" > ${since}
      union all
      select "createdAt" from "Suggestion" where "authorId" = ${authorId} and "createdAt" > ${since}
    ) recent
    order by "createdAt" desc
    limit ${FEEDBACK_PER_MINUTE}`;
  if (recent.length < FEEDBACK_PER_MINUTE) return;
  // The oldest of the last 30 leaves the window first; then one more may be posted.
  const oldest = recent[recent.length - 1].createdAt;
  const retryAfter = Math.max(1, Math.ceil((oldest.getTime() + WINDOW_MS - now.getTime()) / 1000));
  throw new AppError(
    'rate_limited',
    `You have posted ${FEEDBACK_PER_MINUTE} comments and suggestions in the last minute. Please wait ${retryAfter} second${retryAfter === 1 ? '' : 's'} and try again.`,
    { retryAfter },
  );
}
