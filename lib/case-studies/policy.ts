/**
 * Who may see and do what with a case study. Pure functions, no I/O: the queries and
 * mutations in this folder call them against the specific record, and the unit tests
 * check them without a database.
 *
 * The rules:
 * - The submitter sees everything about their own case study, drafts included.
 * - Coordinators see every submitted case study in full, contact details included, but
 *   not other people's drafts (a draft is private until it is submitted).
 * - Everyone else sees a case study only once it is accepted or featured AND its
 *   submitter agreed to show it to members, and never its contact details.
 */
import { can, type Caller } from '@/lib/auth/policy';
import type { CaseStudyStatus, Phase } from '@/lib/generated/prisma/enums';
import type { DecisionValue } from '@/lib/case-studies/schemas';
import { caseStudyVisibility, PUBLISHED_STATUSES, type CaseStudyAccess } from '@/lib/case-studies/visibility';

export type Viewer = Pick<Caller, 'id' | 'role'>;

export type { CaseStudyAccess } from '@/lib/case-studies/visibility';

export { PUBLISHED_STATUSES };
/** The submitter may change the case study while it waits for (or after) a request for changes. */
export const EDITABLE_STATUSES: CaseStudyStatus[] = ['DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED'];

export function canModerateCaseStudies(viewer: Pick<Caller, 'role'>): boolean {
  return can(viewer, 'case-study:moderate');
}

export function isAuthor(viewer: Viewer, caseStudy: Pick<CaseStudyAccess, 'authorId'>): boolean {
  return viewer.id === caseStudy.authorId;
}

export function canViewCaseStudy(viewer: Viewer, caseStudy: CaseStudyAccess): boolean {
  return caseStudyVisibility(viewer).allows(caseStudy);
}

/** Contact details, consent answers, the decision history and who submitted it. */
export function canSeePrivateDetails(viewer: Viewer, caseStudy: CaseStudyAccess): boolean {
  if (isAuthor(viewer, caseStudy)) return true;
  return caseStudy.status !== 'DRAFT' && canModerateCaseStudies(viewer);
}

export function canEditCaseStudy(viewer: Viewer, caseStudy: CaseStudyAccess): boolean {
  return isAuthor(viewer, caseStudy) && EDITABLE_STATUSES.includes(caseStudy.status);
}

export type OpenState = { open: true } | { open: false; reason: string };

/**
 * Case studies can be submitted (and drafts saved, and changes resubmitted) only while
 * the response is open for comment and before its deadline.
 */
export function submissionsOpen(response: { phase: Phase; deadline: Date | string | null }, now: Date = new Date()): OpenState {
  if (response.phase !== 'OPEN') {
    return { open: false, reason: 'Case studies can be submitted only while the response is open for comment.' };
  }
  if (response.deadline && new Date(response.deadline).getTime() <= now.getTime()) {
    return { open: false, reason: 'The deadline for this response has passed, so case studies can no longer be submitted.' };
  }
  return { open: true };
}

const statusByDecision: Record<DecisionValue, CaseStudyStatus> = {
  accept: 'ACCEPTED',
  feature: 'FEATURED',
  request_changes: 'CHANGES_REQUESTED',
  decline: 'DECLINED',
};

/**
 * The status a decision leads to, or why it cannot be taken. A coordinator may change
 * their mind (decline after accepting, un-feature by accepting), but a decision must
 * change something, and drafts are not theirs to decide.
 */
export function statusAfterDecision(current: CaseStudyStatus, decision: DecisionValue): { status: CaseStudyStatus } | { error: string } {
  if (current === 'DRAFT') return { error: 'This case study has not been submitted yet' };
  const status = statusByDecision[decision];
  if (status === current) return { error: `This case study is already ${statusLabels[current].toLowerCase()}` };
  return { status };
}

/** Quoting needs a published case study whose submitter agreed to be quoted. */
export function quoteRefusal(caseStudy: { status: CaseStudyStatus; consentQuote: boolean }): string | null {
  if (!PUBLISHED_STATUSES.includes(caseStudy.status)) return 'Only accepted or featured case studies can be quoted';
  if (!caseStudy.consentQuote) return 'The submitter did not agree to this case study being quoted';
  return null;
}

export const statusLabels: Record<CaseStudyStatus, string> = {
  DRAFT: 'Draft',
  SUBMITTED: 'Submitted',
  CHANGES_REQUESTED: 'Changes requested',
  ACCEPTED: 'Accepted',
  FEATURED: 'Featured',
  DECLINED: 'Declined',
};

export const decisionLabels: Record<DecisionValue, string> = {
  accept: 'Accepted',
  feature: 'Featured',
  request_changes: 'Changes requested',
  decline: 'Declined',
};
