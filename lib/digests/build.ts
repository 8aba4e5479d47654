/**
 * What a person's daily or weekly digest says: since their last digest,
 * - their notices (replies to them, the outcomes of their comments, suggestions and case studies);
 * - the sections that changed in the responses they follow, with the changed passages;
 * - new comments and suggestions on sections where they commented;
 * - deadlines coming up in the next week.
 * A person follows a response open for comment, and any response they contributed to.
 * Every item that can be answered carries a reply address (lib/email-replies).
 */
import 'server-only';
import { db } from '@/lib/db';
import { createReplyAddress } from '@/lib/email-replies/tokens';
import { env } from '@/lib/env';
import { formatDate, sectionTitle } from '@/lib/format';
import { wordDiff } from '@/lib/versions/diff';
import { readVersionBody } from '@/lib/versions/storage';

const MAX_PASSAGES = 3;
const PASSAGE_CHARACTERS = 240;
const DEADLINE_WINDOW_MS = 7 * 24 * 3600_000;

export type DigestItem = { heading: string; lines: string[]; link: string; replyTo?: string };
export type Digest = { subject: string; groups: { title: string; items: DigestItem[] }[]; text: string; html: string };

function clip(text: string, length = PASSAGE_CHARACTERS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1).replace(/\s+\S*$/, '')}…` : flat;
}

/**
 * The passages that changed between two texts: neighbouring changes (separated only by
 * spaces) form one passage, shown as "Changed: “old” → “new”", "Added: …" or "Removed: …".
 */
export function changedPassages(before: string, after: string): string[] {
  const hunks: { removed: string; added: string }[] = [];
  let open: { removed: string; added: string } | null = null;
  for (const change of wordDiff(before, after)) {
    if (change.op === 'equal') {
      if (open && !change.text.trim()) {
        open.removed += change.text;
        open.added += change.text;
      } else open = null;
      continue;
    }
    if (!open) hunks.push((open = { removed: '', added: '' }));
    if (change.op === 'delete') open.removed += change.text;
    else open.added += change.text;
  }
  return hunks
    .filter((hunk) => hunk.removed.trim() || hunk.added.trim())
    .slice(0, MAX_PASSAGES)
    .map(({ removed, added }) =>
      removed.trim() && added.trim() ? `Changed: “${clip(removed)}” → “${clip(added)}”` : added.trim() ? `Added: “${clip(added)}”` : `Removed: “${clip(removed)}”`,
    );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The digest for `userId` covering (since, until], or null when nothing happened. */
export async function buildDigest(userId: string, since: Date, until: Date): Promise<Digest | null> {
  const siteUrl = env().NEXTAUTH_URL.replace(/\/$/, '');
  const window = { gt: since, lte: until };

  const notices = await db().notification.findMany({ where: { userId, createdAt: window }, orderBy: { createdAt: 'asc' }, take: 50, select: { title: true, body: true, link: true } });

  const followed = await db().response.findMany({
    where: {
      OR: [
        { phase: 'OPEN' },
        { sections: { some: { comments: { some: { authorId: userId } } } } },
        { sections: { some: { suggestions: { some: { authorId: userId } } } } },
        { caseStudies: { some: { authorId: userId } } },
      ],
    },
    select: { id: true, title: true, phase: true, deadline: true, slug: true },
  });
  const followedIds = followed.map((response) => response.id);

  const changed = await db().section.findMany({
    where: { responseId: { in: followedIds }, versions: { some: { createdAt: window } } },
    orderBy: [{ responseId: 'asc' }, { position: 'asc' }],
    select: { id: true, number: true, heading: true, response: { select: { title: true } }, currentVersion: { select: { text: true } } },
  });
  const changedItems: DigestItem[] = [];
  for (const section of changed) {
    // Older versions may be stored as changes: read their text through the versions' reader.
    const before = await db().sectionVersion.findFirst({ where: { sectionId: section.id, createdAt: { lte: since } }, orderBy: { createdAt: 'desc' }, select: { id: true } });
    const beforeText = before ? ((await readVersionBody(db(), before.id))?.text ?? '') : '';
    const passages = changedPassages(beforeText, section.currentVersion?.text ?? '');
    if (!passages.length) continue;
    changedItems.push({
      heading: `${sectionTitle(section)} (${section.response.title})`,
      lines: passages,
      link: `/sections/${section.id}`,
      replyTo: await createReplyAddress(db(), { userId, sectionId: section.id, threadId: null }),
    });
  }

  const discussed = await db().section.findMany({
    where: { comments: { some: { authorId: userId } } },
    select: {
      id: true,
      number: true,
      heading: true,
      response: { select: { title: true } },
      comments: { where: { createdAt: window, authorId: { not: userId }, withdrawnAt: null }, orderBy: { createdAt: 'asc' }, take: MAX_PASSAGES, select: { body: true, author: { select: { name: true } } } },
      suggestions: { where: { createdAt: window, authorId: { not: userId } }, orderBy: { createdAt: 'asc' }, take: MAX_PASSAGES, select: { replacement: true, author: { select: { name: true } } } },
    },
  });
  const activityItems: DigestItem[] = [];
  for (const section of discussed) {
    if (!section.comments.length && !section.suggestions.length) continue;
    activityItems.push({
      heading: `${sectionTitle(section)} (${section.response.title})`,
      lines: [
        ...section.comments.map((comment) => `${comment.author.name?.trim() || 'A member'} commented: “${clip(comment.body)}”`),
        ...section.suggestions.map((suggestion) => `${suggestion.author.name?.trim() || 'A member'} suggested: “${clip(suggestion.replacement)}”`),
      ],
      link: `/sections/${section.id}`,
      replyTo: await createReplyAddress(db(), { userId, sectionId: section.id, threadId: null }),
    });
  }

  const deadlineItems: DigestItem[] = followed
    .filter((response) => response.phase === 'OPEN' && response.deadline && response.deadline.getTime() > until.getTime() && response.deadline.getTime() - until.getTime() <= DEADLINE_WINDOW_MS)
    .map((response) => ({ heading: response.title, lines: [`Comments close on ${formatDate(response.deadline)}.`], link: `/responses/${response.slug}` }));

  const noticeItems: DigestItem[] = [];
  for (const notice of notices) {
    const match = /^\/sections\/([A-Za-z0-9_-]+)(?:#comment-([A-Za-z0-9_-]+))?/.exec(notice.link ?? '');
    let replyTo: string | undefined;
    if (match) {
      const thread = match[2] ? await db().comment.findUnique({ where: { id: match[2] }, select: { id: true, parentId: true } }) : null;
      replyTo = await createReplyAddress(db(), { userId, sectionId: match[1], threadId: thread ? (thread.parentId ?? thread.id) : null });
    }
    noticeItems.push({ heading: notice.title, lines: [clip(notice.body, 400)], link: notice.link ?? '/inbox', replyTo });
  }

  const groups = [
    { title: 'For you', items: noticeItems },
    { title: 'Sections that changed', items: changedItems },
    { title: 'New where you commented', items: activityItems },
    { title: 'Deadlines', items: deadlineItems },
  ].filter((group) => group.items.length);
  if (!groups.length) return null;

  const count = groups.reduce((sum, group) => sum + group.items.length, 0);
  const subject = `Chorus: ${count} ${count === 1 ? 'update' : 'updates'} since ${formatDate(since)}`;
  const text = [
    subject,
    '',
    ...groups.flatMap((group) => [
      group.title.toUpperCase(),
      '',
      ...group.items.flatMap((item) => [
        item.heading,
        ...item.lines.map((line) => `  ${line}`),
        `  ${siteUrl}${item.link}`,
        ...(item.replyTo ? [`  Reply about this: ${item.replyTo}`] : []),
        '',
      ]),
    ]),
    '—',
    `Change how often Chorus emails you, or stop: ${siteUrl}/settings`,
  ].join('\n');
  const html = [
    `<h1 style="font-size:1.2em">${escapeHtml(subject)}</h1>`,
    ...groups.map(
      (group) =>
        `<h2 style="font-size:1.05em">${escapeHtml(group.title)}</h2>` +
        group.items
          .map(
            (item) =>
              `<p><a href="${escapeHtml(siteUrl + item.link)}"><strong>${escapeHtml(item.heading)}</strong></a><br>${item.lines.map(escapeHtml).join('<br>')}` +
              (item.replyTo ? `<br><a href="mailto:${escapeHtml(item.replyTo)}">Reply about this by email</a>` : '') +
              '</p>',
          )
          .join(''),
    ),
    `<p style="color:#555">Change how often Chorus emails you, or stop: <a href="${escapeHtml(siteUrl)}/settings">your settings</a>.</p>`,
  ].join('\n');
  return { subject, groups, text, html };
}
