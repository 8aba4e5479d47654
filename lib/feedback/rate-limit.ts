/**
 * At most 30 comments and suggestions a minute per person. Counted from the stored rows,
 * so the limit holds across every server process; a per-person advisory lock, held until
 * the post is committed, makes concurrent posts by one person count one after another.
 * The counting happens in the database, in the same statement as the insert
 * (chorus_post_feedback, called by lib/feedback/write.ts); this module holds the numbers
 * and the answer a refused person gets.
 */
import { AppError } from '@/lib/errors';

export const FEEDBACK_PER_MINUTE = 30;
export const FEEDBACK_WINDOW_MS = 60_000;

/**
 * The 429 for someone whose last 30 posts (the oldest made at `oldest`) are all within the
 * minute before `now`: the oldest leaves the window first, then one more may be posted.
 */
export function rateLimitedError(oldest: Date, now: Date): AppError {
  const retryAfter = Math.max(1, Math.ceil((oldest.getTime() + FEEDBACK_WINDOW_MS - now.getTime()) / 1000));
  return new AppError(
    'rate_limited',
    `You have posted ${FEEDBACK_PER_MINUTE} comments and suggestions in the last minute. Please wait ${retryAfter} second${retryAfter === 1 ? '' : 's'} and try again.`,
    { retryAfter },
  );
}
