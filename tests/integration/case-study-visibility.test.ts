/**
 * Who may see a case study is defined once (lib/case-studies/visibility.ts) and rendered
 * as a TypeScript predicate, a Prisma filter and an SQL condition. On a real database, for
 * every status × consent × author combination and every role, the three must pick exactly
 * the same case studies; and the merge progress a drafter sees counts only those.
 */
import { describe, expect, it } from 'vitest';
import { caseStudyVisibility } from '@/lib/case-studies/visibility';
import { visibleCaseStudiesSql } from '@/lib/case-studies/visibility-sql';
import { db } from '@/lib/db';
import { getResponseProgress } from '@/lib/merge/queries';
import { createCaseStudy, createPerson, createResponse } from '@/tests/support/factories';

const STATUSES = ['DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED', 'ACCEPTED', 'FEATURED', 'DECLINED'] as const;

describe('[CASE STUDIES] one visibility rule, three renderings', () => {
  it('the predicate, the Prisma filter and the SQL condition agree for every role, status, consent and author', async () => {
    const { response, sections } = await createResponse({ sections: ['Food banks.'] });
    const submitter = await createPerson('MEMBER');
    const viewers = [submitter, await createPerson('MEMBER'), await createPerson('DRAFTER'), await createPerson('COORDINATOR')];
    const records = [];
    for (const status of STATUSES) {
      for (const consentShow of [true, false]) {
        for (const author of [submitter, viewers[2]]) {
          records.push(await createCaseStudy({ responseId: response.id, authorId: author.id, sectionIds: [sections[0].id], status, consentShow }));
        }
      }
    }
    let cases = 0;
    for (const viewer of viewers) {
      const rule = caseStudyVisibility(viewer);
      const byPredicate = records.filter((record) => rule.allows(record)).map((record) => record.id).sort();
      const byPrisma = (await db().caseStudy.findMany({ where: { AND: [{ responseId: response.id }, rule.where] }, select: { id: true } })).map((row) => row.id).sort();
      const bySql = (await db().$queryRaw<{ id: string }[]>`select k.id from "CaseStudy" k where k."responseId" = ${response.id} and ${visibleCaseStudiesSql(viewer, 'k')}`).map((row) => row.id).sort();
      expect(byPrisma, viewer.role).toEqual(byPredicate);
      expect(bySql, viewer.role).toEqual(byPredicate);
      cases += records.length;
    }
    expect(cases).toBe(4 * STATUSES.length * 2 * 2);
  });

  it('the merge progress counts, for a drafter, only the case studies a drafter may see; a coordinator counts all', async () => {
    const { response, sections } = await createResponse({ sections: ['Warm homes.'] });
    const alice = await createPerson('MEMBER');
    const [drafter, coordinator] = [await createPerson('DRAFTER'), await createPerson('COORDINATOR')];
    await createCaseStudy({ responseId: response.id, authorId: alice.id, sectionIds: [sections[0].id], status: 'ACCEPTED', consentShow: true });
    await createCaseStudy({ responseId: response.id, authorId: alice.id, sectionIds: [sections[0].id], status: 'ACCEPTED', consentShow: false });
    expect((await getResponseProgress(coordinator, response.id)).total).toEqual({ handled: 0, total: 2 });
    expect((await getResponseProgress(drafter, response.id)).total).toEqual({ handled: 0, total: 1 });
  });
});
