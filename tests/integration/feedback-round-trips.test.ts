/**
 * Posting feedback is the busiest write in Chorus: each kind costs at most four round trips
 * to PostgreSQL before the answer, counted here at the pg driver beneath Prisma (every query
 * the app sends, BEGIN and COMMIT included) for a caller this process has not seen yet.
 * Emailing the people notified happens after the answer (lib/http/after-response.ts); here
 * the posting runs in that scope, so the email is held back and sent after counting. A case
 * study is stored by the same statement and costs one more (it is read back whole, with its
 * sections).
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POST as agreeRoute } from '@/app/api/v1/comments/[id]/agree/route';
import { POST as createCaseStudyRoute } from '@/app/api/v1/responses/[slug]/case-studies/route';
import { db } from '@/lib/db';
import { withWorkAfterResponse } from '@/lib/http/after-response';
import { actor, postComment, postSuggestion, scene } from '@/tests/support/feedback';
import { caseStudyBody, callRoute, createPersonWithToken, createResponse } from '@/tests/support/factories';

const MAX_ROUND_TRIPS = 4;

const afterTheAnswer: (() => Promise<void>)[] = [];

let sent: string[] = [];
const original = pg.Client.prototype.query;
beforeEach(() => {
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    sent.push(typeof first === 'string' ? first : String((first as { text?: string })?.text ?? first));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
});
afterEach(() => {
  pg.Client.prototype.query = original;
});

async function roundTrips<T>(action: () => Promise<T>): Promise<{ result: T; count: number; statements: string[] }> {
  sent = [];
  const { result, after } = await withWorkAfterResponse(action);
  afterTheAnswer.push(...after);
  const statements = sent.map((text) => text.replace(/\s+/g, ' ').trim().slice(0, 80));
  return { result, count: statements.length, statements };
}

describe('[COMMENTS] posting costs at most four round trips to the database', () => {
  it('a comment on a passage: authenticate, read the section, store comment and audit event in one statement', async () => {
    const { section } = await scene();
    const fresh = await actor('MEMBER', 'Fresh Member');
    const { result, count, statements } = await roundTrips(() => postComment(fresh, section.id, { body: 'Which formula?', anchor: { exact: 'the funding formula ignores them' }, clientKey: 'once' }));
    expect(result.status).toBe(201);
    expect(count, statements.join('\n')).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
    expect(await db().auditEvent.count({ where: { targetId: result.body.comment.id, action: 'comment.create' } })).toBe(1);
  });

  it('another thread on a section this process read lately: authenticate, then only the storing statement, which checks the section is unchanged', async () => {
    const { alice, section } = await scene();
    expect((await postComment(alice, section.id, { body: 'The first thread' })).status).toBe(201);
    const fresh = await actor('MEMBER', 'Second Poster');
    const { result, count, statements } = await roundTrips(() => postComment(fresh, section.id, { body: 'Which formula?', anchor: { exact: 'the funding formula ignores them' } }));
    expect(result.status).toBe(201);
    expect(count, statements.join('\n')).toBe(2);
    expect(statements[1]).toContain('chorus_submit_once');
  });

  it('a reply that notifies the thread', async () => {
    const { alice, section } = await scene();
    const thread = (await postComment(alice, section.id, { body: 'Start of a thread' })).body.comment;
    const fresh = await actor('MEMBER', 'Fresh Replier');
    const { result, count, statements } = await roundTrips(() => postComment(fresh, section.id, { body: 'A reply', parentId: thread.id }));
    expect(result.status).toBe(201);
    expect(count, statements.join('\n')).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
    expect(await db().notification.count({ where: { userId: alice.person.id, kind: 'comment.reply' } })).toBe(1);
    // The email still goes out, after the answer.
    const emailsBefore = await db().devMailMessage.count({ where: { to: alice.person.email } });
    for (const task of afterTheAnswer.splice(0)) await task();
    expect(await db().devMailMessage.count({ where: { to: alice.person.email } })).toBe(emailsBefore + 1);
  });

  it('a suggestion', async () => {
    const { section } = await scene();
    const fresh = await actor('MEMBER', 'Fresh Proposer');
    const { result, count, statements } = await roundTrips(() => postSuggestion(fresh, section.id, { anchor: { exact: 'three years' }, replacement: 'five years' }));
    expect(result.status).toBe(201);
    expect(count, statements.join('\n')).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
  });

  it('an agreement', async () => {
    const { alice, section } = await scene();
    const thread = (await postComment(alice, section.id, { body: 'Agree with me' })).body.comment;
    const fresh = await actor('MEMBER', 'Fresh Agreer');
    const { result, count, statements } = await roundTrips(() => callRoute(agreeRoute, { method: 'POST', token: fresh.token, params: { id: thread.id } }));
    expect(result.body).toEqual({ agreed: true, agreeCount: 1 });
    expect(count, statements.join('\n')).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
  });
});

describe('[CASE STUDIES] submitting is stored like a comment: one statement after the checks', () => {
  it('a case study with two sections: authenticate, read the response and the sections, store it, its sections and audit event in one statement, read it back', async () => {
    const { response, sections } = await createResponse({ sections: ['Homes must be warm.', 'Transport must be cheap.'] });
    const { token } = await createPersonWithToken('MEMBER');
    const body = caseStudyBody([sections[0].id, sections[1].id], { clientKey: 'case-once' });
    const submit = () => callRoute(createCaseStudyRoute, { method: 'POST', token, body, params: { slug: response.slug } });
    const { result, count, statements } = await roundTrips(submit);
    expect(result.status).toBe(201);
    expect(count, statements.join('\n')).toBeLessThanOrEqual(5);
    const id = result.body.caseStudy.id;
    expect(result.body.caseStudy.sections.map((section: { id: string }) => section.id)).toEqual([sections[0].id, sections[1].id]);
    expect(await db().auditEvent.findMany({ where: { targetId: id }, select: { action: true, data: true } })).toEqual([
      { action: 'case-study.submit', data: { responseId: response.id, sectionIds: [sections[0].id, sections[1].id] } },
    ]);

    // The resend is recognised by its client key when storing, not by a read beforehand.
    const resent = await submit();
    expect(resent.status).toBe(200);
    expect(resent.body.caseStudy).toEqual(result.body.caseStudy);
    expect(await db().caseStudy.count({ where: { responseId: response.id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { targetId: id } })).toBe(1);
  });
});
