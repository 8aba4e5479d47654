/**
 * The text of a response to export: its sections now, or exactly as they were in a named
 * version (NamedVersionSection → SectionVersion, with the heading and number it had then).
 */
import 'server-only';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { Snapshot } from '@/lib/export/document';
import type { PMDoc } from '@/lib/sections/content';
import { readVersionBodies } from '@/lib/versions/storage';

export async function loadSnapshot(responseId: string, label: string | null): Promise<Snapshot> {
  const response = await db().response.findUniqueOrThrow({ where: { id: responseId }, select: { title: true, consultationName: true, createdAt: true } });
  if (label) {
    const named = await db().namedVersion.findUnique({
      where: { responseId_label: { responseId, label } },
      select: {
        label: true,
        createdAt: true,
        sections: {
          orderBy: { position: 'asc' },
          select: { number: true, heading: true, versionId: true },
        },
      },
    });
    if (!named) throw notFound(`The named version "${label}"`);
    const bodies = await readVersionBodies(db(), named.sections.map((section) => section.versionId));
    return {
      title: response.title,
      consultationName: response.consultationName,
      label: named.label,
      asOf: named.createdAt,
      sections: named.sections.map((section) => ({ number: section.number, heading: section.heading, content: bodies.get(section.versionId)!.content })),
    };
  }
  const sections = await db().section.findMany({
    where: { responseId },
    orderBy: { position: 'asc' },
    select: { number: true, heading: true, currentVersion: { select: { content: true, createdAt: true } } },
  });
  const asOf = sections.reduce((latest, section) => {
    const at = section.currentVersion?.createdAt;
    return at && at > latest ? at : latest;
  }, response.createdAt);
  return {
    title: response.title,
    consultationName: response.consultationName,
    label: null,
    asOf,
    sections: sections.map((section) => ({ number: section.number, heading: section.heading, content: (section.currentVersion?.content as PMDoc | undefined) ?? null })),
  };
}

/** The labels of a response's named versions, newest first (for the export page). */
export async function listNamedVersions(responseId: string): Promise<{ label: string; createdAt: string }[]> {
  const rows = await db().namedVersion.findMany({ where: { responseId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { label: true, createdAt: true } });
  return rows.map((row) => ({ label: row.label, createdAt: row.createdAt.toISOString() }));
}
