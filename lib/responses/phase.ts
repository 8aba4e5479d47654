/**
 * The life of a response: drafting → open for comment (with a deadline) → closed → final.
 * Pure rules shared by the server and the phase controls in the browser.
 */
import type { Phase } from '@/lib/generated/prisma/enums';

export const FINAL_VERSION_LABEL = 'Final submission';

/** The moves a coordinator may make from each phase. Reopening a closed response is allowed; final is final. */
export const phaseMoves: Record<Phase, Phase[]> = {
  DRAFTING: ['OPEN'],
  OPEN: ['CLOSED'],
  CLOSED: ['OPEN', 'FINAL'],
  FINAL: [],
};

/** Opening (or reopening) for comment needs a deadline. */
export function needsDeadline(to: Phase): boolean {
  return to === 'OPEN';
}

/** A final response's text is frozen: no edits, suggestions accepted, restores or quotations. */
export function isTextFrozen(phase: Phase): boolean {
  return phase === 'FINAL';
}

export const phaseMoveLabels: Record<Phase, string> = {
  DRAFTING: 'Back to drafting',
  OPEN: 'Open for comment',
  CLOSED: 'Close for comments',
  FINAL: 'Mark as final',
};

/** What each move means, shown beside the button. */
export const phaseMoveHints: Record<Phase, string> = {
  DRAFTING: '',
  OPEN: 'Members can comment, suggest edits and submit case studies until the deadline.',
  CLOSED: 'New comments, suggestions and case studies stop. Drafters keep merging feedback into the text.',
  FINAL: `Freezes the text as the named version "${FINAL_VERSION_LABEL}". It cannot be edited afterwards.`,
};
