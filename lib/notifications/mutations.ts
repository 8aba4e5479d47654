/**
 * The inbox: telling people what happened to their contributions (a reply to their
 * comment, a decision on their suggestion), in the app and — unless they turned it off
 * in their settings — by email through the app's mail transport.
 */
import 'server-only';
import { recordAudit } from '@/lib/audit';
import type { Caller } from '@/lib/auth/policy';
import { db, type Tx } from '@/lib/db';
import { env } from '@/lib/env';
import { parseInput } from '@/lib/errors';
import { createReplyAddress } from '@/lib/email-replies/tokens';
import { sendMail } from '@/lib/mail';
import { markReadSchema } from '@/lib/notifications/schemas';

export type Notice = {
  userId: string;
  /** e.g. comment.reply, suggestion.accepted, suggestion.declined */
  kind: string;
  /** One line: what happened. Also the email's subject. */
  title: string;
  /** Plain text: the details. */
  body: string;
  /** Path in the app where it happened, e.g. /sections/abc#comment-xyz */
  link: string;
};

/** Stores in-app notifications inside the transaction of the change they tell about. */
export async function createNotifications(tx: Tx, notices: Notice[]): Promise<void> {
  if (!notices.length) return;
  await tx.notification.createMany({ data: notices.map(({ userId, kind, title, body, link }) => ({ userId, kind, title, body, link })) });
}

function emailText(notice: Notice, siteUrl: string, replyable: boolean): string {
  return [
    notice.body,
    '',
    `See it in Chorus: ${siteUrl}${notice.link}`,
    ...(replyable ? ['', 'Reply to this email to answer in Chorus: your reply is added under your name (quoted text is left out).'] : []),
    '',
    '—',
    `You receive these emails because you take part in Chorus. To stop them, untick "Email me about replies and decisions" in your settings: ${siteUrl}/settings`,
  ].join('\n');
}

/**
 * The reply address for a notice about a section (/sections/<id>) or a comment in it
 * (/sections/<id>#comment-<id>): answering joins that comment's thread, or comments on the
 * section. Null for notices about anything else.
 */
async function replyAddressFor(notice: Notice): Promise<string | undefined> {
  const match = /^\/sections\/([A-Za-z0-9_-]+)(?:#comment-([A-Za-z0-9_-]+)|#suggestion-[A-Za-z0-9_-]+)?$/.exec(notice.link);
  if (!match) return undefined;
  const [, sectionId, commentId] = match;
  let threadId: string | null = null;
  if (commentId) {
    const comment = await db().comment.findUnique({ where: { id: commentId }, select: { id: true, parentId: true, sectionId: true } });
    if (!comment || comment.sectionId !== sectionId) return undefined;
    threadId = comment.parentId ?? comment.id;
  }
  return createReplyAddress(db(), { userId: notice.userId, sectionId, threadId });
}

/**
 * Emails each notice to its recipient, unless they turned email off or were removed.
 * Call after the transaction has committed; a mail failure is logged and never undoes
 * the change (the in-app notification is there either way).
 */
export async function emailNotices(notices: Notice[]): Promise<void> {
  if (!notices.length) return;
  const people = await db().user.findMany({
    // People who chose a daily or weekly digest get these there instead (lib/digests).
    where: { id: { in: [...new Set(notices.map((notice) => notice.userId))] }, notifyByEmail: true, emailFrequency: 'IMMEDIATE', removedAt: null },
    select: { id: true, email: true },
  });
  const siteUrl = env().NEXTAUTH_URL.replace(/\/$/, '');
  for (const notice of notices) {
    const person = people.find((p) => p.id === notice.userId);
    if (!person) continue;
    try {
      const replyTo = await replyAddressFor(notice).catch(() => undefined);
      await sendMail({ to: person.email, subject: notice.title, text: emailText(notice, siteUrl, !!replyTo), replyTo });
    } catch (error) {
      console.error(`[notifications] could not email ${notice.kind} notification`, error);
    }
  }
}

/** Marks some (ids) or all of the caller's own notifications as read; returns how many changed. */
export async function markNotificationsRead(caller: Caller, input: unknown): Promise<{ marked: number }> {
  const { ids, all } = parseInput(markReadSchema, input);
  return db().$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: { userId: caller.id, readAt: null, ...(all ? {} : { id: { in: ids } }) },
      data: { readAt: new Date() },
    });
    if (count) await recordAudit(tx, { actorId: caller.id, action: 'notification.read', targetType: 'user', targetId: caller.id, data: { count, ...(all ? { all: true } : { ids: ids ?? [] }) } });
    return { marked: count };
  });
}
