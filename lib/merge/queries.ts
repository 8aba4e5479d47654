/**
 * Reads for the merge workspace: every piece of feedback on a section beside its text,
 * with how it was handled, and how much work remains per section and for the response.
 * Drafters and coordinators only: this is where feedback becomes the submission.
 */
import 'server-only';
import { can, type Caller } from '@/lib/auth/policy';
import { toCaseStudyDto } from '@/lib/case-studies/dto';
import { PUBLISHED_STATUSES } from '@/lib/case-studies/policy';
import { caseStudySelect, visibleTo } from '@/lib/case-studies/queries';
import { db } from '@/lib/db';
import { forbidden, notFound } from '@/lib/errors';
import type { DispositionKind, Phase } from '@/lib/generated/prisma/enums';
import type { DispositionDto, FeedbackItem, Progress } from '@/lib/merge/types';
import type { PMDoc } from '@/lib/sections/content';
import { currentWords, sectionNeighbours, sectionPageSelect, type SectionRef } from '@/lib/sections/queries';
import { visibleCaseStudiesSql } from '@/lib/case-studies/visibility-sql';

export function assertMayMerge(caller: Caller) {
  if (!can(caller, 'feedback:dispose')) throw forbidden('Only drafters and coordinators can handle feedback');
}

const personName = (user: { name: string | null } | null) => (user ? { name: user.name?.trim() || 'A member' } : null);

type StoredDisposition = { kind: DispositionKind; reply: string | null; versionId: string | null; updatedAt: Date; actor: { name: string | null } } | null;

export function dispositionDto(
  stored: StoredDisposition,
  suggestion?: { status: string; acceptedVersionId: string | null; declineReason: string | null; decidedAt: Date | null; decidedBy: { name: string | null } | null },
): DispositionDto | null {
  if (stored) return { kind: stored.kind, reply: stored.reply, versionId: stored.versionId, by: personName(stored.actor), at: stored.updatedAt.toISOString(), implied: false };
  if (suggestion?.status === 'ACCEPTED') {
    return { kind: 'INCORPORATED', reply: null, versionId: suggestion.acceptedVersionId, by: personName(suggestion.decidedBy), at: suggestion.decidedAt?.toISOString() ?? null, implied: true };
  }
  if (suggestion?.status === 'DECLINED') {
    return { kind: 'NOT_TAKEN_FORWARD', reply: suggestion.declineReason, versionId: null, by: personName(suggestion.decidedBy), at: suggestion.decidedAt?.toISOString() ?? null, implied: true };
  }
  return null;
}

const dispositionSelect = { select: { kind: true, reply: true, versionId: true, updatedAt: true, actor: { select: { name: true } } } } as const;
const agreementCount = { _count: { select: { agreements: { where: { withdrawnAt: null } } } } } as const;

function quoteOf(anchor: unknown): string | null {
  const exact = (anchor as { exact?: unknown } | null)?.exact;
  return typeof exact === 'string' && exact ? exact : null;
}

const openRank = (item: FeedbackItem) => (item.status === 'OPEN' ? 0 : 1);

/** Unhandled first; then open before resolved or decided; then most agreed; then oldest. */
export function sortFeedback(items: FeedbackItem[]): FeedbackItem[] {
  return [...items].sort(
    (a, b) =>
      Number(a.handled) - Number(b.handled) ||
      openRank(a) - openRank(b) ||
      b.agreeCount - a.agreeCount ||
      a.createdAt.localeCompare(b.createdAt) ||
      a.id.localeCompare(b.id),
  );
}

/**
 * Every piece of feedback on one section, in workspace order. Case studies as `caller`
 * may see them: coordinators every accepted one, drafters those shown to members (and their
 * own), credited as members see them (toCaseStudyDto decides who sees the submitter).
 */
export async function listSectionFeedback(caller: Caller, sectionId: string): Promise<FeedbackItem[]> {
  const [comments, suggestions, links] = await Promise.all([
    db().comment.findMany({
      where: { sectionId, parentId: null, withdrawnAt: null },
      select: {
        id: true,
        body: true,
        anchor: true,
        status: true,
        createdAt: true,
        author: { select: { name: true } },
        disposition: dispositionSelect,
        ...agreementCount,
        replies: {
          where: { withdrawnAt: null },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          select: { id: true, body: true, createdAt: true, author: { select: { name: true } } },
        },
      },
    }),
    db().suggestion.findMany({
      where: { sectionId, status: { not: 'WITHDRAWN' } },
      select: {
        id: true,
        anchor: true,
        replacement: true,
        reason: true,
        status: true,
        createdAt: true,
        acceptedVersionId: true,
        declineReason: true,
        decidedAt: true,
        decidedBy: { select: { name: true } },
        author: { select: { name: true } },
        disposition: dispositionSelect,
        ...agreementCount,
      },
    }),
    db().caseStudySection.findMany({
      where: { sectionId, caseStudy: { AND: [{ status: { in: PUBLISHED_STATUSES } }, visibleTo(caller)] } },
      select: { caseStudy: { select: { ...caseStudySelect, disposition: dispositionSelect } } },
    }),
  ]);

  const items: FeedbackItem[] = [
    ...comments.map((comment): FeedbackItem => {
      const disposition = dispositionDto(comment.disposition);
      return {
        type: 'comment',
        id: comment.id,
        sectionId,
        author: personName(comment.author),
        createdAt: comment.createdAt.toISOString(),
        agreeCount: comment._count.agreements,
        status: comment.status,
        quote: quoteOf(comment.anchor),
        body: comment.body,
        replies: comment.replies.map((reply) => ({ id: reply.id, author: personName(reply.author)!, body: reply.body, createdAt: reply.createdAt.toISOString() })),
        disposition,
        handled: Boolean(disposition),
      };
    }),
    ...suggestions.map((suggestion): FeedbackItem => {
      const disposition = dispositionDto(suggestion.disposition, suggestion);
      return {
        type: 'suggestion',
        id: suggestion.id,
        sectionId,
        author: personName(suggestion.author),
        createdAt: suggestion.createdAt.toISOString(),
        agreeCount: suggestion._count.agreements,
        status: suggestion.status,
        quote: quoteOf(suggestion.anchor) ?? '',
        body: suggestion.reason ?? '',
        replacement: suggestion.replacement,
        replies: [],
        disposition,
        handled: Boolean(disposition),
      };
    }),
    ...links.map(({ caseStudy }): FeedbackItem => {
      const disposition = dispositionDto(caseStudy.disposition);
      // Who submitted it, as the one case-study mapper lets this caller see: coordinators
      // (and the submitter) see the account; drafters, like members, only the consented credit.
      const shown = toCaseStudyDto(caller, caseStudy);
      return {
        type: 'caseStudy',
        id: caseStudy.id,
        sectionId,
        author: shown.submittedBy ? personName(shown.submittedBy) : null,
        createdAt: (caseStudy.submittedAt ?? caseStudy.createdAt).toISOString(),
        agreeCount: 0,
        status: caseStudy.status,
        quote: null,
        body: caseStudy.summary,
        title: caseStudy.title,
        credit: shown.creditLine,
        replies: [],
        disposition,
        handled: Boolean(disposition),
      };
    }),
  ];
  return sortFeedback(items);
}

/**
 * Handled / total feedback per section of a response, in one query. Counted: comment
 * threads not withdrawn, suggestions not withdrawn, accepted or featured case studies
 * linked to the section that `caller` may see (a drafter counts what a drafter is shown).
 * Handled: a disposition was given (or the suggestion was decided).
 */
export async function getResponseProgress(caller: Caller, responseId: string): Promise<{ sections: Record<string, Progress>; total: Progress }> {
  const rows = await db().$queryRaw<{ sectionId: string; total: number; handled: number }[]>`
    with sections as (select id from "Section" where "responseId" = ${responseId}),
    items as (
      select c."sectionId", (d.id is not null) as handled
        from "Comment" c left join "Disposition" d on d."commentId" = c.id
       where c."sectionId" in (select id from sections) and c."parentId" is null and c."withdrawnAt" is null
      union all
      select s."sectionId", (d.id is not null or s.status in ('ACCEPTED', 'DECLINED'))
        from "Suggestion" s left join "Disposition" d on d."suggestionId" = s.id
       where s."sectionId" in (select id from sections) and s.status <> 'WITHDRAWN'
      union all
      select l."sectionId", (d.id is not null)
        from "CaseStudySection" l join "CaseStudy" k on k.id = l."caseStudyId" left join "Disposition" d on d."caseStudyId" = k.id
       where l."sectionId" in (select id from sections) and k.status in ('ACCEPTED', 'FEATURED') and ${visibleCaseStudiesSql(caller, 'k')}
    )
    select "sectionId", count(*)::int as total, (count(*) filter (where handled))::int as handled from items group by "sectionId"`;
  const sections: Record<string, Progress> = {};
  const total: Progress = { handled: 0, total: 0 };
  for (const row of rows) {
    sections[row.sectionId] = { handled: row.handled, total: row.total };
    total.handled += row.handled;
    total.total += row.total;
  }
  return { sections, total };
}

export type MergeOverview = {
  response: { id: string; slug: string; title: string; phase: Phase; deadline: string | null };
  sections: { id: string; number: string | null; heading: string; progress: Progress }[];
  progress: Progress;
};

export async function getMergeOverview(caller: Caller, slug: string): Promise<MergeOverview> {
  assertMayMerge(caller);
  const response = await db().response.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, phase: true, deadline: true, sections: { orderBy: { position: 'asc' }, select: { id: true, number: true, heading: true } } },
  });
  if (!response) throw notFound(`The response "${slug}"`);
  const progress = await getResponseProgress(caller, response.id);
  return {
    response: { id: response.id, slug: response.slug, title: response.title, phase: response.phase, deadline: response.deadline?.toISOString() ?? null },
    sections: response.sections.map((section) => ({ ...section, progress: progress.sections[section.id] ?? { handled: 0, total: 0 } })),
    progress: progress.total,
  };
}

export type MergeSection = {
  section: { id: string; number: string | null; heading: string; content: PMDoc | null; text: string; versionId: string | null };
  response: { slug: string; title: string; phase: Phase };
  items: FeedbackItem[];
  progress: Progress;
  /** Recent versions, newest first: what an "incorporated" disposition can point to. */
  versions: { id: string; createdAt: string; source: string; authors: string[] }[];
  previous: SectionRef | null;
  next: SectionRef | null;
};

export async function getMergeSection(caller: Caller, sectionId: string): Promise<MergeSection> {
  assertMayMerge(caller);
  const section = await db().section.findUnique({
    where: { id: sectionId },
    select: {
      ...sectionPageSelect,
      versions: {
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: 20,
        select: { id: true, createdAt: true, source: true, authors: { select: { user: { select: { name: true } } } } },
      },
    },
  });
  if (!section) throw notFound('That section');
  const items = await listSectionFeedback(caller, sectionId);
  const { sections: siblings, ...response } = section.response;
  return {
    section: { id: section.id, number: section.number, heading: section.heading, ...currentWords(section.currentVersion) },
    response,
    items,
    progress: { handled: items.filter((item) => item.handled).length, total: items.length },
    versions: section.versions.map((version) => ({
      id: version.id,
      createdAt: version.createdAt.toISOString(),
      source: version.source,
      authors: version.authors.map((author) => author.user.name?.trim() || 'A member'),
    })),
    ...sectionNeighbours(siblings, section.id),
  };
}
