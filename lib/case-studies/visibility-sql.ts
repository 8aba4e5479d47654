/**
 * The SQL rendering of who may see a case study (lib/case-studies/visibility.ts), for raw
 * queries: a condition on the "CaseStudy" row named `alias`. Checked against the predicate
 * and the Prisma filter in tests/integration/case-study-visibility.test.ts.
 */
import 'server-only';
import type { Caller } from '@/lib/auth/policy';
import { caseStudyVisibility } from '@/lib/case-studies/visibility';
import { Prisma } from '@/lib/generated/prisma/client';

export function visibleCaseStudiesSql(viewer: Pick<Caller, 'id' | 'role'>, alias: string): Prisma.Sql {
  const { authorId, moderator } = caseStudyVisibility(viewer).scope;
  const k = Prisma.raw(`"${alias.replace(/"/g, '')}"`);
  return moderator
    ? Prisma.sql`(${k}."authorId" = ${authorId} or ${k}.status <> 'DRAFT')`
    : Prisma.sql`(${k}."authorId" = ${authorId} or (${k}.status in ('ACCEPTED', 'FEATURED') and ${k}."consentShow"))`;
}
