import { describe, expect, it } from 'vitest';
import { DELETE as agreeDeleteRoute, POST as agreeRoute } from '@/app/api/v1/comments/[id]/agree/route';
import { DELETE as withdrawRoute, GET as getCommentRoute, PATCH as patchRoute } from '@/app/api/v1/comments/[id]/route';
import { GET as listCommentsRoute, POST as postCommentRoute } from '@/app/api/v1/sections/[id]/comments/route';
import { db } from '@/lib/db';
import { allowances } from '@/lib/contributions/allowances';
import { callRoute } from '@/tests/support/factories';
import { auditActions, editSection, listComments, postComment, postSuggestion, scene, type Actor } from '@/tests/support/feedback';

const FEEDBACK_PER_MINUTE = allowances.feedback.most;

const patch = (who: Actor, id: string, body: unknown) => callRoute(patchRoute, { method: 'PATCH', token: who.token, body, params: { id } });
const withdraw = (who: Actor, id: string) => callRoute(withdrawRoute, { method: 'DELETE', token: who.token, params: { id } });
const agreeWith = (who: Actor, id: string) => callRoute(agreeRoute, { method: 'POST', token: who.token, params: { id } });
const takeBack = (who: Actor, id: string) => callRoute(agreeDeleteRoute, { method: 'DELETE', token: who.token, params: { id } });
const commentCount = (sectionId: string) => db().comment.count({ where: { sectionId } });

describe('[COMMENTS] authentication', () => {
  it('should require authentication on every comment endpoint', async () => {
    const answers = [
      await callRoute(listCommentsRoute, { params: { id: 'x' } }),
      await callRoute(postCommentRoute, { method: 'POST', body: { body: 'Hi' }, params: { id: 'x' } }),
      await callRoute(getCommentRoute, { params: { id: 'x' } }),
      await callRoute(patchRoute, { method: 'PATCH', body: { body: 'Hi' }, params: { id: 'x' } }),
      await callRoute(withdrawRoute, { method: 'DELETE', params: { id: 'x' } }),
      await callRoute(agreeRoute, { method: 'POST', params: { id: 'x' } }),
      await callRoute(agreeDeleteRoute, { method: 'DELETE', params: { id: 'x' } }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 401, 401]);
  });
});

describe('[COMMENTS] commenting on a passage or the whole section', () => {
  it('stores a comment on a passage as a TextQuoteSelector with offsets and answers 201 in the documented shape', async () => {
    const { alice, section } = await scene();
    const { status, body } = await postComment(alice, section.id, { body: 'Which formula?', anchor: { exact: 'the funding formula ignores them' } });
    expect(status).toBe(201);
    const start = section.text.indexOf('the funding formula ignores them');
    expect(body.comment).toMatchObject({
      id: expect.any(String),
      body: 'Which formula?',
      author: { name: 'Alice Member' },
      anchor: { exact: 'the funding formula ignores them', prefix: section.text.slice(start - 32, start), suffix: section.text.slice(start + 32, start + 64), start, end: start + 32 },
      location: { status: 'anchored', start, end: start + 32 },
      status: 'OPEN',
      agreeCount: 0,
      createdAt: expect.any(String),
      replies: [],
    });
    expect(JSON.stringify(body)).not.toContain('@');
    const stored = await db().comment.findUniqueOrThrow({ where: { id: body.comment.id } });
    expect(stored.anchor).toMatchObject({ exact: 'the funding formula ignores them', start, end: start + 32, versionId: section.currentVersionId });
    expect(await auditActions(body.comment.id)).toEqual(['comment.create']);
  });

  it('lists threads with replies, author names and agreement counts as the API documents', async () => {
    const { alice, bob, section } = await scene();
    const thread = (await postComment(alice, section.id, { body: 'On the whole section.' })).body.comment;
    await postComment(bob, section.id, { body: 'I agree.', parentId: thread.id });
    await agreeWith(bob, thread.id);
    const { status, body } = await listComments(alice, section.id);
    expect(status).toBe(200);
    expect(body.comments).toHaveLength(1);
    expect(body.comments[0]).toMatchObject({ id: thread.id, body: 'On the whole section.', author: { name: 'Alice Member' }, anchor: null, status: 'OPEN', agreeCount: 1 });
    expect(body.comments[0].replies).toEqual([expect.objectContaining({ body: 'I agree.', author: { name: 'Bob Member' }, anchor: null, agreeCount: 0 })]);
  });

  it('tells which of two identical phrases is meant from the context, and refuses to guess without it', async () => {
    const { alice, section } = await scene();
    const ambiguous = await postComment(alice, section.id, { body: 'Which one?', anchor: { exact: 'the funding formula' } });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.error.fields['anchor.exact']).toMatch(/occur 2 times/);
    const second = await postComment(alice, section.id, { body: 'This one.', anchor: { exact: 'the funding formula', prefix: 'ignores them, and ' } });
    expect(second.status).toBe(201);
    expect(second.body.comment.anchor.start).toBe(section.text.lastIndexOf('the funding formula'));
    const byOffset = await postComment(alice, section.id, { body: 'The first.', anchor: { exact: 'the funding formula', start: section.text.indexOf('the funding formula') } });
    expect(byOffset.body.comment.anchor.start).toBe(section.text.indexOf('the funding formula'));
  });

  it('keeps a comment on the same words when the text changes elsewhere, re-anchors edited words and detaches deleted ones', async () => {
    const { alice, drafter, section } = await scene();
    const onEvidence = (await postComment(alice, section.id, { body: 'Yes!', anchor: { exact: 'publish its evidence' } })).body.comment;
    const onYears = (await postComment(alice, section.id, { body: 'Longer?', anchor: { exact: 'for three years at a time' } })).body.comment;
    const onRents = (await postComment(alice, section.id, { body: 'Source?', anchor: { exact: 'Rents have risen by a third since 2019.' } })).body.comment;
    await editSection(section.id, drafter.person.id, 'Local charities carry', 'Small local charities and community groups carry');
    await editSection(section.id, drafter.person.id, 'three years', 'five years');
    await editSection(section.id, drafter.person.id, 'Rents have risen by a third since 2019.', '');
    const { body } = await listComments(alice, section.id);
    const text = (await db().section.findUniqueOrThrow({ where: { id: section.id }, include: { currentVersion: true } })).currentVersion!.text!;
    const byId = Object.fromEntries(body.comments.map((c: { id: string }) => [c.id, c]));
    const at = (location: { start: number; end: number }) => text.slice(location.start, location.end);
    expect(byId[onEvidence.id].location.status).toBe('anchored');
    expect(at(byId[onEvidence.id].location)).toBe('publish its evidence');
    expect(byId[onYears.id].location.status).toBe('changed');
    expect(at(byId[onYears.id].location)).toBe('for five years at a time');
    expect(byId[onRents.id].location).toEqual({ status: 'detached', start: null, end: null });
    expect(byId[onRents.id].anchor.exact).toBe('Rents have risen by a third since 2019.');
  });

  it('keeps what a person typed, HTML and line breaks included, as plain text', async () => {
    const { alice, section } = await scene();
    const body = '<script>alert("x")</script>\nSecond line <b>bold?</b> https://example.org/a?b=1';
    const { body: answer } = await postComment(alice, section.id, { body });
    expect(answer.comment.body).toBe(body);
    expect((await listComments(alice, section.id)).body.comments[0].body).toBe(body);
  });
});

describe('[COMMENTS] bad input is refused with a message per field and nothing is stored', () => {
  it('refuses an empty body, a blank body and a body over 10,000 characters', async () => {
    const { alice, section } = await scene();
    for (const body of ['', '   \n  ', 'x'.repeat(10_001), undefined, 42]) {
      const answer = await postComment(alice, section.id, { body, anchor: null });
      expect(answer.status, JSON.stringify(body)?.slice(0, 20)).toBe(400);
      expect(answer.body.error.code).toBe('bad_request');
      expect(answer.body.error.fields.body).toEqual(expect.any(String));
    }
    expect((await postComment(alice, section.id, { body: 'x'.repeat(10_000) })).status).toBe(201);
    expect(await commentCount(section.id)).toBe(1);
  });

  it('refuses an anchor whose words are not in the section, an empty quote and a malformed anchor', async () => {
    const { alice, section } = await scene();
    const missing = await postComment(alice, section.id, { body: 'Hm', anchor: { exact: 'words that are nowhere' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields['anchor.exact']).toMatch(/not in the section/);
    const empty = await postComment(alice, section.id, { body: 'Hm', anchor: { exact: '' } });
    expect(empty.body.error.fields['anchor.exact']).toMatch(/Select the words/);
    const malformed = await postComment(alice, section.id, { body: 'Hm', anchor: 'the funding formula' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields.anchor).toEqual(expect.any(String));
    const badOffset = await postComment(alice, section.id, { body: 'Hm', anchor: { exact: 'Yet', start: -1 } });
    expect(badOffset.body.error.fields['anchor.start']).toEqual(expect.any(String));
    expect(await commentCount(section.id)).toBe(0);
  });

  it('answers 404 for an unknown section, parent or comment', async () => {
    const { alice, section } = await scene();
    expect((await postComment(alice, 'no-such-section', { body: 'Hi' })).status).toBe(404);
    expect((await listComments(alice, 'no-such-section')).status).toBe(404);
    const orphan = await postComment(alice, section.id, { body: 'Hi', parentId: 'no-such-comment' });
    expect(orphan.status).toBe(404);
    expect(orphan.body.error.message).toMatch(/replying to/);
    expect((await patch(alice, 'no-such-comment', { body: 'x' })).status).toBe(404);
    expect((await withdraw(alice, 'no-such-comment')).status).toBe(404);
    expect((await agreeWith(alice, 'no-such-comment')).status).toBe(404);
    expect((await callRoute(getCommentRoute, { token: alice.token, params: { id: 'no-such-comment' } })).status).toBe(404);
    expect(await commentCount(section.id)).toBe(0);
  });

  it('refuses a reply with its own anchor, a reply to a comment on another section, and a body that is not JSON', async () => {
    const { alice, bob, section, other } = await scene();
    const thread = (await postComment(alice, section.id, { body: 'Thread' })).body.comment;
    const anchored = await postComment(bob, section.id, { body: 'Reply', parentId: thread.id, anchor: { exact: 'Yet' } });
    expect(anchored.body.error.fields.anchor).toMatch(/reply/);
    const elsewhere = await postComment(bob, other.id, { body: 'Reply', parentId: thread.id });
    expect(elsewhere.body.error.fields.parentId).toMatch(/another section/);
    const notJson = await callRoute(postCommentRoute, { method: 'POST', token: bob.token, body: 'body=hi', params: { id: section.id }, headers: { 'content-type': 'text/plain' } });
    expect(notJson.status).toBe(415);
    expect(await commentCount(section.id)).toBe(1);
  });
});

describe('[COMMENTS] only while the response is open for comment', () => {
  it('answers "closed for comments" to members and drafters while drafting, closed or final; coordinators may always comment', async () => {
    for (const phase of ['DRAFTING', 'CLOSED', 'FINAL'] as const) {
      const { alice, drafter, coordinator, section } = await scene(phase);
      for (const who of [alice, drafter]) {
        const answer = await postComment(who, section.id, { body: 'Late thought' });
        expect(answer.status).toBe(409);
        expect(answer.body.error).toMatchObject({ code: 'closed', message: expect.stringContaining('closed for comments') });
      }
      expect(await commentCount(section.id)).toBe(0);
      expect((await postComment(coordinator, section.id, { body: 'Coordinator note' })).status).toBe(201);
    }
  });

  it('refuses edits and agreements once closed, but lets authors withdraw and drafters resolve', async () => {
    const { alice, bob, drafter, section, response } = await scene();
    const thread = (await postComment(alice, section.id, { body: 'Before the deadline' })).body.comment;
    await db().response.update({ where: { id: response.id }, data: { phase: 'CLOSED' } });
    expect((await patch(alice, thread.id, { body: 'Changed my mind' })).body.error.code).toBe('closed');
    expect((await agreeWith(bob, thread.id)).body.error.code).toBe('closed');
    expect((await patch(drafter, thread.id, { status: 'resolved' })).status).toBe(200);
    expect((await withdraw(alice, thread.id)).status).toBe(200);
  });
});

describe('[COMMENTS] replies, edits, withdrawal, resolving', () => {
  it('files a reply to a reply in the same thread', async () => {
    const { alice, bob, drafter, section } = await scene();
    const thread = (await postComment(alice, section.id, { body: 'Thread' })).body.comment;
    const reply = (await postComment(bob, section.id, { body: 'Reply', parentId: thread.id })).body.comment;
    const answer = await postComment(drafter, section.id, { body: 'Reply to reply', parentId: reply.id });
    expect(answer.body.comment.parentId).toBe(thread.id);
    const { body } = await listComments(alice, section.id);
    expect(body.comments[0].replies.map((r: { body: string }) => r.body)).toEqual(['Reply', 'Reply to reply']);
    expect(await auditActions(reply.id)).toEqual(['comment.reply']);
  });

  it('lets the author edit a comment, keeps the earlier text and marks it edited', async () => {
    const { alice, section } = await scene();
    const thread = (await postComment(alice, section.id, { body: 'First words' })).body.comment;
    const answer = await patch(alice, thread.id, { body: 'Better words' });
    expect(answer.status).toBe(200);
    expect(answer.body.comment).toMatchObject({ body: 'Better words', edited: true, editedAt: expect.any(String) });
    const revisions = await db().commentRevision.findMany({ where: { commentId: thread.id } });
    expect(revisions.map((r) => r.body)).toEqual(['First words']);
    expect(await auditActions(thread.id)).toEqual(['comment.create', 'comment.edit']);
  });

  it('[COMMENTS] a member cannot edit or withdraw someone else\'s comment, and neither can a coordinator', async () => {
    const { alice, bob, coordinator, section } = await scene();
    const thread = (await postComment(alice, section.id, { body: 'Mine' })).body.comment;
    for (const who of [bob, coordinator]) {
      const edit = await patch(who, thread.id, { body: 'Not yours' });
      expect(edit.status).toBe(403);
      expect(edit.body.error.message).toMatch(/Only its author/);
      expect((await withdraw(who, thread.id)).status).toBe(403);
    }
    const stored = await db().comment.findUniqueOrThrow({ where: { id: thread.id } });
    expect(stored).toMatchObject({ body: 'Mine', editedAt: null, withdrawnAt: null });
  });

  it('refuses an empty edit or an edit with nothing in it', async () => {
    const { alice, section } = await scene();
    const thread = (await postComment(alice, section.id, { body: 'Mine' })).body.comment;
    expect((await patch(alice, thread.id, { body: '  ' })).body.error.fields.body).toMatch(/empty/);
    expect((await patch(alice, thread.id, {})).body.error.fields.body).toMatch(/Send a new/);
    expect((await patch(alice, thread.id, { status: 'done' })).body.error.fields.status).toMatch(/open.*resolved/);
  });

  it('withdraws a comment: its text disappears for others, the thread with replies stays as withdrawn, nothing is deleted', async () => {
    const { alice, bob, section } = await scene();
    const lonely = (await postComment(alice, section.id, { body: 'Nobody answered this' })).body.comment;
    const thread = (await postComment(alice, section.id, { body: 'Answered' })).body.comment;
    await postComment(bob, section.id, { body: 'An answer', parentId: thread.id });
    const answer = await withdraw(alice, thread.id);
    expect(answer.status).toBe(200);
    expect(answer.body.comment).toMatchObject({ withdrawn: true, body: '', author: null });
    await withdraw(alice, lonely.id);
    expect((await withdraw(alice, lonely.id)).status).toBe(200);
    const { body } = await listComments(bob, section.id);
    expect(body.comments).toHaveLength(1);
    expect(body.comments[0]).toMatchObject({ id: thread.id, withdrawn: true, body: '', author: null });
    expect(body.comments[0].replies[0].body).toBe('An answer');
    expect(JSON.stringify(body)).not.toContain('Answered');
    expect(await db().comment.count({ where: { sectionId: section.id } })).toBe(3);
    expect((await patch(alice, thread.id, { body: 'Back again' })).status).toBe(409);
    expect(await auditActions(lonely.id)).toEqual(['comment.create', 'comment.withdraw']);
  });

  it('lets the thread\'s author, drafters and coordinators resolve and reopen it, but not other members', async () => {
    const { alice, bob, drafter, coordinator, section } = await scene();
    const thread = (await postComment(alice, section.id, { body: 'Thread' })).body.comment;
    const reply = (await postComment(bob, section.id, { body: 'Reply', parentId: thread.id })).body.comment;
    const refused = await patch(bob, thread.id, { status: 'resolved' });
    expect(refused.status).toBe(403);
    expect((await patch(bob, reply.id, { status: 'resolved' })).body.error.fields.status).toMatch(/thread/);
    for (const who of [alice, drafter, coordinator]) {
      const resolved = await patch(who, thread.id, { status: 'resolved' });
      expect(resolved.body.comment).toMatchObject({ status: 'RESOLVED', resolvedBy: { name: who.person.name } });
      expect((await patch(who, thread.id, { status: 'OPEN' })).body.comment).toMatchObject({ status: 'OPEN', resolvedBy: null });
    }
    expect(await auditActions(thread.id)).toEqual(['comment.create', ...Array(3).fill(['comment.resolve', 'comment.reopen']).flat()]);
  });
});

describe('[COMMENTS] a resent request or a double click does not create a duplicate', () => {
  it('returns the first comment for a repeated clientKey, from the body or the Idempotency-Key header', async () => {
    const { alice, section } = await scene();
    const first = await postComment(alice, section.id, { body: 'Once', clientKey: 'form-1' });
    const again = await postComment(alice, section.id, { body: 'Once', clientKey: 'form-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.comment.id).toBe(first.body.comment.id);
    const byHeader = await postComment(alice, section.id, { body: 'Twice?' }, { 'idempotency-key': 'req-7' });
    const byHeaderAgain = await postComment(alice, section.id, { body: 'Twice?' }, { 'idempotency-key': 'req-7' });
    expect(byHeaderAgain.body.comment.id).toBe(byHeader.body.comment.id);
    expect(await commentCount(section.id)).toBe(2);
  });

  it('stores one comment when the same request arrives twice at the same moment', async () => {
    const { alice, section } = await scene();
    const answers = await Promise.all([1, 2, 3].map(() => postComment(alice, section.id, { body: 'Double click', clientKey: 'click-1' })));
    expect(new Set(answers.map((a) => a.body.comment.id)).size).toBe(1);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(await commentCount(section.id)).toBe(1);
  });

  it('lets two people use the same key', async () => {
    const { alice, bob, section } = await scene();
    await postComment(alice, section.id, { body: 'A', clientKey: 'same' });
    await postComment(bob, section.id, { body: 'B', clientKey: 'same' });
    expect(await commentCount(section.id)).toBe(2);
  });
});

describe('[COMMENTS] at most 30 comments and suggestions a minute per person', () => {
  it('answers 429 with Retry-After and a message saying when to try again, counting stored rows', async () => {
    const { alice, bob, section } = await scene();
    // Rows written by other server processes count too: the limit reads the database.
    await db().comment.createMany({ data: Array.from({ length: FEEDBACK_PER_MINUTE - 1 }, (_, i) => ({ sectionId: section.id, authorId: alice.person.id, body: `Bulk ${i}` })) });
    expect((await postComment(alice, section.id, { body: 'The thirtieth' })).status).toBe(201);
    const refused = await postComment(alice, section.id, { body: 'The thirty-first' });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.error.message).toMatch(new RegExp(`wait ${retryAfter} seconds? and try again`));
    expect(await commentCount(section.id)).toBe(FEEDBACK_PER_MINUTE);
    expect((await postComment(bob, section.id, { body: 'Someone else' })).status).toBe(201);
  });

  it('forgets posts older than a minute', async () => {
    const { alice, section } = await scene();
    const earlier = new Date(Date.now() - 61_000);
    await db().comment.createMany({ data: Array.from({ length: FEEDBACK_PER_MINUTE }, (_, i) => ({ sectionId: section.id, authorId: alice.person.id, body: `Old ${i}`, createdAt: earlier })) });
    expect((await postComment(alice, section.id, { body: 'Fresh minute' })).status).toBe(201);
  });
});

describe('[COMMENTS] agreeing', () => {
  it('counts one agreement per person, lets it be taken back and given again, and keeps the history', async () => {
    const { alice, bob, drafter, section } = await scene();
    const thread = (await postComment(alice, section.id, { body: 'Agree with me' })).body.comment;
    expect((await agreeWith(bob, thread.id)).body).toEqual({ agreed: true, agreeCount: 1 });
    expect((await agreeWith(bob, thread.id)).body).toEqual({ agreed: true, agreeCount: 1 });
    expect((await agreeWith(drafter, thread.id)).body).toEqual({ agreed: true, agreeCount: 2 });
    expect((await takeBack(bob, thread.id)).body).toEqual({ agreed: false, agreeCount: 1 });
    expect((await takeBack(bob, thread.id)).body).toEqual({ agreed: false, agreeCount: 1 });
    const listed = (await listComments(bob, section.id)).body.comments[0];
    expect(listed).toMatchObject({ agreeCount: 1, agreedByMe: false });
    expect((await agreeWith(bob, thread.id)).body).toEqual({ agreed: true, agreeCount: 2 });
    expect((await listComments(bob, section.id)).body.comments[0]).toMatchObject({ agreeCount: 2, agreedByMe: true });
    expect(await db().agreement.count({ where: { commentId: thread.id } })).toBe(2);
    expect(await auditActions(thread.id)).toEqual(['comment.create', 'agreement.create', 'agreement.create', 'agreement.withdraw', 'agreement.create']);
  });

  it('refuses agreeing with one\'s own or a withdrawn comment', async () => {
    const { alice, bob, section } = await scene();
    const thread = (await postComment(alice, section.id, { body: 'Mine' })).body.comment;
    expect((await agreeWith(alice, thread.id)).status).toBe(403);
    await withdraw(alice, thread.id);
    expect((await agreeWith(bob, thread.id)).status).toBe(409);
  });
});

describe('[COMMENTS] reading a busy section stays cheap', () => {
  it('reads 1,000 comments with replies and agreements in one SQL query', async () => {
    const { alice, bob, section } = await scene();
    const rows = Array.from({ length: 1000 }, (_, i) => ({ id: `bulk-${i}`, sectionId: section.id, authorId: i % 2 ? alice.person.id : bob.person.id, body: `Comment ${i}`, anchor: { exact: 'funding formula', prefix: 'Yet the ', suffix: ' ignores them', start: 0, end: 0 } }));
    await db().comment.createMany({ data: rows });
    await db().comment.createMany({ data: Array.from({ length: 200 }, (_, i) => ({ sectionId: section.id, authorId: alice.person.id, body: `Reply ${i}`, parentId: `bulk-${i}` })) });
    await db().agreement.createMany({ data: Array.from({ length: 300 }, (_, i) => ({ userId: alice.person.id, commentId: `bulk-${i}` })) });
    const { getAllSectionFeedback } = await import('@/lib/feedback/queries');
    const pg = await import('pg');
    let queries = 0;
    const original = pg.default.Client.prototype.query;
    pg.default.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
      queries++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      const feedback = await getAllSectionFeedback(bob.person, section.id);
      expect(feedback.later).toBeNull();
      expect(feedback.comments).toHaveLength(1000);
      expect(feedback.comments.reduce((n, c) => n + c.replies.length, 0)).toBe(200);
      expect(feedback.comments.filter((c) => c.agreedByMe).length).toBe(0);
      expect(feedback.comments.filter((c) => c.agreeCount === 1).length).toBe(300);
      expect(feedback.comments.every((c) => c.location?.status === 'anchored')).toBe(true);
    } finally {
      pg.default.Client.prototype.query = original;
    }
    expect(queries).toBe(1);
  });

  it('sends the first screen in reading order and the rest, each once, after it', async () => {
    const { alice, bob, section } = await scene();
    const { getLaterFeedback, getSectionFeedback } = await import('@/lib/feedback/queries');
    const { FIRST_SCREEN_ITEMS } = await import('@/lib/feedback/reading-order');
    const { textFingerprint } = await import('@/lib/anchoring/fingerprint');
    const { compareReading, readingKey } = await import('@/lib/feedback/reading-order');
    // Passages all over the text, written in an order unlike the text's, with whole-section comments and suggestions among them.
    const words = section.text.split(/\s+/).filter((word) => word.length > 4);
    const total = FIRST_SCREEN_ITEMS + 40;
    // Suggestions through the API first: comments stored below count towards the same allowance.
    const order = Array.from({ length: total }, (_, i) => i).sort((a, b) => Number(b % 10 === 5) - Number(a % 10 === 5));
    // Anchors made on the current version (placed where they were made), on an earlier one
    // (offsets out of date, here mirrored: found again by their quote) and on none (older data).
    const { currentVersionId } = await db().section.findUniqueOrThrow({ where: { id: section.id } });
    const madeOn = (i: number, at: number, length: number) =>
      i % 3 === 0 ? { versionId: currentVersionId, start: at } : i % 3 === 1 ? { versionId: 'an-earlier-version', start: section.text.length - at - length } : { versionId: undefined, start: at };
    for (const i of order) {
      const word = words[(i * 7) % words.length];
      const { versionId, start } = madeOn(i, section.text.indexOf(word), word.length);
      const body = { body: `Thread ${i}`, ...(i % 9 === 0 ? {} : { anchor: { exact: word, start, end: start + word.length, versionId } }) };
      if (i % 10 === 5) expect((await postSuggestion(i % 2 ? alice : bob, section.id, { anchor: { exact: word, start: section.text.indexOf(word), end: section.text.indexOf(word) + word.length }, replacement: `${word}s` })).status).toBe(201);
      else await db().comment.create({ data: { sectionId: section.id, authorId: i % 2 ? alice.person.id : bob.person.id, body: body.body, anchor: 'anchor' in body ? { ...body.anchor, prefix: '', suffix: '' } : undefined } });
    }
    // Withdrawn ones the margin does not show (a thread, a suggestion), and a withdrawn thread it does (a reply still stands).
    const threads = await db().comment.findMany({ where: { sectionId: section.id }, orderBy: { createdAt: 'asc' }, take: 3 });
    await db().comment.update({ where: { id: threads[0].id }, data: { withdrawnAt: new Date() } });
    await db().comment.update({ where: { id: threads[1].id }, data: { withdrawnAt: new Date() } });
    await db().comment.create({ data: { sectionId: section.id, authorId: alice.person.id, body: 'A reply that stands', parentId: threads[1].id } });
    const oneSuggestion = await db().suggestion.findFirstOrThrow({ where: { sectionId: section.id } });
    await db().suggestion.update({ where: { id: oneSuggestion.id }, data: { status: 'WITHDRAWN' } });
    const shownInAll = total - 2;

    // The page passes the text it has read with the section and shows: anchors are placed in that.
    const first = await getSectionFeedback(bob.person, section.id, { text: section.text, versionId: currentVersionId });
    const moved = await getSectionFeedback(bob.person, section.id, { text: `Moved. ${section.text}`, versionId: 'a-later-version' });
    const startOf = (items: { id: string; location: { start: number | null } | null }[]) => new Map(items.map((item) => [item.id, item.location?.start ?? null]));
    const before = startOf([...first.comments, ...first.suggestions]);
    for (const [id, start] of startOf([...moved.comments, ...moved.suggestions])) expect(start, id).toBe(before.get(id) === null ? null : before.get(id)! + 'Moved. '.length);
    const shown = first.comments.length + first.suggestions.length;
    expect(shown).toBe(FIRST_SCREEN_ITEMS);
    expect(first.later).toMatchObject({ count: shownInAll - FIRST_SCREEN_ITEMS });
    // The first screen, chosen from the reading order alone, is the start of everything read in full.
    const { getAllSectionFeedback } = await import('@/lib/feedback/queries');
    const all = await getAllSectionFeedback(bob.person, section.id);
    const byReading = <T extends { id: string; createdAt: string; location: Parameters<typeof readingKey>[1] }>(items: T[]) => items.map((item) => readingKey(item, item.location)).sort(compareReading).map((key) => key.id);
    expect(byReading([...first.comments, ...first.suggestions])).toEqual(byReading([...all.comments, ...all.suggestions]).slice(0, FIRST_SCREEN_ITEMS));
    expect(first.comments.find((thread) => thread.id === threads[1].id)?.replies ?? all.comments.find((thread) => thread.id === threads[1].id)?.replies).toHaveLength(1);
    expect(first.textFingerprint).toBe(textFingerprint(section.text));
    expect(JSON.stringify(first)).not.toContain(section.text);
    const rest = await getLaterFeedback(bob.person, section.id, first.later!.after);
    const ids = [...first.comments, ...first.suggestions, ...rest.comments, ...rest.suggestions].map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(shownInAll);
    expect(ids).not.toContain(threads[0].id);
    expect(ids).not.toContain(oneSuggestion.id);
    // Everything on the first screen comes before everything after it in reading order.
    const keys = (items: { id: string; createdAt: string; location: { status: 'anchored' | 'changed' | 'detached'; start: number | null; end: number | null } | null }[]) => items.map((item) => readingKey(item, item.location));
    const lastShown = keys([...first.comments, ...first.suggestions]).sort(compareReading).at(-1)!;
    expect(lastShown).toEqual(first.later!.after);
    expect(keys([...rest.comments, ...rest.suggestions]).every((key) => compareReading(key, lastShown) > 0)).toBe(true);
  });

  it('answers the rest at GET /api/v1/sections/{id}/margin, to the signed-in only, as the page asks for it', async () => {
    const { alice, bob, section } = await scene();
    const { GET: marginRoute } = await import('@/app/api/v1/sections/[id]/margin/route');
    const { laterFeedbackUrl } = await import('@/lib/feedback/reading-order');
    const thread = (await postComment(alice, section.id, { body: 'Whole section' })).body.comment;
    const passage = (await postComment(alice, section.id, { body: 'On a passage', anchor: { exact: 'the funding formula ignores them' } })).body.comment;
    const url = `http://localhost:3000${laterFeedbackUrl(section.id, { position: -1, createdAt: thread.createdAt, id: thread.id })}`;
    expect((await callRoute(marginRoute, { url, params: { id: section.id } })).status).toBe(401);
    const answer = await callRoute(marginRoute, { url, token: bob.token, params: { id: section.id } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toContain('no-store');
    expect(answer.body.comments.map((comment: { id: string }) => comment.id)).toEqual([passage.id]);
    expect(answer.body.suggestions).toEqual([]);
    const bad = await callRoute(marginRoute, { url: `http://localhost:3000/api/v1/sections/${section.id}/margin?position=x&createdAt=y&id=z`, token: bob.token, params: { id: section.id } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('position must be a number');
  });

  it('refuses a malformed place to continue from, naming what is wrong', async () => {
    const { bob, section } = await scene();
    const { getLaterFeedback } = await import('@/lib/feedback/queries');
    await expect(getLaterFeedback(bob.person, section.id, { position: 'top', createdAt: 'x', id: 'y' })).rejects.toThrow(/position must be a number/);
    await expect(getLaterFeedback(bob.person, section.id, null)).rejects.toThrow(/after must be an object/);
  });
});
