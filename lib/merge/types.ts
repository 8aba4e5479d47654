/** What the merge workspace shows about feedback and its handling. Type-only; safe anywhere. */
import type { DispositionKind } from '@/lib/generated/prisma/enums';

export type FeedbackType = 'comment' | 'suggestion' | 'caseStudy';

export const dispositionLabels: Record<DispositionKind, string> = {
  INCORPORATED: 'Incorporated',
  PARTLY_INCORPORATED: 'Partly incorporated',
  NOTED: 'Noted',
  NOT_TAKEN_FORWARD: 'Not taken forward',
};

export const dispositionKinds: DispositionKind[] = ['INCORPORATED', 'PARTLY_INCORPORATED', 'NOTED', 'NOT_TAKEN_FORWARD'];

export type DispositionDto = {
  kind: DispositionKind;
  reply: string | null;
  versionId: string | null;
  by: { name: string } | null;
  at: string | null;
  /**
   * True when nobody gave a disposition but the feedback was decided anyway: an accepted
   * suggestion counts as incorporated (in the version it made), a declined one as not
   * taken forward (with the decline reason as the reply).
   */
  implied: boolean;
};

export type FeedbackReply = { id: string; author: { name: string }; body: string; createdAt: string };

export type FeedbackItem = {
  type: FeedbackType;
  id: string;
  sectionId: string;
  author: { name: string } | null;
  createdAt: string;
  agreeCount: number;
  /** Comment threads: OPEN / RESOLVED; suggestions: OPEN / ACCEPTED / DECLINED; case studies: ACCEPTED / FEATURED. */
  status: string;
  /** The words the feedback was given on (a comment's or suggestion's quote); null: the whole section. */
  quote: string | null;
  /** A comment's text, a suggestion's reason, a case study's summary. */
  body: string;
  /** Suggestions: the proposed words ("" = delete them). */
  replacement?: string;
  /** Case studies: title and organisation as consented. */
  title?: string;
  credit?: string | null;
  replies: FeedbackReply[];
  disposition: DispositionDto | null;
  handled: boolean;
};

export type Progress = { handled: number; total: number };

export function progressText(progress: Progress): string {
  return `${progress.handled} of ${progress.total} handled`;
}
