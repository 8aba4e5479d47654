/** Reads of sections, for any signed-in person of the network. */
import 'server-only';
import type { Caller } from '@/lib/auth/policy';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { Phase } from '@/lib/generated/prisma/enums';
import { collabInfo, type CollabInfo } from '@/lib/sections/collab-info';
import type { PMDoc } from '@/lib/sections/content';

/** A section as a link names it. */
export type SectionRef = { id: string; number: string | null; heading: string };

/**
 * The response's sections in reading order, as a Prisma select under `response`, for the
 * previous/next links (sectionNeighbours): a few dozen short rows in the same statement,
 * one query per page view fewer than asking for the neighbours.
 */
export const readingOrder = { select: { id: true, number: true, heading: true }, orderBy: [{ position: 'asc' as const }, { id: 'asc' as const }] };

/**
 * What a page showing one section reads about it: its words now (currentWords) and its
 * response with the sections around it (sectionNeighbours). The section page and the merge
 * page both start from this.
 */
export const sectionPageSelect = {
  id: true,
  number: true,
  heading: true,
  currentVersion: { select: { id: true, text: true, content: true, createdAt: true } },
  response: { select: { slug: true, title: true, phase: true, sections: readingOrder } },
};

/** The sections before and after `sectionId` among `siblings` (readingOrder). */
export function sectionNeighbours(siblings: SectionRef[], sectionId: string): { previous: SectionRef | null; next: SectionRef | null } {
  const index = siblings.findIndex((sibling) => sibling.id === sectionId);
  const ref = (at: number) => {
    const found = index === -1 ? undefined : siblings[at];
    return found ? { id: found.id, number: found.number, heading: found.heading } : null;
  };
  return { previous: ref(index - 1), next: ref(index + 1) };
}

/** The words of a section's current version, as pages and the editor take them (empty before the first version). */
export function currentWords(version: { id: string; text: string | null; content: unknown } | null): { text: string; content: PMDoc | null; versionId: string | null } {
  return { text: version?.text ?? '', content: (version?.content as PMDoc | undefined) ?? null, versionId: version?.id ?? null };
}

export type SectionDetail = {
  id: string;
  number: string | null;
  heading: string;
  text: string;
  content: PMDoc | null;
  versionId: string | null;
  updatedAt: string;
  responseSlug: string;
  responseTitle: string;
  responsePhase: Phase;
  collab: CollabInfo;
  previous: SectionRef | null;
  next: SectionRef | null;
};

export async function getSection(caller: Caller, sectionId: string): Promise<SectionDetail> {
  void caller;
  const section = await db().section.findUnique({
    where: { id: sectionId },
    select: { ...sectionPageSelect, position: true, responseId: true, updatedAt: true },
  });
  if (!section) throw notFound('That section');
  return {
    id: section.id,
    number: section.number,
    heading: section.heading,
    ...currentWords(section.currentVersion),
    updatedAt: (section.currentVersion?.createdAt ?? section.updatedAt).toISOString(),
    responseSlug: section.response.slug,
    responseTitle: section.response.title,
    responsePhase: section.response.phase,
    collab: collabInfo(section.id),
    ...sectionNeighbours(section.response.sections, section.id),
  };
}
