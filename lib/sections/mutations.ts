/**
 * Writing a section's text. Every stored change creates an immutable SectionVersion and
 * moves the section's currentVersionId to it; nothing is overwritten.
 */
import 'server-only';
import { recordAudit } from '@/lib/audit';
import { db, Prisma, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import type { VersionSource } from '@/lib/generated/prisma/enums';
import { assertSectionWritable } from '@/lib/responses/guards';
import { textFromDoc, type PMDoc } from '@/lib/sections/content';
import { sameContent, sanitizeContent } from '@/lib/sections/editor-schema';
import { MAX_SECTION_CHARACTERS } from '@/lib/sections/limits';
import { appendServerUpdate, liveAuthorsSince, readLiveDoc, readOrCreateLiveDoc } from '@/lib/sections/live-state';
import { contentFromYDoc, updateDocTo } from '@/lib/sections/ydoc';
import { compactPreviousVersion, currentVersionBase, planStorage, serialBody } from '@/lib/versions/storage';

export { MAX_SECTION_CHARACTERS };

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

/** Refuses content longer than a section may be, naming the limit and the length. */
export function assertSectionLength(content: PMDoc): string {
  const text = textFromDoc(content);
  if (text.length > MAX_SECTION_CHARACTERS) {
    throw new AppError('payload_too_large', `A section can hold at most ${MAX_SECTION_CHARACTERS.toLocaleString('en-GB')} characters; this would make it ${text.length.toLocaleString('en-GB')}`, {
      fields: { content: 'The section would be too long' },
    });
  }
  return text;
}

/**
 * Stores `content` as the section's new current version, inside `tx`. The content is
 * first rebuilt against the editor's schema (sanitizeContent: unknown nodes and marks
 * dropped, links other than http/https/mailto removed), so nothing stored is content the
 * editor could not show. Only for a new section (an import) or content read from the live
 * text itself; to change an existing section use applySectionEdit, which reaches live editors.
 * The new version is stored whole; the version it replaces keeps only its delta unless it
 * is a keyframe (lib/versions/storage.ts), so read older versions with readVersionBodies.
 */
export async function commitSectionVersion(tx: Tx, input: CommitInput) {
  await assertSectionWritable(tx, input.sectionId);
  const content = sanitizeContent(input.content);
  const text = textFromDoc(content);
  if (text.length > MAX_SECTION_CHARACTERS) {
    throw new AppError('payload_too_large', `A section can hold at most ${MAX_SECTION_CHARACTERS.toLocaleString('en-GB')} characters; this would make it ${text.length.toLocaleString('en-GB')}`, {
      fields: { content: 'The section would be too long' },
    });
  }
  // Stored whole (it becomes the current version) with its delta from the version it
  // replaces, whose full copy is then dropped: see lib/versions/storage.ts.
  const base = await currentVersionBase(tx, input.sectionId);
  const stored = planStorage(base, serialBody({ content, text }));
  const version = await tx.sectionVersion.create({
    data: {
      sectionId: input.sectionId,
      content: content as object,
      text,
      baseId: stored.baseId,
      delta: stored.delta ?? Prisma.DbNull,
      depth: stored.depth,
      source: input.source,
      label: input.label,
      restoredFromId: input.restoredFromId,
      authors: { create: [...new Set(input.authorIds)].map((userId) => ({ userId })) },
    },
    select: { id: true, createdAt: true },
  });
  await tx.section.update({ where: { id: input.sectionId }, data: { currentVersionId: version.id } });
  if (base) await compactPreviousVersion(tx, base.id);
  await recordAudit(tx, {
    actorId: input.actorId,
    action: `section.version.${input.source.toLowerCase()}`,
    targetType: 'section',
    targetId: input.sectionId,
    data: { versionId: version.id },
  });
  return { id: version.id, text, createdAt: version.createdAt };
}

export type SectionEdit = {
  sectionId: string;
  /**
   * Computes the new content from the section's current content — the live document's
   * content when the section is open in the collaboration server, else the stored one.
   * Called exactly once. Locate what to change from `current` (e.g. by a quote), never
   * from offsets computed earlier: the text may have moved. May throw AppError.
   */
  edit: (current: PMDoc, currentText: string) => PMDoc;
  authorIds: string[];
  source: VersionSource;
  actorId: string | null;
  restoredFromId?: string;
  label?: string;
  /** Runs inside the same transaction after the version is stored (e.g. mark a suggestion accepted). */
  after?: (tx: Tx, version: { id: string }) => Promise<void>;
};

/** Locks a section's row for the rest of the transaction; false if there is no such section. */
export async function lockSection(tx: Tx, sectionId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`select id from "Section" where id = ${sectionId} for update`;
  return rows.length > 0;
}

/**
 * Applies a server-side change (accepting a suggestion, inserting a quotation, restoring
 * a version) to a section and stores the result as a new version.
 *
 * The change is computed against the section's live text as stored (lib/sections/live-state:
 * everything the collaboration server has acknowledged), stored as a version, and appended
 * to the live text as a Yjs update in the same transaction. Collaboration processes holding
 * the section apply that update when the transaction commits: typing that arrived meanwhile
 * is kept (CRDT merge), and the next editing version includes it. The section's row lock
 * serialises server-side changes; no network call is made while it is held.
 * If anything fails, nothing is changed.
 */
export async function applySectionEdit(change: SectionEdit) {
  return db().$transaction(
    async (tx) => {
      if (!(await lockSection(tx, change.sectionId))) throw notFound('That section');
      const section = await tx.section.findUnique({ where: { id: change.sectionId }, select: { currentVersion: { select: { content: true } } } });
      if (!section) throw notFound('That section');
      await assertSectionWritable(tx, change.sectionId);
      const stored = sanitizeContent(section.currentVersion?.content ?? { type: 'doc', content: [] });
      const doc = await readOrCreateLiveDoc(tx, change.sectionId, stored);
      const current = contentFromYDoc(doc);
      const next = sanitizeContent(change.edit(current, textFromDoc(current)));
      assertSectionLength(next);
      const version = await commitSectionVersion(tx, { ...change, content: next });
      await change.after?.(tx, version);
      if (!sameContent(current, next)) await appendServerUpdate(tx, change.sectionId, updateDocTo(doc, next), change.actorId);
      doc.destroy();
      return version;
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}

/**
 * Stores the live content as an EDIT version credited to `authorIds`, unless it equals the
 * current version. `readContent` runs once the row lock is held, so it sees every
 * server-side change committed before. Used by the collaboration server after a quiet spell.
 */
export async function commitLiveVersion(sectionId: string, readContent: () => PMDoc | Promise<PMDoc>, authorIds: string[]) {
  return db().$transaction(async (tx) => {
    if (!(await lockSection(tx, sectionId))) return null;
    const current = await tx.section.findUnique({ where: { id: sectionId }, select: { currentVersion: { select: { content: true } } } });
    const content = await readContent();
    const currentContent = current?.currentVersion?.content as PMDoc | undefined;
    if (currentContent && sameContent(currentContent, content)) return null;
    return commitSectionVersion(tx, { sectionId, content, authorIds, source: 'EDIT', actorId: authorIds[0] ?? null });
  }, { timeout: 30_000, maxWait: 30_000 });
}

/**
 * Stores the live text of each section as a version where it differs from the current
 * version (typing from the last seconds of a live session, not yet cut into a version),
 * credited to everyone who typed since. Read from the database, so it works whichever
 * process holds the live document. Used before naming a version and before marking final.
 */
export async function commitPendingLiveText(sectionIds: string[]): Promise<void> {
  for (const sectionId of sectionIds) {
    await db().$transaction(async (tx) => {
      if (!(await lockSection(tx, sectionId))) return;
      const section = await tx.section.findUnique({ where: { id: sectionId }, select: { currentVersion: { select: { content: true, createdAt: true } } } });
      const live = await readLiveDoc(tx, sectionId);
      if (!live || !section?.currentVersion) return;
      const content = contentFromYDoc(live.doc);
      live.doc.destroy();
      if (sameContent(section.currentVersion.content as PMDoc, content)) return;
      const authorIds = await liveAuthorsSince(tx, sectionId, section.currentVersion.createdAt);
      await commitSectionVersion(tx, { sectionId, content, authorIds, source: 'EDIT', actorId: authorIds[0] ?? null });
    }, { timeout: 30_000, maxWait: 30_000 });
  }
}
