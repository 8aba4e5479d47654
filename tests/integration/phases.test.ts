import { describe, expect, it } from 'vitest';
import { POST as phaseRoute } from '@/app/api/v1/responses/[slug]/phase/route';
import { createCaseStudy as submitCaseStudy } from '@/lib/case-studies/mutations';
import { createComment } from '@/lib/comments/mutations';
import { db } from '@/lib/db';
import { changeDeadline, changePhase } from '@/lib/responses/mutations';
import { commitSectionVersion, applySectionEdit } from '@/lib/sections/mutations';
import { docFromText } from '@/lib/sections/content';
import { acceptSuggestion, createSuggestion } from '@/lib/suggestions/mutations';
import { callRoute, caseStudyBody, createPerson, createPersonWithToken, createResponse } from '@/tests/support/factories';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function drafting() {
  const coordinator = await createPerson('COORDINATOR');
  const { response, sections } = await createResponse({ phase: 'DRAFTING', sections: ['Homes must be warm.', 'Transport must be cheap.'] });
  await db().response.update({ where: { id: response.id }, data: { deadline: null } });
  return { coordinator, response, sections, slug: response.slug };
}

describe('[PHASES] moving a response from drafting to final', () => {
  it('should require authentication', async () => {
    const { slug } = await drafting();
    expect((await callRoute(phaseRoute, { method: 'POST', body: { to: 'OPEN' }, params: { slug } })).status).toBe(401);
  });

  it('opens with a deadline, closes, and marks final, recording each move and auditing it', async () => {
    const { coordinator, response, slug } = await drafting();
    const deadline = inDays(14);
    expect(await changePhase(coordinator, slug, { to: 'OPEN', deadline })).toMatchObject({ phase: 'OPEN', deadline });
    expect(await changePhase(coordinator, slug, { to: 'CLOSED' })).toMatchObject({ phase: 'CLOSED', deadline });
    const final = await changePhase(coordinator, slug, { to: 'FINAL' });
    expect(final).toMatchObject({ phase: 'FINAL', namedVersion: { label: 'Final submission' } });

    const changes = await db().phaseChange.findMany({ where: { responseId: response.id }, orderBy: { createdAt: 'asc' } });
    expect(changes.map((c) => [c.from, c.to, c.actorId])).toEqual([
      ['DRAFTING', 'OPEN', coordinator.id],
      ['OPEN', 'CLOSED', coordinator.id],
      ['CLOSED', 'FINAL', coordinator.id],
    ]);
    expect(changes[0].deadline!.toISOString()).toBe(deadline);
    const audit = await db().auditEvent.findMany({ where: { targetId: response.id, action: 'response.phase' } });
    expect(audit).toHaveLength(3);
    expect((await db().response.findUniqueOrThrow({ where: { id: response.id } })).phase).toBe('FINAL');
  });

  it('stores "Final submission" with every section\'s current version, heading and number', async () => {
    const { coordinator, slug, sections } = await drafting();
    await changePhase(coordinator, slug, { to: 'OPEN', deadline: inDays(3) });
    await changePhase(coordinator, slug, { to: 'CLOSED' });
    const { namedVersion } = await changePhase(coordinator, slug, { to: 'FINAL' });
    const named = await db().namedVersion.findUniqueOrThrow({ where: { id: namedVersion!.id }, include: { sections: { orderBy: { position: 'asc' } } } });
    expect(named.createdById).toBe(coordinator.id);
    expect(named.sections.map((s) => [s.sectionId, s.versionId, s.number, s.heading])).toEqual(sections.map((s) => [s.id, s.currentVersionId, s.number, s.heading]));
  });

  it('refuses moves that skip a phase, leave final, or open without a future deadline', async () => {
    const { coordinator, slug } = await drafting();
    await expect(changePhase(coordinator, slug, { to: 'OPEN' })).rejects.toMatchObject({ code: 'bad_request', fields: { deadline: expect.any(String) } });
    await expect(changePhase(coordinator, slug, { to: 'OPEN', deadline: inDays(-1) })).rejects.toMatchObject({ message: 'The deadline must be in the future' });
    await expect(changePhase(coordinator, slug, { to: 'FINAL' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('cannot move to final') });
    await expect(changePhase(coordinator, slug, { to: 'SOMETHING' })).rejects.toMatchObject({ code: 'bad_request', fields: { to: expect.any(String) } });
    await changePhase(coordinator, slug, { to: 'OPEN', deadline: inDays(3) });
    await changePhase(coordinator, slug, { to: 'CLOSED' });
    await changePhase(coordinator, slug, { to: 'FINAL' });
    await expect(changePhase(coordinator, slug, { to: 'OPEN', deadline: inDays(3) })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('a final response stays final') });
    expect(await db().phaseChange.count({ where: { response: { slug } } })).toBe(3);
  });

  it('lets a coordinator reopen a closed response with a new deadline, and move the deadline while open', async () => {
    const { coordinator, slug } = await drafting();
    await changePhase(coordinator, slug, { to: 'OPEN', deadline: inDays(3) });
    const moved = await changeDeadline(coordinator, slug, { deadline: '2099-01-31' });
    expect(moved.deadline).toBe('2099-01-31T23:59:00.000Z');
    await changePhase(coordinator, slug, { to: 'CLOSED' });
    await expect(changeDeadline(coordinator, slug, { deadline: inDays(5) })).rejects.toMatchObject({ code: 'conflict' });
    expect(await changePhase(coordinator, slug, { to: 'OPEN', deadline: inDays(10) })).toMatchObject({ phase: 'OPEN' });
  });

  it('refuses drafters and members (403 over the API), changing nothing', async () => {
    const { slug, response } = await drafting();
    for (const role of ['MEMBER', 'DRAFTER'] as const) {
      const { token } = await createPersonWithToken(role);
      const answer = await callRoute(phaseRoute, { method: 'POST', token, body: { to: 'OPEN', deadline: inDays(5) }, params: { slug } });
      expect(answer.status).toBe(403);
    }
    expect((await db().response.findUniqueOrThrow({ where: { id: response.id } })).phase).toBe('DRAFTING');
    const { token } = await createPersonWithToken('COORDINATOR');
    const answer = await callRoute(phaseRoute, { method: 'POST', token, body: { to: 'OPEN', deadline: inDays(5) }, params: { slug } });
    expect(answer.status).toBe(200);
    expect(answer.body.result.phase).toBe('OPEN');
    expect((await callRoute(phaseRoute, { method: 'POST', token, body: { to: 'OPEN' }, params: { slug: 'nope' } })).status).toBe(400);
    expect((await callRoute(phaseRoute, { method: 'POST', token, body: { to: 'CLOSED' }, params: { slug: 'nope' } })).status).toBe(404);
  });

  it('makes one move when two coordinators press at once', async () => {
    const { coordinator, slug } = await drafting();
    const other = await createPerson('COORDINATOR');
    await changePhase(coordinator, slug, { to: 'OPEN', deadline: inDays(3) });
    const results = await Promise.allSettled([changePhase(coordinator, slug, { to: 'CLOSED' }), changePhase(other, slug, { to: 'CLOSED' })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db().phaseChange.count({ where: { response: { slug }, to: 'CLOSED' } })).toBe(1);
  });
});

describe('[PHASES] closing and finalising are enforced on the server', () => {
  async function openWithFeedback() {
    const scene = await drafting();
    await changePhase(scene.coordinator, scene.slug, { to: 'OPEN', deadline: inDays(7) });
    const member = await createPerson('MEMBER');
    return { ...scene, member };
  }

  it('stops new comments, suggestions and case studies from members once closed', async () => {
    const { coordinator, slug, sections, member } = await openWithFeedback();
    await createComment(member, sections[0].id, { body: 'Before closing.' });
    await changePhase(coordinator, slug, { to: 'CLOSED' });
    await expect(createComment(member, sections[0].id, { body: 'After closing.' })).rejects.toMatchObject({ code: 'closed' });
    await expect(createSuggestion(member, sections[0].id, { anchor: { exact: 'warm' }, replacement: 'cosy' })).rejects.toMatchObject({ code: 'closed' });
    await expect(submitCaseStudy(member, slug, caseStudyBody([sections[0].id]))).rejects.toMatchObject({ status: 409 });
    expect(await db().comment.count({ where: { sectionId: sections[0].id } })).toBe(1);
    expect(await db().caseStudy.count({ where: { response: { slug } } })).toBe(0);
  });

  it('freezes the text once final: no accepted suggestion, no edit, no new version', async () => {
    const { coordinator, slug, sections, member } = await openWithFeedback();
    const { suggestion } = await createSuggestion(member, sections[0].id, { anchor: { exact: 'warm' }, replacement: 'cosy' });
    await changePhase(coordinator, slug, { to: 'CLOSED' });
    await changePhase(coordinator, slug, { to: 'FINAL' });
    const versions = await db().sectionVersion.count({ where: { sectionId: sections[0].id } });
    await expect(acceptSuggestion(coordinator, suggestion.id)).rejects.toMatchObject({ code: 'closed', message: expect.stringContaining('final') });
    await expect(
      applySectionEdit({ sectionId: sections[0].id, edit: () => docFromText('Changed.'), authorIds: [coordinator.id], source: 'EDIT', actorId: coordinator.id }),
    ).rejects.toMatchObject({ code: 'closed' });
    await expect(
      db().$transaction((tx) => commitSectionVersion(tx, { sectionId: sections[1].id, content: docFromText('Changed.'), authorIds: [], source: 'RESTORE', actorId: null })),
    ).rejects.toMatchObject({ code: 'closed' });
    expect(await db().sectionVersion.count({ where: { sectionId: sections[0].id } })).toBe(versions);
    expect((await db().suggestion.findUniqueOrThrow({ where: { id: suggestion.id } })).status).toBe('OPEN');
  });

  it('still lets drafters change the text while closed (merging feedback)', async () => {
    const { coordinator, slug, sections, member } = await openWithFeedback();
    const { suggestion } = await createSuggestion(member, sections[0].id, { anchor: { exact: 'warm' }, replacement: 'cosy' });
    await changePhase(coordinator, slug, { to: 'CLOSED' });
    const drafter = await createPerson('DRAFTER');
    await acceptSuggestion(drafter, suggestion.id);
    const section = await db().section.findUniqueOrThrow({ where: { id: sections[0].id }, include: { currentVersion: true } });
    expect(section.currentVersion!.text).toBe('Homes must be cosy.');
  });
});
