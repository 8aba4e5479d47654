/**
 * Reads of responses. Every signed-in person of the network may read every response;
 * `caller` is still required so no read happens without someone signed in.
 */
import 'server-only';
import type { Caller } from '@/lib/auth/policy';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { Phase } from '@/lib/generated/prisma/enums';
import { collabInfo, type CollabInfo } from '@/lib/sections/collab-info';

export type ResponseSummary = { slug: string; title: string; phase: Phase; deadline: string | null; sectionCount: number };

export type SectionSummary = { id: string; number: string | null; heading: string; text: string; versionId: string | null; collab: CollabInfo };

export type ResponseDetail = ResponseSummary & {
  id: string;
  consultationName: string;
  consultationUrl: string | null;
  sections: SectionSummary[];
};

export async function listResponses(caller: Caller): Promise<ResponseSummary[]> {
  void caller;
  const rows = await db().response.findMany({
    orderBy: { createdAt: 'desc' },
    select: { slug: true, title: true, phase: true, deadline: true, _count: { select: { sections: true } } },
  });
  return rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    phase: row.phase,
    deadline: row.deadline?.toISOString() ?? null,
    sectionCount: row._count.sections,
  }));
}

export async function getResponse(caller: Caller, slug: string): Promise<ResponseDetail> {
  void caller;
  const row = await db().response.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      phase: true,
      deadline: true,
      consultationName: true,
      consultationUrl: true,
      sections: {
        orderBy: { position: 'asc' },
        select: { id: true, number: true, heading: true, currentVersion: { select: { id: true, text: true } } },
      },
    },
  });
  if (!row) throw notFound(`The response "${slug}"`);
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    phase: row.phase,
    deadline: row.deadline?.toISOString() ?? null,
    consultationName: row.consultationName,
    consultationUrl: row.consultationUrl,
    sectionCount: row.sections.length,
    sections: row.sections.map((section) => ({
      id: section.id,
      number: section.number,
      heading: section.heading,
      text: section.currentVersion?.text ?? '',
      versionId: section.currentVersion?.id ?? null,
      collab: collabInfo(section.id),
    })),
  };
}

export type ResponsePhaseState = { slug: string; phase: Phase; deadline: string | null };

/** Just the phase and deadline: cheap enough for open pages to ask every few seconds. */
export async function getResponsePhase(caller: Caller, slug: string): Promise<ResponsePhaseState> {
  void caller;
  const row = await db().response.findUnique({ where: { slug }, select: { slug: true, phase: true, deadline: true } });
  if (!row) throw notFound(`The response "${slug}"`);
  return { slug: row.slug, phase: row.phase, deadline: row.deadline?.toISOString() ?? null };
}
