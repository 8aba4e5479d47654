/**
 * How much one person may contribute in a while: the one table of rate limits for
 * everything submitted once (lib/contributions/submit-once.ts). Comments and suggestions
 * share an allowance (they are the quick back-and-forth of the last hours before a
 * deadline); case studies, long forms reviewed by a coordinator, have their own and slower
 * one, so a busy commenter can still submit a case study and the reverse.
 *
 * Counted from the stored rows, in the database, in the same statement as the insert, so
 * the limit holds across every server process. This module holds the numbers and the
 * answer a refused person gets; no server-only code, so forms may quote the numbers.
 */
import { AppError } from '@/lib/errors';

export type ContributionKind = 'comment' | 'suggestion' | 'case-study';

export type Allowance = {
  /** The kinds counted together against this allowance. */
  kinds: readonly ContributionKind[];
  /** How many fit in one window. */
  most: number;
  windowMs: number;
  /** What a refused person reads, given the seconds until one more fits. */
  refusal: (retryAfter: number, most: number) => string;
};

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export const allowances = {
  feedback: {
    kinds: ['comment', 'suggestion'],
    most: 30,
    windowMs: 60_000,
    refusal: (retryAfter, most) => `You have posted ${most} comments and suggestions in the last minute. Please wait ${plural(retryAfter, 'second')} and try again.`,
  },
  caseStudies: {
    kinds: ['case-study'],
    most: 10,
    windowMs: 3_600_000,
    refusal: (retryAfter, most) => `You can submit at most ${most} case studies an hour. Try again in ${Math.ceil(retryAfter / 60)} minutes.`,
  },
} as const satisfies Record<string, Allowance>;

/** The allowance a kind counts against (each kind is in exactly one). */
export function allowanceFor(kind: ContributionKind): Allowance {
  const allowance = Object.values(allowances).find((candidate: Allowance) => candidate.kinds.includes(kind));
  if (!allowance) throw new Error(`No allowance counts ${kind}`);
  return allowance;
}

/**
 * The 429 for someone whose last `most` contributions (the oldest made at `oldest`) all lie
 * in the window before `now`: the oldest leaves the window first, then one more fits.
 */
export function rateLimitedError(allowance: Allowance, oldest: Date, now: Date): AppError {
  const retryAfter = Math.max(1, Math.ceil((oldest.getTime() + allowance.windowMs - now.getTime()) / 1000));
  return new AppError('rate_limited', allowance.refusal(retryAfter, allowance.most), { retryAfter });
}
