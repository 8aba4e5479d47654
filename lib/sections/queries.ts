/** Reads of sections, for any signed-in person of the network. */
import 'server-only';
import type { Caller } from '@/lib/auth/policy';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { Phase } from '@/lib/generated/prisma/enums';
import { collabInfo, type CollabInfo } from '@/lib/sections/collab-info';
import type { PMDoc } from '@/lib/sections/content';

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
  previous: { id: string; number: string | null; heading: string } | null;
  next: { id: string; number: string | null; heading: string } | null;
};

export async function getSection(caller: Caller, sectionId: string): Promise<SectionDetail> {
  void caller;
  const section = await db().section.findUnique({
    where: { id: sectionId },
    select: {
      id: true,
      number: true,
      heading: true,
      position: true,
      responseId: true,
      updatedAt: true,
      currentVersion: { select: { id: true, text: true, content: true, createdAt: true } },
      // The response's sections (a few dozen short rows) come in the same statement, for the
      // previous/next links: one query per page view fewer than asking for the neighbours.
      response: {
        select: { slug: true, title: true, phase: true, sections: { select: { id: true, number: true, heading: true }, orderBy: [{ position: 'asc' }, { id: 'asc' }] } },
      },
    },
  });
  if (!section) throw notFound('That section');
  const siblings = section.response.sections;
  const index = siblings.findIndex((s) => s.id === section.id);
  const pick = (at: number) => {
    const found = siblings[at];
    return found ? { id: found.id, number: found.number, heading: found.heading } : null;
  };
  return {
    id: section.id,
    number: section.number,
    heading: section.heading,
    text: section.currentVersion?.text ?? '',
    content: (section.currentVersion?.content as PMDoc | undefined) ?? null,
    versionId: section.currentVersion?.id ?? null,
    updatedAt: (section.currentVersion?.createdAt ?? section.updatedAt).toISOString(),
    responseSlug: section.response.slug,
    responseTitle: section.response.title,
    responsePhase: section.response.phase,
    collab: collabInfo(section.id),
    previous: index > 0 ? pick(index - 1) : null,
    next: pick(index + 1),
  };
}
