/**
 * Reads of a section's history and of named versions of a whole response. Every signed-in
 * person may read them (roles are network-wide; the text is not secret to members).
 * Authors are returned by name only: no contact details.
 */
import 'server-only';
import type { Caller } from '@/lib/auth/policy';
import { displayName } from '@/lib/collab/presence';
import { db } from '@/lib/db';
import { notFound, parseInput } from '@/lib/errors';
import type { VersionSource } from '@/lib/generated/prisma/enums';
import type { PMDoc } from '@/lib/sections/content';
import { wordDiff, type DiffChange } from '@/lib/versions/diff';
import { compareVersionsSchema } from '@/lib/versions/schemas';
import { readVersionBodies, readVersionBody } from '@/lib/versions/storage';

export type VersionAuthor = { name: string };

export type VersionSummary = {
  id: string;
  createdAt: string;
  authors: VersionAuthor[];
  label: string | null;
  source: VersionSource;
  restoredFromId: string | null;
};

export type VersionDetail = VersionSummary & { sectionId: string; text: string; content: PMDoc };

/** At most this many versions per listing; the history of a busy section is long. */
export const VERSION_LIST_LIMIT = 500;

const summarySelect = {
  id: true,
  createdAt: true,
  label: true,
  source: true,
  restoredFromId: true,
  authors: { select: { user: { select: { name: true } } } },
} as const;

type SummaryRow = {
  id: string;
  createdAt: Date;
  label: string | null;
  source: VersionSource;
  restoredFromId: string | null;
  authors: { user: { name: string | null } }[];
};

function toSummary(row: SummaryRow): VersionSummary {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    authors: row.authors.map((author) => ({ name: displayName(author.user.name) })).sort((a, b) => a.name.localeCompare(b.name)),
    label: row.label,
    source: row.source,
    restoredFromId: row.restoredFromId,
  };
}

export type SectionHistory = {
  section: { id: string; number: string | null; heading: string; currentVersionId: string | null; responseSlug: string; responseTitle: string };
  versions: VersionSummary[];
  /** True when older versions exist beyond the listing (pass `before` to page back). */
  more: boolean;
};

/** A section's versions, newest first. `before`: only versions older than that version. */
export async function listSectionVersions(caller: Caller, sectionId: string, options: { before?: string; limit?: number } = {}): Promise<SectionHistory> {
  void caller;
  const section = await db().section.findUnique({
    where: { id: sectionId },
    select: { id: true, number: true, heading: true, currentVersionId: true, response: { select: { slug: true, title: true } } },
  });
  if (!section) throw notFound('That section');
  const limit = Math.min(options.limit ?? VERSION_LIST_LIMIT, VERSION_LIST_LIMIT);
  let before: Date | undefined;
  if (options.before) {
    const anchor = await db().sectionVersion.findFirst({ where: { id: options.before, sectionId }, select: { createdAt: true } });
    if (!anchor) throw notFound('That version');
    before = anchor.createdAt;
  }
  const rows = await db().sectionVersion.findMany({
    where: { sectionId, ...(before ? { createdAt: { lt: before } } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: summarySelect,
  });
  return {
    section: {
      id: section.id,
      number: section.number,
      heading: section.heading,
      currentVersionId: section.currentVersionId,
      responseSlug: section.response.slug,
      responseTitle: section.response.title,
    },
    versions: rows.slice(0, limit).map(toSummary),
    more: rows.length > limit,
  };
}

export async function getVersion(caller: Caller, versionId: string): Promise<VersionDetail> {
  void caller;
  const row = await db().sectionVersion.findUnique({ where: { id: versionId }, select: { ...summarySelect, sectionId: true } });
  const body = row && (await readVersionBody(db(), row.id));
  if (!row || !body) throw notFound('That version');
  return { ...toSummary(row), sectionId: row.sectionId, text: body.text, content: body.content };
}

export type VersionComparison = { from: VersionSummary; to: VersionSummary; changes: DiffChange[] };

/** Word-by-word differences between two versions of the same section. */
export async function compareVersions(caller: Caller, sectionId: string, input: unknown): Promise<VersionComparison> {
  void caller;
  const { from, to } = parseInput(compareVersionsSchema, input);
  const rows = await db().sectionVersion.findMany({ where: { id: { in: [from, to] }, sectionId }, select: summarySelect });
  const fromRow = rows.find((row) => row.id === from);
  const toRow = rows.find((row) => row.id === to);
  if (!fromRow || !toRow) {
    const section = await db().section.findUnique({ where: { id: sectionId }, select: { id: true } });
    throw notFound(section ? 'That version' : 'That section');
  }
  const bodies = await readVersionBodies(db(), [from, to]);
  return { from: toSummary(fromRow), to: toSummary(toRow), changes: wordDiff(bodies.get(from)!.text, bodies.get(to)!.text) };
}

// ---------------------------------------------------------------- named versions

export type NamedVersionSummary = { id: string; label: string; createdAt: string; createdBy: { name: string }; sectionCount: number };

export type NamedVersionDetail = Omit<NamedVersionSummary, 'sectionCount'> & {
  response: { id: string; slug: string; title: string; consultationName: string };
  /** The sections as they were when the version was named, in their order then. */
  sections: { sectionId: string; versionId: string; position: number; number: string | null; heading: string; text: string; content: PMDoc; versionCreatedAt: string }[];
};

export async function listNamedVersions(caller: Caller, responseSlug: string): Promise<NamedVersionSummary[]> {
  void caller;
  const response = await db().response.findUnique({ where: { slug: responseSlug }, select: { id: true } });
  if (!response) throw notFound(`The response "${responseSlug}"`);
  const rows = await db().namedVersion.findMany({
    where: { responseId: response.id },
    orderBy: { createdAt: 'desc' },
    select: { id: true, label: true, createdAt: true, createdBy: { select: { name: true } }, _count: { select: { sections: true } } },
  });
  return rows.map((row) => ({ id: row.id, label: row.label, createdAt: row.createdAt.toISOString(), createdBy: { name: displayName(row.createdBy.name) }, sectionCount: row._count.sections }));
}

/**
 * A named version of a whole response exactly as it was labelled: each section's heading,
 * number, position and the text of the version current at that moment. Used by the named
 * version page and by exports of a named version.
 */
export async function getNamedVersion(caller: Caller, namedVersionId: string): Promise<NamedVersionDetail> {
  void caller;
  const row = await db().namedVersion.findUnique({
    where: { id: namedVersionId },
    select: {
      id: true,
      label: true,
      createdAt: true,
      createdBy: { select: { name: true } },
      response: { select: { id: true, slug: true, title: true, consultationName: true } },
      sections: {
        orderBy: { position: 'asc' },
        select: { sectionId: true, versionId: true, position: true, number: true, heading: true, version: { select: { createdAt: true } } },
      },
    },
  });
  if (!row) throw notFound('That named version');
  const bodies = await readVersionBodies(db(), row.sections.map((section) => section.versionId));
  return {
    id: row.id,
    label: row.label,
    createdAt: row.createdAt.toISOString(),
    createdBy: { name: displayName(row.createdBy.name) },
    response: row.response,
    sections: row.sections.map((section) => ({
      sectionId: section.sectionId,
      versionId: section.versionId,
      position: section.position,
      number: section.number,
      heading: section.heading,
      text: bodies.get(section.versionId)!.text,
      content: bodies.get(section.versionId)!.content,
      versionCreatedAt: section.version.createdAt.toISOString(),
    })),
  };
}
