/**
 * Writing a section's text. Every stored change creates an immutable SectionVersion and
 * moves the section's currentVersionId to it; nothing is overwritten.
 */
import 'server-only';
import { recordAudit } from '@/lib/audit';
import { db, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import type { VersionSource } from '@/lib/generated/prisma/enums';
import { assertSectionWritable } from '@/lib/responses/guards';
import { textFromDoc, type PMDoc } from '@/lib/sections/content';

export const MAX_SECTION_CHARACTERS = 200_000;

export type CommitInput = {
  sectionId: string;
  content: PMDoc;
  /** Everyone credited with this version (for an accepted suggestion: proposer and acceptor). */
  authorIds: string[];
  source: VersionSource;
  label?: string;
  restoredFromId?: string;
  /** Who made the change, for the audit log (null: the system). */
  actorId: string | null;
};

/** Stores `content` as the section's new current version, inside `tx`. */
export async function commitSectionVersion(tx: Tx, input: CommitInput) {
  await assertSectionWritable(tx, input.sectionId);
  const text = textFromDoc(input.content);
  if (text.length > MAX_SECTION_CHARACTERS) {
    throw new AppError('payload_too_large', `A section can hold at most ${MAX_SECTION_CHARACTERS.toLocaleString('en-GB')} characters; this would make it ${text.length.toLocaleString('en-GB')}`, {
      fields: { content: 'The section would be too long' },
    });
  }
  const version = await tx.sectionVersion.create({
    data: {
      sectionId: input.sectionId,
      content: input.content as object,
      text,
      source: input.source,
      label: input.label,
      restoredFromId: input.restoredFromId,
      authors: { create: [...new Set(input.authorIds)].map((userId) => ({ userId })) },
    },
    select: { id: true, text: true, createdAt: true },
  });
  await tx.section.update({ where: { id: input.sectionId }, data: { currentVersionId: version.id } });
  await recordAudit(tx, {
    actorId: input.actorId,
    action: `section.version.${input.source.toLowerCase()}`,
    targetType: 'section',
    targetId: input.sectionId,
    data: { versionId: version.id },
  });
  return version;
}

export type SectionEdit = {
  sectionId: string;
  /** Computes the new content from the section's current content. May throw AppError. */
  edit: (current: PMDoc, currentText: string) => PMDoc;
  authorIds: string[];
  source: VersionSource;
  actorId: string | null;
  restoredFromId?: string;
  /** Runs inside the same transaction after the version is stored (e.g. mark a suggestion accepted). */
  after?: (tx: Tx, version: { id: string }) => Promise<void>;
};

/**
 * Applies a server-side change (accepting a suggestion, inserting a quotation, restoring
 * a version) to a section and stores the result as a new version.
 *
 * The section's row is locked for the duration so two server-side changes never
 * interleave. Changes reach people editing the section live through the collaboration
 * server (see lib/collab), which must apply them without losing concurrent typing.
 */
export async function applySectionEdit(change: SectionEdit) {
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`select id from "Section" where id = ${change.sectionId} for update`;
    const section = await tx.section.findUnique({
      where: { id: change.sectionId },
      select: { currentVersion: { select: { content: true, text: true } } },
    });
    if (!section) throw notFound('That section');
    const current = (section.currentVersion?.content as PMDoc | undefined) ?? { type: 'doc', content: [] };
    const next = change.edit(current, section.currentVersion?.text ?? '');
    const version = await commitSectionVersion(tx, { ...change, content: next });
    await change.after?.(tx, version);
    return version;
  });
}
