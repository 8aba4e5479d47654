/**
 * Which case studies a person may see, defined once and rendered three ways, so a page, a
 * list and a count can never disagree:
 * - `allows(caseStudy)`: a TypeScript predicate over one record (pages, mutations);
 * - `where`: a Prisma filter (lists, exports, the merge workspace);
 * - an SQL condition on a "CaseStudy" row for raw counting queries, rendered from `scope`
 *   by visibility-sql.ts (server-only: this file is also used in the browser).
 *
 * The rule: the submitter sees their own, drafts included; coordinators see every
 * submitted one; everyone else, drafters included, sees one once it is accepted or featured
 * and its submitter agreed to show it to members. Checked three ways against each other on
 * a real database (tests/integration/case-study-visibility.test.ts).
 */
import type { Prisma } from '@/lib/generated/prisma/client';
import type { CaseStudyStatus } from '@/lib/generated/prisma/enums';
import { can, type Caller } from '@/lib/auth/policy';

export const PUBLISHED_STATUSES: CaseStudyStatus[] = ['ACCEPTED', 'FEATURED'];

export type CaseStudyAccess = { authorId: string; status: CaseStudyStatus; consentShow: boolean };

export type CaseStudyVisibility = {
  allows(caseStudy: CaseStudyAccess): boolean;
  where: Prisma.CaseStudyWhereInput;
  /** What the rule depends on: whose own case studies they are, and whether the viewer moderates. */
  scope: { authorId: string; moderator: boolean };
};

export function caseStudyVisibility(viewer: Pick<Caller, 'id' | 'role'>): CaseStudyVisibility {
  const moderator = can(viewer, 'case-study:moderate');
  return {
    allows: (caseStudy) =>
      caseStudy.authorId === viewer.id ||
      (moderator ? caseStudy.status !== 'DRAFT' : caseStudy.consentShow && PUBLISHED_STATUSES.includes(caseStudy.status)),
    where: moderator
      ? { OR: [{ authorId: viewer.id }, { status: { not: 'DRAFT' } }] }
      : { OR: [{ authorId: viewer.id }, { status: { in: PUBLISHED_STATUSES }, consentShow: true }] },
    scope: { authorId: viewer.id, moderator },
  };
}
