/**
 * A new thread on a section the web process read lately is checked against that copy of the
 * section and stored by one statement that stores it only if the copy is still current
 * (lib/feedback/section.ts, chorus_submit_once's section check). These tests change the
 * section or its response's phase after the copy was made, straight in the database as
 * another web process would, and expect exactly the answers a fresh read gives.
 */
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { recentFeedbackSection } from '@/lib/feedback/section';
import { editSection, postComment, scene } from '@/tests/support/feedback';

const commentCount = (sectionId: string) => db().comment.count({ where: { sectionId } });

describe('[COMMENTS] a section read earlier is never trusted without the storing statement checking it', () => {
  it('checks a passage against the text as it is now, not as it was read', async () => {
    const { alice, bob, drafter, section } = await scene();
    expect((await postComment(alice, section.id, { body: 'First', anchor: { exact: 'three years' } })).status).toBe(201);
    const before = recentFeedbackSection(section.id);
    expect(before?.text).toContain('three years');

    // Another process saves an edit: the words are gone from the section.
    const edited = await editSection(section.id, drafter.person.id, 'three years', 'five years');
    const gone = await postComment(bob, section.id, { body: 'On the old words', anchor: { exact: 'three years' } });
    expect(gone.status).toBe(400);
    expect(gone.body.error.message).toContain('These words are not in the section');
    expect(await commentCount(section.id)).toBe(1);

    // On the new words: stored, anchored to the version that holds them.
    const now = await postComment(bob, section.id, { body: 'On the new words', anchor: { exact: 'five years' } });
    expect(now.status).toBe(201);
    const stored = await db().comment.findUniqueOrThrow({ where: { id: now.body.comment.id }, select: { anchor: true } });
    expect((stored.anchor as { versionId: string }).versionId).toBe(edited.id);
    expect(recentFeedbackSection(section.id)?.versionId).toBe(edited.id);
  });

  it('refuses a comment once the response has closed, though the copy says open', async () => {
    const { alice, bob, section, response } = await scene();
    expect((await postComment(alice, section.id, { body: 'Before the deadline' })).status).toBe(201);
    expect(recentFeedbackSection(section.id)?.phase).toBe('OPEN');
    await db().response.update({ where: { id: response.id }, data: { phase: 'CLOSED' } });
    const late = await postComment(bob, section.id, { body: 'After the deadline', anchor: { exact: 'three years' } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('closed');
    expect(await commentCount(section.id)).toBe(1);
    expect(await db().auditEvent.count({ where: { action: 'comment.create', actorId: bob.person.id } })).toBe(0);
  });

  it('takes a comment once the response has reopened, though the copy says closed', async () => {
    const { alice, section, response } = await scene('CLOSED');
    expect((await postComment(alice, section.id, { body: 'Too early' })).status).toBe(409);
    expect(recentFeedbackSection(section.id)?.phase).toBe('CLOSED');
    await db().response.update({ where: { id: response.id }, data: { phase: 'OPEN' } });
    expect((await postComment(alice, section.id, { body: 'Now open' })).status).toBe(201);
    expect(await commentCount(section.id)).toBe(1);
  });

  it('answers a resend with the first comment whatever changed, and stores nothing twice', async () => {
    const { alice, drafter, section } = await scene();
    const first = await postComment(alice, section.id, { body: 'Once', anchor: { exact: 'three years' }, clientKey: 'copy-once' });
    expect(first.status).toBe(201);
    await editSection(section.id, drafter.person.id, 'three years', 'five years');
    const again = await postComment(alice, section.id, { body: 'Once', anchor: { exact: 'three years' }, clientKey: 'copy-once' });
    expect(again.status).toBe(200);
    expect(again.body.comment.id).toBe(first.body.comment.id);
    expect(await commentCount(section.id)).toBe(1);
  });
});
