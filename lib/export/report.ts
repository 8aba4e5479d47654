/**
 * "You said, we did": per section, each comment thread and suggested edit with how it was
 * handled and the drafting group's reply, and the accepted case studies that informed the
 * section. Contributors' names only when asked for. Shown as a web page, exported as
 * Markdown, Word or JSON.
 *
 * Case studies appear as their submitters consented: credited by name, organisation or
 * not at all; for everyone but coordinators (and the command line), only those whose
 * submitters agreed to show them to members.
 */
import 'server-only';
import { type Actor, type Caller, can, isOperator } from '@/lib/auth/policy';
import { creditLine } from '@/lib/case-studies/dto';
import { PUBLISHED_STATUSES } from '@/lib/case-studies/policy';
import { visibleTo } from '@/lib/case-studies/queries';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { headingNode, type ExportDocument } from '@/lib/export/document';
import { sectionTitle } from '@/lib/format';
import { dispositionDto } from '@/lib/merge/queries';
import { dispositionLabels, type DispositionDto } from '@/lib/merge/types';
import type { PMNode } from '@/lib/sections/content';

export type ReportEntry = {
  id: string;
  /** The words it was given on; null: the whole section. */
  quote: string | null;
  /** A comment's words; a suggestion's reason. */
  body: string;
  /** Suggestions: the proposed words ("" = delete). */
  replacement?: string;
  author: string | null;
  agreeCount: number;
  disposition: DispositionDto | null;
};

export type ReportCaseStudy = { id: string; title: string; credit: string | null; featured: boolean; disposition: DispositionDto | null };

export type ReportSection = { id: string; number: string | null; heading: string; comments: ReportEntry[]; suggestions: ReportEntry[]; caseStudies: ReportCaseStudy[] };

export type Report = {
  response: { slug: string; title: string; consultationName: string; asOf: string };
  names: boolean;
  sections: ReportSection[];
  totals: { comments: number; suggestions: number; caseStudies: number; handled: number };
};

const nameOf = (user: { name: string | null }) => user.name?.trim() || 'A member';
const byPosition = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
const dispositionSelect = { select: { kind: true, reply: true, versionId: true, updatedAt: true, actor: { select: { name: true } } } } as const;
const agreementCount = { _count: { select: { agreements: { where: { withdrawnAt: null } } } } } as const;

function quoteOf(anchor: unknown): string | null {
  const exact = (anchor as { exact?: unknown } | null)?.exact;
  return typeof exact === 'string' && exact ? exact : null;
}

/** The report of the response `slug`, for `caller` (null: the command line). */
export async function getReport(caller: Actor, slug: string, options: { names: boolean }): Promise<Report> {
  const response = await db().response.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, consultationName: true, createdAt: true, sections: { orderBy: { position: 'asc' }, select: { id: true, number: true, heading: true } } },
  });
  if (!response) throw notFound(`The response "${slug}"`);
  const sectionIds = response.sections.map((section) => section.id);

  const [comments, suggestions, links] = await Promise.all([
    db().comment.findMany({
      where: { sectionId: { in: sectionIds }, parentId: null, withdrawnAt: null },
      select: { id: true, sectionId: true, body: true, anchor: true, createdAt: true, author: { select: { name: true } }, disposition: dispositionSelect, ...agreementCount },
    }),
    db().suggestion.findMany({
      where: { sectionId: { in: sectionIds }, status: { not: 'WITHDRAWN' } },
      select: {
        id: true, sectionId: true, anchor: true, replacement: true, reason: true, status: true, createdAt: true, acceptedVersionId: true, declineReason: true, decidedAt: true,
        decidedBy: { select: { name: true } }, author: { select: { name: true } }, disposition: dispositionSelect, ...agreementCount,
      },
    }),
    db().caseStudySection.findMany({
      where: { sectionId: { in: sectionIds }, caseStudy: { AND: [{ status: { in: PUBLISHED_STATUSES } }, isOperator(caller) ? {} : visibleTo(caller)] } },
      select: {
        sectionId: true,
        caseStudy: { select: { id: true, title: true, organisation: true, contactName: true, attribution: true, status: true, createdAt: true, disposition: dispositionSelect } },
      },
    }),
  ]);

  let latest = response.createdAt;
  const seen = (date: Date | null | undefined) => {
    if (date && date > latest) latest = date;
  };
  const sections: ReportSection[] = response.sections.map((section) => ({
    ...section,
    comments: comments
      .filter((c) => c.sectionId === section.id)
      .sort(byPosition)
      .map((c) => {
        seen(c.createdAt);
        seen(c.disposition?.updatedAt);
        return { id: c.id, quote: quoteOf(c.anchor), body: c.body, author: options.names ? nameOf(c.author) : null, agreeCount: c._count.agreements, disposition: dispositionDto(c.disposition) };
      }),
    suggestions: suggestions
      .filter((s) => s.sectionId === section.id)
      .sort(byPosition)
      .map((s) => {
        seen(s.createdAt);
        seen(s.decidedAt);
        seen(s.disposition?.updatedAt);
        return {
          id: s.id,
          quote: quoteOf(s.anchor) ?? '',
          body: s.reason ?? '',
          replacement: s.replacement,
          author: options.names ? nameOf(s.author) : null,
          agreeCount: s._count.agreements,
          disposition: dispositionDto(s.disposition, s),
        };
      }),
    caseStudies: links
      .filter((l) => l.sectionId === section.id)
      .map((l) => l.caseStudy)
      .sort(byPosition)
      .map((k) => {
        seen(k.disposition?.updatedAt);
        return { id: k.id, title: k.title, credit: creditLine(k), featured: k.status === 'FEATURED', disposition: dispositionDto(k.disposition) };
      }),
  }));
  const all = sections.flatMap((s) => [...s.comments, ...s.suggestions]);
  return {
    response: { slug: response.slug, title: response.title, consultationName: response.consultationName, asOf: latest.toISOString() },
    names: options.names,
    sections,
    totals: {
      comments: sections.reduce((n, s) => n + s.comments.length, 0),
      suggestions: sections.reduce((n, s) => n + s.suggestions.length, 0),
      caseStudies: new Set(sections.flatMap((s) => s.caseStudies.map((k) => k.id))).size,
      handled: all.filter((entry) => entry.disposition).length,
    },
  };
}

/** "Replace “x” with “y”", "Insert “y”", "Delete “x”". */
export function describeSuggestion(entry: Pick<ReportEntry, 'quote' | 'replacement'>): string {
  if (!entry.quote) return `Insert “${entry.replacement ?? ''}”`;
  if (!entry.replacement) return `Delete “${entry.quote}”`;
  return `Replace “${entry.quote}” with “${entry.replacement}”`;
}

export function outcomeText(disposition: DispositionDto | null): string {
  if (!disposition) return 'Awaiting a response.';
  return disposition.reply ? `${dispositionLabels[disposition.kind]}: ${disposition.reply}` : `${dispositionLabels[disposition.kind]}.`;
}

function text(value: string, marks?: PMNode['marks']): PMNode {
  return { type: 'text', text: value, ...(marks ? { marks } : {}) };
}

function entryItem(lead: string, entry: ReportEntry): PMNode {
  const by = entry.author ? ` (${entry.author})` : '';
  const outcome = entry.disposition;
  return {
    type: 'listItem',
    content: [
      { type: 'paragraph', content: [text(`${lead}${by}`)] },
      {
        type: 'paragraph',
        content: [text(outcome ? `${dispositionLabels[outcome.kind]}${outcome.reply ? ': ' : '.'}` : 'Awaiting a response.', [{ type: 'bold' }]), ...(outcome?.reply ? [text(outcome.reply)] : [])],
      },
    ],
  };
}

/** The report as a document for the Markdown and Word exports. */
export function reportDocument(report: Report): ExportDocument {
  const { totals } = report;
  const blocks: PMNode[] = [
    {
      type: 'paragraph',
      content: [
        text(
          `How the drafting group handled ${totals.comments} ${totals.comments === 1 ? 'comment' : 'comments'} and ${totals.suggestions} suggested ${totals.suggestions === 1 ? 'edit' : 'edits'} (${totals.handled} handled), and the ${totals.caseStudies} ${totals.caseStudies === 1 ? 'case study' : 'case studies'} that informed the response.`,
        ),
      ],
    },
  ];
  for (const section of report.sections) {
    blocks.push(headingNode(1, section.heading.trim() ? sectionTitle(section) : 'Introduction'));
    if (!section.comments.length && !section.suggestions.length && !section.caseStudies.length) {
      blocks.push({ type: 'paragraph', content: [text('No feedback on this section.')] });
      continue;
    }
    if (section.comments.length) {
      blocks.push(headingNode(2, 'You said: comments'));
      blocks.push({ type: 'bulletList', content: section.comments.map((c) => entryItem(c.quote ? `On “${c.quote}”: ${c.body}` : c.body, c)) });
    }
    if (section.suggestions.length) {
      blocks.push(headingNode(2, 'You said: suggested edits'));
      blocks.push({ type: 'bulletList', content: section.suggestions.map((s) => entryItem(`${describeSuggestion(s)}${s.body ? `. Reason: ${s.body}` : ''}`, s)) });
    }
    if (section.caseStudies.length) {
      blocks.push(headingNode(2, 'Case studies that informed this section'));
      blocks.push({
        type: 'bulletList',
        content: section.caseStudies.map((k) => ({
          type: 'listItem',
          content: [{ type: 'paragraph', content: [text(`${k.title}${k.credit ? ` — ${k.credit}` : ''}${k.featured ? ' (featured)' : ''}`)] }],
        })),
      });
    }
  }
  return { title: `You said, we did: ${report.response.title}`, subtitle: report.response.consultationName || null, blocks, asOf: new Date(report.response.asOf) };
}
