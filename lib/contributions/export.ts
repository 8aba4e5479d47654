/**
 * "My contributions": what one member said while the network wrote its response — their
 * comments and replies, their suggested wording and their case studies — gathered section
 * by section as the start of an individual response, which the network encourages them to
 * submit too. Only ever the caller's own contributions; withdrawn ones are left out.
 * Markdown, Word or plain text, through lib/export's renderers.
 */
import 'server-only';
import { z } from 'zod';
import type { Caller } from '@/lib/auth/policy';
import { findResponseBySlug } from '@/lib/consultation-form/queries';
import { db } from '@/lib/db';
import { parseInput } from '@/lib/errors';
import { headingNode, type ExportDocument } from '@/lib/export/document';
import { renderDocx } from '@/lib/export/docx';
import { renderMarkdown } from '@/lib/export/markdown';
import { contentTypes, type ExportFile } from '@/lib/export/service';
import { renderTxt } from '@/lib/export/txt';
import { sectionTitle } from '@/lib/format';
import { docFromText, paragraph, type PMNode } from '@/lib/sections/content';

export const contributionsExportSchema = z.object({
  format: z.enum(['md', 'docx', 'txt'], { error: 'format must be md, docx or txt' }),
});

const italicText = (value: string): PMNode => ({ type: 'paragraph', content: [{ type: 'text', text: value, marks: [{ type: 'italic' }] }] });
const quoteOf = (anchor: unknown): string | null => {
  const exact = (anchor as { exact?: unknown } | null)?.exact;
  return typeof exact === 'string' && exact.trim() ? exact.trim() : null;
};
const shorten = (value: string, max = 300) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

export type Contributions = {
  document: ExportDocument;
  counts: { comments: number; suggestions: number; caseStudies: number };
};

/** The caller's own contributions to the response `slug`, as an export document. */
export async function myContributions(caller: Caller, slug: string): Promise<Contributions> {
  const found = await findResponseBySlug(slug);
  const response = await db().response.findUniqueOrThrow({
    where: { id: found.id },
    select: { title: true, consultationName: true, createdAt: true, sections: { orderBy: { position: 'asc' }, select: { id: true, number: true, heading: true } } },
  });
  const sectionIds = response.sections.map((section) => section.id);
  const [comments, suggestions, caseStudies] = await Promise.all([
    db().comment.findMany({
      where: { authorId: caller.id, sectionId: { in: sectionIds }, withdrawnAt: null },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { sectionId: true, body: true, anchor: true, parentId: true, createdAt: true, editedAt: true },
    }),
    db().suggestion.findMany({
      where: { authorId: caller.id, sectionId: { in: sectionIds }, status: { not: 'WITHDRAWN' } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { sectionId: true, anchor: true, replacement: true, reason: true, status: true, createdAt: true },
    }),
    db().caseStudy.findMany({
      where: { authorId: caller.id, responseId: found.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { title: true, organisation: true, place: true, summary: true, evidence: true, links: true, updatedAt: true },
    }),
  ]);

  let asOf = response.createdAt;
  const later = (at: Date | null) => {
    if (at && at > asOf) asOf = at;
  };
  const blocks: PMNode[] = [
    paragraph('The network encourages members to send the government their own response as well as signing the network’s. This draft gathers what you said while the network’s response was written, section by section: turn it into your own words, add what matters to you, and submit it through the consultation.'),
  ];
  for (const section of response.sections) {
    const mine = comments.filter((comment) => comment.sectionId === section.id);
    const proposed = suggestions.filter((suggestion) => suggestion.sectionId === section.id);
    if (!mine.length && !proposed.length) continue;
    blocks.push(headingNode(1, sectionTitle(section)));
    for (const comment of mine) {
      later(comment.editedAt ?? comment.createdAt);
      const quote = quoteOf(comment.anchor);
      if (quote) blocks.push(italicText(`On “${shorten(quote)}”${comment.parentId ? ' (a reply)' : ''}:`));
      else if (comment.parentId) blocks.push(italicText('A reply:'));
      blocks.push(...docFromText(comment.body).content);
    }
    for (const suggestion of proposed) {
      later(suggestion.createdAt);
      const quote = quoteOf(suggestion.anchor);
      const what = !quote
        ? `I suggested adding: “${suggestion.replacement}”`
        : suggestion.replacement
          ? `I suggested replacing “${shorten(quote)}” with “${suggestion.replacement}”`
          : `I suggested removing “${shorten(quote)}”`;
      blocks.push(paragraph(`${what}${suggestion.status === 'ACCEPTED' ? ' (the network took this up)' : ''}.`));
      if (suggestion.reason) blocks.push(...docFromText(`Why: ${suggestion.reason}`).content);
    }
  }
  if (caseStudies.length) {
    blocks.push(headingNode(1, 'Case studies'));
    for (const study of caseStudies) {
      later(study.updatedAt);
      blocks.push(headingNode(2, study.title || 'Untitled case study'));
      const where = [study.organisation, study.place].filter(Boolean).join(', ');
      if (where) blocks.push(italicText(where));
      if (study.summary) blocks.push(...docFromText(study.summary).content);
      if (study.evidence) blocks.push(...docFromText(`Evidence: ${study.evidence}`).content);
      if (study.links.length) blocks.push({ type: 'bulletList', content: study.links.map((link) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: link, marks: [{ type: 'link', attrs: { href: link } }] }] }] })) });
    }
  }
  if (blocks.length === 1) blocks.push(italicText('You have not commented, suggested wording or submitted a case study on this response yet.'));
  return {
    document: {
      title: `My response to “${response.consultationName}”`,
      subtitle: `A draft from ${caller.name?.trim() || 'my'}${caller.name?.trim() ? '’s' : ''} contributions to the network’s response “${response.title}”`,
      blocks,
      asOf,
    },
    counts: { comments: comments.length, suggestions: suggestions.length, caseStudies: caseStudies.length },
  };
}

/** The caller's contributions to the response `slug` as a file (md, docx or txt). */
export async function exportMyContributions(caller: Caller, slug: string, input: { format?: unknown }): Promise<ExportFile> {
  const { format } = parseInput(contributionsExportSchema, input);
  const { document } = await myContributions(caller, slug);
  const fileName = `${slug}-my-contributions.${format}`;
  if (format === 'md') return { fileName, contentType: contentTypes.md, body: renderMarkdown(document) };
  if (format === 'txt') return { fileName, contentType: contentTypes.txt, body: renderTxt(document) };
  return { fileName, contentType: contentTypes.docx, body: await renderDocx(document) };
}
