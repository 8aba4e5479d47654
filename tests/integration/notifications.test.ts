import { describe, expect, it } from 'vitest';
import { GET as listRoute } from '@/app/api/v1/notifications/route';
import { POST as readRoute } from '@/app/api/v1/notifications/read/route';
import { DELETE as withdrawCommentRoute } from '@/app/api/v1/comments/[id]/route';
import { db } from '@/lib/db';
import { countOpenFeedback } from '@/lib/feedback/queries';
import { callRoute } from '@/tests/support/factories';
import { auditActions, postComment, postSuggestion, scene, type Actor } from '@/tests/support/feedback';

const inbox = (who: Actor) => callRoute(listRoute, { token: who.token });
const markRead = (who: Actor, body: unknown) => callRoute(readRoute, { method: 'POST', token: who.token, body });

describe('[INBOX] replies to my comments', () => {
  it('should require authentication', async () => {
    expect((await callRoute(listRoute, {})).status).toBe(401);
    expect((await callRoute(readRoute, { method: 'POST', body: { all: true } })).status).toBe(401);
  });

  it('tells everyone whose words are in the thread about a reply, except the one replying, in the app and by email', async () => {
    const { alice, bob, drafter, section } = await scene();
    const thread = (await postComment(alice, section.id, { body: 'Thread' })).body.comment;
    await postComment(alice, section.id, { body: 'My own follow-up', parentId: thread.id });
    expect(await db().notification.count({ where: { userId: alice.person.id } })).toBe(0);
    await postComment(bob, section.id, { body: 'Bob answers', parentId: thread.id });
    await postComment(drafter, section.id, { body: 'Drafter answers', parentId: thread.id });
    const aliceInbox = (await inbox(alice)).body;
    expect(aliceInbox.unreadCount).toBe(2);
    expect(aliceInbox.notifications.map((n: { title: string }) => n.title)).toEqual([
      'Dana Drafter replied to your comment on 1. Section 1',
      'Bob Member replied to your comment on 1. Section 1',
    ]);
    expect(aliceInbox.notifications[0]).toMatchObject({ kind: 'comment.reply', read: false, link: `/sections/${section.id}#comment-${thread.id}`, body: expect.stringContaining('Drafter answers') });
    expect((await inbox(bob)).body.notifications.map((n: { body: string }) => n.body)).toEqual([expect.stringContaining('Drafter answers')]);
    expect((await inbox(drafter)).body.unreadCount).toBe(0);
    const mail = await db().devMailMessage.findMany({ where: { to: alice.person.email }, orderBy: { createdAt: 'asc' } });
    expect(mail.map((m) => m.subject)).toEqual(['Bob Member replied to your comment on 1. Section 1', 'Dana Drafter replied to your comment on 1. Section 1']);
    expect(mail[0].text).toContain(`http://localhost:3000/sections/${section.id}#comment-${thread.id}`);
    expect(mail[0].text).toContain('/settings');
  });

  it('does not tell someone who withdrew their comment, nor email someone who turned email off', async () => {
    const { alice, bob, drafter, section } = await scene();
    const thread = (await postComment(alice, section.id, { body: 'Thread' })).body.comment;
    const bobs = (await postComment(bob, section.id, { body: 'Bob', parentId: thread.id })).body.comment;
    await callRoute(withdrawCommentRoute, { method: 'DELETE', token: bob.token, params: { id: bobs.id } });
    await db().user.update({ where: { id: alice.person.id }, data: { notifyByEmail: false } });
    await db().devMailMessage.deleteMany({});
    await postComment(drafter, section.id, { body: 'Drafter', parentId: thread.id });
    expect(await db().notification.count({ where: { userId: bob.person.id } })).toBe(0);
    expect(await db().notification.count({ where: { userId: alice.person.id } })).toBe(2);
    expect(await db().devMailMessage.count()).toBe(0);
  });

  it('marks some or all of one\'s own notifications as read, never anyone else\'s', async () => {
    const { alice, bob, drafter, section } = await scene();
    const aliceThread = (await postComment(alice, section.id, { body: 'A' })).body.comment;
    const bobThread = (await postComment(bob, section.id, { body: 'B' })).body.comment;
    await postComment(drafter, section.id, { body: 'r1', parentId: aliceThread.id });
    await postComment(drafter, section.id, { body: 'r2', parentId: aliceThread.id });
    await postComment(drafter, section.id, { body: 'r3', parentId: bobThread.id });
    const [newest] = (await inbox(alice)).body.notifications;
    const bobsOwn = (await inbox(bob)).body.notifications[0];
    const answer = await markRead(alice, { ids: [newest.id, bobsOwn.id] });
    expect(answer.body).toEqual({ marked: 1, unreadCount: 1 });
    expect((await inbox(bob)).body.unreadCount).toBe(1);
    expect((await markRead(alice, { all: true })).body).toEqual({ marked: 1, unreadCount: 0 });
    expect((await inbox(alice)).body.notifications.every((n: { read: boolean }) => n.read)).toBe(true);
    expect(await auditActions(alice.person.id)).toEqual(['notification.read', 'notification.read']);
  });

  it('refuses a mark-read request that says nothing', async () => {
    const { alice } = await scene();
    for (const body of [{}, { ids: [] }, { all: false }, { ids: 'x' }]) {
      const answer = await markRead(alice, body);
      expect(answer.status).toBe(400);
      expect(answer.body.error.fields.ids).toEqual(expect.any(String));
    }
  });
});

describe('[CONTENTS] open feedback per section', () => {
  it('counts open threads and open suggestions per section, leaving out resolved, withdrawn, decided ones and replies', async () => {
    const { alice, bob, drafter, coordinator, section, other, response } = await scene();
    const a = (await postComment(alice, section.id, { body: 'Open thread' })).body.comment;
    await postComment(bob, section.id, { body: 'Reply', parentId: a.id });
    const resolved = (await postComment(alice, section.id, { body: 'Resolved thread' })).body.comment;
    await db().comment.update({ where: { id: resolved.id }, data: { status: 'RESOLVED' } });
    const withdrawn = (await postComment(alice, section.id, { body: 'Withdrawn' })).body.comment;
    await callRoute(withdrawCommentRoute, { method: 'DELETE', token: alice.token, params: { id: withdrawn.id } });
    await postSuggestion(alice, section.id, { anchor: { exact: 'three years' }, replacement: 'five years' });
    const declined = (await postSuggestion(bob, section.id, { anchor: { exact: 'a time' }, replacement: 'once' })).body.suggestion;
    await db().suggestion.update({ where: { id: declined.id }, data: { status: 'DECLINED' } });
    await postComment(drafter, other.id, { body: 'On transport' });
    const counts = await countOpenFeedback(coordinator.person, response.id);
    expect(counts).toEqual({ [section.id]: { comments: 1, suggestions: 1 }, [other.id]: { comments: 1, suggestions: 0 } });
  });
});
