import { describe, expect, it } from 'vitest';
import { POST as disposeRoute } from '@/app/api/v1/dispositions/route';
import { GET as feedbackRoute } from '@/app/api/v1/sections/[id]/feedback/route';
import { createComment } from '@/lib/comments/mutations';
import { db } from '@/lib/db';
import { disposeFeedback } from '@/lib/merge/mutations';
import { getMergeOverview, getMergeSection, getResponseProgress } from '@/lib/merge/queries';
import { acceptSuggestion, createSuggestion, declineSuggestion } from '@/lib/suggestions/mutations';
import { callRoute, createCaseStudy, createPerson, createPersonWithToken, createResponse } from '@/tests/support/factories';

async function scene() {
  const coordinator = await createPersonWithToken('COORDINATOR');
  const drafter = await createPersonWithToken('DRAFTER');
  const alice = await createPerson('MEMBER', { name: 'Alice Member' });
  const bob = await createPerson('MEMBER', { name: 'Bob Member' });
  const { response, sections } = await createResponse({ sections: ['Homes must be warm and dry.', 'Transport must be cheap.'] });
  return { coordinator, drafter, alice, bob, response, sections };
}

async function agree(userId: string, target: { commentId?: string; suggestionId?: string }, withdrawn = false) {
  await db().agreement.create({ data: { userId, ...target, withdrawnAt: withdrawn ? new Date() : null } });
}

describe('[MERGE] the workspace lists every piece of feedback beside the text', () => {
  it('should require authentication, and refuses members (403)', async () => {
    const { sections } = await scene();
    expect((await callRoute(feedbackRoute, { params: { id: sections[0].id } })).status).toBe(401);
    const member = await createPersonWithToken('MEMBER');
    expect((await callRoute(feedbackRoute, { token: member.token, params: { id: sections[0].id } })).status).toBe(403);
    expect((await callRoute(disposeRoute, { method: 'POST', body: {} })).status).toBe(401);
  });

  it('shows comment threads with replies, suggestions and linked accepted case studies; unhandled first, most agreed first', async () => {
    const { coordinator, alice, bob, response, sections } = await scene();
    const quiet = (await createComment(alice, sections[0].id, { body: 'A quiet comment.' })).comment;
    const popular = (await createComment(bob, sections[0].id, { body: 'A popular comment.', anchor: { exact: 'warm' } })).comment;
    await createComment(alice, sections[0].id, { body: 'A reply.', parentId: popular.id });
    const withdrawn = (await createComment(bob, sections[0].id, { body: 'Withdrawn.' })).comment;
    await db().comment.update({ where: { id: withdrawn.id }, data: { withdrawnAt: new Date() } });
    const { suggestion } = await createSuggestion(alice, sections[0].id, { anchor: { exact: 'dry' }, replacement: 'dry all year' });
    const handled = (await createComment(bob, sections[0].id, { body: 'Already handled.' })).comment;
    await agree(alice.id, { commentId: popular.id });
    await agree(coordinator.person.id, { commentId: popular.id });
    await agree(bob.id, { commentId: quiet.id }, true); // taken back: does not count
    await agree(bob.id, { suggestionId: suggestion.id });
    const accepted = await createCaseStudy({ responseId: response.id, authorId: alice.id, sectionIds: [sections[0].id], status: 'ACCEPTED', title: 'Warm homes pilot' });
    await createCaseStudy({ responseId: response.id, authorId: alice.id, sectionIds: [sections[0].id], status: 'SUBMITTED' });
    await disposeFeedback(coordinator.person, { items: [{ type: 'comment', id: handled.id }], kind: 'NOTED' });

    const merge = await getMergeSection(coordinator.person, sections[0].id);
    expect(merge.section.text).toBe('Homes must be warm and dry.');
    expect(merge.items.map((i) => [i.type, i.id, i.agreeCount, i.handled])).toEqual([
      ['comment', popular.id, 2, false],
      ['suggestion', suggestion.id, 1, false],
      ['comment', quiet.id, 0, false],
      ['caseStudy', accepted.id, 0, false],
      ['comment', handled.id, 0, true],
    ]);
    expect(merge.items[0]).toMatchObject({ quote: 'warm', body: 'A popular comment.', author: { name: 'Bob Member' }, replies: [{ body: 'A reply.', author: { name: 'Alice Member' } }] });
    expect(merge.items[1]).toMatchObject({ quote: 'dry', replacement: 'dry all year' });
    expect(merge.items[3]).toMatchObject({ title: 'Warm homes pilot', credit: 'Casey Contact, Riverside Food Bank' });
    expect(JSON.stringify(merge)).not.toContain('@example.org');
    expect(merge.progress).toEqual({ handled: 1, total: 5 });
  });

  it('counts accepted and declined suggestions as handled, and reports progress per section and for the response', async () => {
    const { coordinator, drafter, alice, response, sections } = await scene();
    const a = (await createSuggestion(alice, sections[0].id, { anchor: { exact: 'warm' }, replacement: 'cosy' })).suggestion;
    const b = (await createSuggestion(alice, sections[0].id, { anchor: { exact: 'dry' }, replacement: 'damp-free' })).suggestion;
    await createSuggestion(alice, sections[1].id, { anchor: { exact: 'cheap' }, replacement: 'free' });
    await createComment(alice, sections[1].id, { body: 'More buses.' });
    await acceptSuggestion(drafter.person, a.id);
    await declineSuggestion(drafter.person, b.id, { reason: 'Too narrow.' });

    const progress = await getResponseProgress(coordinator.person, response.id);
    expect(progress.sections[sections[0].id]).toEqual({ handled: 2, total: 2 });
    expect(progress.sections[sections[1].id]).toEqual({ handled: 0, total: 2 });
    expect(progress.total).toEqual({ handled: 2, total: 4 });
    const overview = await getMergeOverview(coordinator.person, response.slug);
    expect(overview.sections.map((s) => s.progress)).toEqual([{ handled: 2, total: 2 }, { handled: 0, total: 2 }]);

    const items = (await getMergeSection(drafter.person, sections[0].id)).items;
    const declined = items.find((i) => i.id === b.id)!;
    expect(declined.disposition).toMatchObject({ kind: 'NOT_TAKEN_FORWARD', reply: 'Too narrow.', implied: true });
    const acceptedItem = items.find((i) => i.id === a.id)!;
    expect(acceptedItem.disposition).toMatchObject({ kind: 'INCORPORATED', implied: false });
    const version = await db().suggestion.findUniqueOrThrow({ where: { id: a.id } });
    expect(acceptedItem.disposition!.versionId).toBe(version.acceptedVersionId);
  });
});

describe('[MERGE] dispositions', () => {
  it('records a disposition with a reply, audits it, and tells the contributor in the app and by email', async () => {
    const { coordinator, alice, sections } = await scene();
    const { comment } = await createComment(alice, sections[0].id, { body: 'Mention damp.' });
    const answer = await callRoute(disposeRoute, {
      method: 'POST',
      token: coordinator.token,
      body: { items: [{ type: 'comment', id: comment.id }], kind: 'INCORPORATED', reply: 'Added to paragraph 2.' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.result).toEqual({ handled: 1, notified: 1 });
    const disposition = await db().disposition.findUniqueOrThrow({ where: { commentId: comment.id } });
    expect(disposition).toMatchObject({ kind: 'INCORPORATED', reply: 'Added to paragraph 2.', actorId: coordinator.person.id, sectionId: sections[0].id, versionId: sections[0].currentVersionId });
    const notification = await db().notification.findFirstOrThrow({ where: { userId: alice.id, kind: 'feedback.disposition' } });
    expect(notification).toMatchObject({ title: 'Your comment on "1. Section 1": incorporated', link: `/sections/${sections[0].id}#comment-${comment.id}` });
    expect(notification.body).toContain('Added to paragraph 2.');
    const mail = await db().devMailMessage.findFirstOrThrow({ where: { to: alice.email } });
    expect(mail.subject).toBe('Your comment on "1. Section 1": incorporated');
    expect(await db().auditEvent.count({ where: { action: 'feedback.dispose', targetId: comment.id } })).toBe(1);
  });

  it('handles many at once (bulk), across comments, suggestions and case studies, with one email per person', async () => {
    const { coordinator, drafter, alice, bob, response, sections } = await scene();
    const c1 = (await createComment(alice, sections[0].id, { body: 'One.' })).comment;
    const c2 = (await createComment(alice, sections[1].id, { body: 'Two.' })).comment;
    const c3 = (await createComment(bob, sections[0].id, { body: 'Three.' })).comment;
    const s1 = (await createSuggestion(alice, sections[0].id, { anchor: { exact: 'warm' }, replacement: 'cosy' })).suggestion;
    const k1 = await createCaseStudy({ responseId: response.id, authorId: bob.id, sectionIds: [sections[1].id, sections[0].id], status: 'FEATURED' });
    const result = await disposeFeedback(drafter.person, {
      items: [
        { type: 'comment', id: c1.id },
        { type: 'comment', id: c2.id },
        { type: 'comment', id: c3.id },
        { type: 'suggestion', id: s1.id },
        { type: 'caseStudy', id: k1.id },
        { type: 'comment', id: c1.id },
      ],
      kind: 'NOTED',
      reply: 'Thank you: we will keep this in mind.',
    });
    expect(result).toEqual({ handled: 5, notified: 5 });
    expect(await db().disposition.count({ where: { kind: 'NOTED', actorId: drafter.person.id } })).toBe(5);
    // The case study is handled in the first section it supports.
    expect((await db().disposition.findUniqueOrThrow({ where: { caseStudyId: k1.id } })).sectionId).toBe(sections[0].id);
    expect(await db().notification.count({ where: { userId: alice.id, kind: 'feedback.disposition' } })).toBe(3);
    const aliceMail = await db().devMailMessage.findMany({ where: { to: alice.email } });
    expect(aliceMail).toHaveLength(1);
    expect(aliceMail[0].subject).toBe('3 of your contributions were handled');
    expect(await db().devMailMessage.count({ where: { to: bob.email } })).toBe(1);
    // The case study supports two sections: it counts (as handled) in both.
    expect((await getResponseProgress(coordinator.person, response.id)).total).toEqual({ handled: 6, total: 6 });
  });

  it('replaces an earlier disposition, keeping the old one in the audit log', async () => {
    const { coordinator, drafter, alice, sections } = await scene();
    const { comment } = await createComment(alice, sections[0].id, { body: 'Consider renters.' });
    await disposeFeedback(drafter.person, { items: [{ type: 'comment', id: comment.id }], kind: 'NOTED', reply: 'Later.' });
    await disposeFeedback(coordinator.person, { items: [{ type: 'comment', id: comment.id }], kind: 'PARTLY_INCORPORATED', reply: 'Renters now mentioned.' });
    expect(await db().disposition.count({ where: { commentId: comment.id } })).toBe(1);
    const events = await db().auditEvent.findMany({ where: { action: 'feedback.dispose', targetId: comment.id }, orderBy: { createdAt: 'asc' } });
    expect(events).toHaveLength(2);
    expect(events[1].data).toMatchObject({ kind: 'PARTLY_INCORPORATED', previous: { kind: 'NOTED', reply: 'Later.', actorId: drafter.person.id } });
  });

  it('links "incorporated" to a chosen version of the same section, and refuses a version of another section', async () => {
    const { coordinator, alice, sections } = await scene();
    const { comment } = await createComment(alice, sections[0].id, { body: 'x' });
    await expect(
      disposeFeedback(coordinator.person, { items: [{ type: 'comment', id: comment.id }], kind: 'INCORPORATED', versionId: sections[1].currentVersionId }),
    ).rejects.toMatchObject({ code: 'bad_request', fields: { versionId: expect.any(String) } });
    await disposeFeedback(coordinator.person, { items: [{ type: 'comment', id: comment.id }], kind: 'INCORPORATED', versionId: sections[0].currentVersionId });
    expect((await db().disposition.findUniqueOrThrow({ where: { commentId: comment.id } })).versionId).toBe(sections[0].currentVersionId);
    await disposeFeedback(coordinator.person, { items: [{ type: 'comment', id: comment.id }], kind: 'NOTED', versionId: sections[0].currentVersionId });
    expect((await db().disposition.findUniqueOrThrow({ where: { commentId: comment.id } })).versionId).toBeNull();
  });

  it('refuses members (403), bad input (400 per field) and unknown feedback (404), storing nothing', async () => {
    const { coordinator, alice, sections } = await scene();
    const { comment } = await createComment(alice, sections[0].id, { body: 'x' });
    const reply = (await createComment(alice, sections[0].id, { body: 'y', parentId: comment.id })).comment;
    const member = await createPersonWithToken('MEMBER');
    const post = (token: string, body: unknown) => callRoute(disposeRoute, { method: 'POST', token, body });
    expect((await post(member.token, { items: [{ type: 'comment', id: comment.id }], kind: 'NOTED' })).status).toBe(403);
    const bad = await post(coordinator.token, { items: [], kind: 'MAYBE', reply: 'x'.repeat(2001) });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['items', 'kind', 'reply']);
    expect((await post(coordinator.token, { items: [{ type: 'comment', id: 'nope' }], kind: 'NOTED' })).status).toBe(404);
    expect((await post(coordinator.token, { items: [{ type: 'comment', id: reply.id }], kind: 'NOTED' })).status).toBe(400);
    // One unknown item in a batch: nothing of the batch is stored.
    expect((await post(coordinator.token, { items: [{ type: 'comment', id: comment.id }, { type: 'suggestion', id: 'nope' }], kind: 'NOTED' })).status).toBe(404);
    expect(await db().disposition.count({ where: { commentId: comment.id } })).toBe(0);
    expect(await db().notification.count({ where: { userId: alice.id } })).toBe(0);
  });

  it('shows drafters only the case studies their submitters let members see; coordinators all accepted ones', async () => {
    const { coordinator, drafter, alice, response, sections } = await scene();
    const shown = await createCaseStudy({ responseId: response.id, authorId: alice.id, sectionIds: [sections[0].id], status: 'ACCEPTED', title: 'Shown one' });
    const hidden = await createCaseStudy({ responseId: response.id, authorId: alice.id, sectionIds: [sections[0].id], status: 'ACCEPTED', consentShow: false, title: 'Hidden one' });
    const forDrafter = (await getMergeSection(drafter.person, sections[0].id)).items.map((i) => i.id);
    expect(forDrafter).toEqual([shown.id]);
    const forCoordinator = (await getMergeSection(coordinator.person, sections[0].id)).items.map((i) => i.id).sort();
    expect(forCoordinator).toEqual([shown.id, hidden.id].sort());
    await expect(disposeFeedback(drafter.person, { items: [{ type: 'caseStudy', id: hidden.id }], kind: 'NOTED' })).rejects.toMatchObject({ code: 'not_found' });
    await disposeFeedback(coordinator.person, { items: [{ type: 'caseStudy', id: hidden.id }], kind: 'NOTED' });
  });

  it('does not notify people about their own feedback', async () => {
    const { drafter, sections } = await scene();
    const { comment } = await createComment(drafter.person, sections[0].id, { body: 'Note to self.' });
    expect(await disposeFeedback(drafter.person, { items: [{ type: 'comment', id: comment.id }], kind: 'NOTED' })).toEqual({ handled: 1, notified: 0 });
  });
});

describe('[MERGE] moving between sections', () => {
  it('links to the sections before and after in reading order, as the section page does, even where positions have gaps', async () => {
    const drafter = await createPerson('DRAFTER');
    const { sections } = await createResponse({ sections: ['First.', 'Second.', 'Third.'] });
    // Positions need not be consecutive (an imported or reordered response): reading order is what counts.
    await Promise.all(sections.map((section, index) => db().section.update({ where: { id: section.id }, data: { position: index * 10 } })));
    const ref = (section: { id: string }) => expect.objectContaining({ id: section.id });
    const middle = await getMergeSection(drafter, sections[1].id);
    expect([middle.previous, middle.next]).toEqual([ref(sections[0]), ref(sections[2])]);
    const first = await getMergeSection(drafter, sections[0].id);
    expect([first.previous, first.next]).toEqual([null, ref(sections[1])]);
    const last = await getMergeSection(drafter, sections[2].id);
    expect([last.previous, last.next]).toEqual([ref(sections[1]), null]);
  });
});
