/**
 * Handling feedback: a drafter or coordinator gives each comment thread, suggestion or
 * linked case study a disposition (incorporated, partly incorporated, noted, not taken
 * forward) with a short reply the contributor sees. One or many at once, in one
 * transaction; each is audited with the disposition it replaced, and each contributor is
 * told in the app and, unless they turned it off, by one email per batch.
 */
import 'server-only';
import { recordAudit } from '@/lib/audit';
import type { Caller } from '@/lib/auth/policy';
import { db, type Tx } from '@/lib/db';
import { AppError, notFound, parseInput } from '@/lib/errors';
import { sectionTitle } from '@/lib/format';
import type { DispositionKind } from '@/lib/generated/prisma/enums';
import { assertMayMerge } from '@/lib/merge/queries';
import { disposeSchema, type DisposeInput } from '@/lib/merge/schemas';
import { dispositionLabels, type FeedbackType } from '@/lib/merge/types';
import { afterResponse } from '@/lib/http/after-response';
import { createNotifications, emailNotices, type Notice } from '@/lib/notifications/mutations';
import { caseStudyVisibility, PUBLISHED_STATUSES } from '@/lib/case-studies/visibility';

type Target = {
  type: FeedbackType;
  id: string;
  sectionId: string;
  authorId: string;
  /** For accepted suggestions: the version they made. */
  acceptedVersionId: string | null;
};

const typeLabels: Record<FeedbackType, string> = { comment: 'comment', suggestion: 'suggested edit', caseStudy: 'case study' };

async function loadTarget(tx: Tx, caller: Caller, ref: { type: FeedbackType; id: string; sectionId?: string }): Promise<Target> {
  if (ref.type === 'comment') {
    const comment = await tx.comment.findUnique({ where: { id: ref.id }, select: { id: true, sectionId: true, authorId: true, parentId: true, withdrawnAt: true } });
    if (!comment || comment.withdrawnAt) throw notFound(`The comment ${ref.id}`);
    if (comment.parentId) throw new AppError('bad_request', 'A reply is handled with its thread: give the first comment of the thread', { fields: { items: 'Give the thread, not a reply' } });
    return { type: 'comment', id: comment.id, sectionId: comment.sectionId, authorId: comment.authorId, acceptedVersionId: null };
  }
  if (ref.type === 'suggestion') {
    const suggestion = await tx.suggestion.findUnique({ where: { id: ref.id }, select: { id: true, sectionId: true, authorId: true, status: true, acceptedVersionId: true } });
    if (!suggestion || suggestion.status === 'WITHDRAWN') throw notFound(`The suggestion ${ref.id}`);
    return { type: 'suggestion', id: suggestion.id, sectionId: suggestion.sectionId, authorId: suggestion.authorId, acceptedVersionId: suggestion.acceptedVersionId };
  }
  const caseStudy = await tx.caseStudy.findUnique({
    where: { id: ref.id },
    select: { id: true, authorId: true, status: true, consentShow: true, sections: { select: { sectionId: true, section: { select: { position: true } } } } },
  });
  if (!caseStudy || !caseStudyVisibility(caller).allows(caseStudy) || !PUBLISHED_STATUSES.includes(caseStudy.status)) {
    throw notFound(`The accepted case study ${ref.id}`);
  }
  const linked = [...caseStudy.sections].sort((a, b) => a.section.position - b.section.position);
  const sectionId = ref.sectionId ?? linked[0]?.sectionId;
  if (!sectionId || !linked.some((link) => link.sectionId === sectionId)) {
    throw new AppError('bad_request', 'That case study is not linked to that section', { fields: { items: 'The case study is not linked to that section' } });
  }
  return { type: 'caseStudy', id: caseStudy.id, sectionId, authorId: caseStudy.authorId, acceptedVersionId: null };
}

/** The version an "incorporated" disposition points to, checked to belong to the item's section. */
async function versionFor(tx: Tx, target: Target, kind: DispositionKind, requested: string | null): Promise<string | null> {
  if (kind !== 'INCORPORATED' && kind !== 'PARTLY_INCORPORATED') return null;
  if (requested) {
    const version = await tx.sectionVersion.findUnique({ where: { id: requested }, select: { sectionId: true } });
    if (!version) throw notFound(`The version ${requested}`);
    if (version.sectionId !== target.sectionId) {
      throw new AppError('bad_request', 'The version must be a version of the section the feedback is on', { fields: { versionId: 'A version of another section' } });
    }
    return requested;
  }
  if (target.acceptedVersionId) return target.acceptedVersionId;
  const section = await tx.section.findUnique({ where: { id: target.sectionId }, select: { currentVersionId: true } });
  return section?.currentVersionId ?? null;
}

function noticeLink(target: Target): string {
  if (target.type === 'caseStudy') return `/case-studies/${target.id}`;
  return `/sections/${target.sectionId}#${target.type}-${target.id}`;
}

/**
 * Gives every item in `input.items` the same disposition and reply. Drafters and
 * coordinators only, in any phase (the "you said, we did" report is often written after
 * closing). Re-disposing replaces the disposition; the audit event keeps the old one.
 */
export async function disposeFeedback(caller: Caller, input: DisposeInput | unknown): Promise<{ handled: number; notified: number }> {
  assertMayMerge(caller);
  const { items, kind, reply, versionId } = parseInput(disposeSchema, input);
  const unique = [...new Map(items.map((item) => [`${item.type}:${item.id}`, item])).values()];

  const notices = await db().$transaction(
    async (tx) => {
      const notices: Notice[] = [];
      for (const ref of unique) {
        const target = await loadTarget(tx, caller, ref);
        const version = await versionFor(tx, target, kind, versionId);
        const key = target.type === 'comment' ? { commentId: target.id } : target.type === 'suggestion' ? { suggestionId: target.id } : { caseStudyId: target.id };
        const previous = await tx.disposition.findUnique({ where: key, select: { kind: true, reply: true, versionId: true, actorId: true, updatedAt: true } });
        const data = { sectionId: target.sectionId, kind, reply, versionId: version, actorId: caller.id };
        const saved = previous
          ? await tx.disposition.update({ where: key, data, select: { id: true } })
          : await tx.disposition.create({ data: { ...key, ...data }, select: { id: true } });
        await recordAudit(tx, {
          actorId: caller.id,
          action: 'feedback.dispose',
          targetType: target.type,
          targetId: target.id,
          data: {
            dispositionId: saved.id,
            kind,
            reply,
            versionId: version,
            previous: previous ? { kind: previous.kind, reply: previous.reply, versionId: previous.versionId, actorId: previous.actorId, at: previous.updatedAt.toISOString() } : null,
          },
        });
        const changed = !previous || previous.kind !== kind || previous.reply !== reply;
        if (changed && target.authorId !== caller.id) {
          const section = await tx.section.findUniqueOrThrow({ where: { id: target.sectionId }, select: { number: true, heading: true } });
          const where = sectionTitle(section) || 'the introduction';
          notices.push({
            userId: target.authorId,
            kind: 'feedback.disposition',
            title: `Your ${typeLabels[target.type]} on "${where}": ${dispositionLabels[kind].toLowerCase()}`,
            body: reply ? `${dispositionLabels[kind]}. The drafting group replied:\n\n${reply}` : `The drafting group marked your ${typeLabels[target.type]} as ${dispositionLabels[kind].toLowerCase()}.`,
            link: noticeLink(target),
          });
        }
      }
      await createNotifications(tx, notices);
      return notices;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );

  await afterResponse(() => emailNotices(groupForEmail(notices)));
  return { handled: unique.length, notified: notices.length };
}

/** One email per person per batch: several dispositions at once arrive as one message. */
export function groupForEmail(notices: Notice[]): Notice[] {
  const byPerson = new Map<string, Notice[]>();
  for (const notice of notices) byPerson.set(notice.userId, [...(byPerson.get(notice.userId) ?? []), notice]);
  return [...byPerson.values()].map((group) =>
    group.length === 1
      ? group[0]
      : {
          userId: group[0].userId,
          kind: 'feedback.disposition',
          title: `${group.length} of your contributions were handled`,
          body: group.map((notice) => `• ${notice.title}\n${notice.body.replace(/^/gm, '  ')}`).join('\n\n'),
          link: group[0].link,
        },
  );
}
