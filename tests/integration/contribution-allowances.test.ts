/**
 * One table of allowances (lib/contributions/allowances.ts) decides how much one person may
 * contribute in a while, and the one statement that stores every contribution applies it.
 * These tests are driven by that table: each allowance, filled to its limit with stored rows,
 * refuses exactly the kinds it counts and no other.
 */
import { describe, expect, it } from 'vitest';
import { POST as createCaseStudyRoute } from '@/app/api/v1/responses/[slug]/case-studies/route';
import { allowances, type Allowance, type ContributionKind } from '@/lib/contributions/allowances';
import { db } from '@/lib/db';
import { caseStudyBody, callRoute, createCaseStudy } from '@/tests/support/factories';
import { postComment, postSuggestion, scene, type Actor } from '@/tests/support/feedback';

type Scene = Awaited<ReturnType<typeof scene>>;

const everyKind: ContributionKind[] = ['comment', 'suggestion', 'case-study'];

/** Stores `count` contributions of `kind` by `who` just now, as another server process would. */
async function storeRecent(kind: ContributionKind, who: Actor, { response, section }: Scene, count: number) {
  if (kind === 'comment') {
    await db().comment.createMany({ data: Array.from({ length: count }, (_, i) => ({ sectionId: section.id, authorId: who.person.id, body: `Earlier ${i}` })) });
  } else if (kind === 'suggestion') {
    await db().suggestion.createMany({
      data: Array.from({ length: count }, (_, i) => ({ sectionId: section.id, authorId: who.person.id, anchor: { exact: 'three years' }, replacement: `${i} years` })),
    });
  } else {
    for (let i = 0; i < count; i++) await createCaseStudy({ responseId: response.id, authorId: who.person.id, sectionIds: [section.id] });
  }
}

/** Submits one contribution of `kind` through the API, as a member would. */
function submit(kind: ContributionKind, who: Actor, { response, section }: Scene) {
  if (kind === 'comment') return postComment(who, section.id, { body: 'One more comment' });
  if (kind === 'suggestion') return postSuggestion(who, section.id, { anchor: { exact: 'three years' }, replacement: 'five years' });
  return callRoute(createCaseStudyRoute, { method: 'POST', token: who.token, body: caseStudyBody([section.id]), params: { slug: response.slug } });
}

describe('[CONTRIBUTIONS] one table of allowances, applied when storing', () => {
  it('every kind of contribution counts against exactly one allowance', () => {
    const counted = Object.values(allowances as Record<string, Allowance>).flatMap((allowance) => allowance.kinds);
    expect([...counted].sort()).toEqual([...everyKind].sort());
  });

  const cases = Object.entries(allowances as Record<string, Allowance>).flatMap(([name, allowance]) =>
    allowance.kinds.flatMap((filledWith) => everyKind.map((kind) => ({ name, allowance, filledWith, kind, refused: allowance.kinds.includes(kind) }))),
  );

  it('covers each allowance, filled with each kind it counts, against every kind', () => {
    // comments and suggestions (2 kinds) and case studies (1 kind), each tried with 3 kinds.
    expect(cases).toHaveLength(9);
  });

  it.each(cases.map((entry) => [entry.name, entry.filledWith, entry.kind, entry.refused ? 'refused' : 'accepted', entry] as const))(
    'the %s allowance filled with %ss: one more %s is %s',
    async (_name, _filledWith, _kind, _verdict, { allowance, filledWith, kind, refused }) => {
      const world = await scene();
      await storeRecent(filledWith, world.alice, world, allowance.most);
      const answer = await submit(kind, world.alice, world);
      if (!refused) {
        expect(answer.status, JSON.stringify(answer.body)).toBe(201);
        return;
      }
      expect(answer.status).toBe(429);
      const retryAfter = Number(answer.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(allowance.windowMs / 1000 - 60);
      expect(retryAfter).toBeLessThanOrEqual(allowance.windowMs / 1000);
      expect(answer.body.error.message).toBe(allowance.refusal(retryAfter, allowance.most));
      // Someone else's allowance is their own.
      expect((await submit(kind, world.bob, world)).status).toBe(201);
    },
  );
});
