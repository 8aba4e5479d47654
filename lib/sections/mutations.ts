/**
 * Writing a section's text. Every stored change creates an immutable SectionVersion and
 * moves the section's currentVersionId to it; nothing is overwritten.
 */
import 'server-only';
import { recordAudit } from '@/lib/audit';
import { beginLiveEdit, cancelLiveEdit, finishLiveEdit } from '@/lib/collab/client';
import { applyContentToYDoc, contentFromYDoc, encodeState, updateFromBase, ydocFromState } from '@/lib/collab/ydoc';
import { db, Prisma, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import type { VersionSource } from '@/lib/generated/prisma/enums';
import { assertSectionWritable } from '@/lib/responses/guards';
import { textFromDoc, type PMDoc } from '@/lib/sections/content';
import { sanitizeContent } from '@/lib/sections/editor-schema';
import { MAX_SECTION_CHARACTERS } from '@/lib/sections/limits';
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
 * editor could not show. Only for sections that are not open live (a new section, an
 * import); to change an existing section use applySectionEdit, which reaches live editors.
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

/**
 * Applies a server-side change (accepting a suggestion, inserting a quotation, restoring
 * a version) to a section and stores the result as a new version.
 *
 * The section's row is locked for the duration so two server-side changes never
 * interleave, and the collaboration server cannot load or version the section meanwhile.
 * - Section open live: the collaboration server pins the live document and hands over its
 *   state; `edit` runs on that content; the difference is computed as a Yjs update
 *   against that state and merged into the live document after the version (and `after`)
 *   are written. Typing that arrived in between is kept (CRDT merge), and the next
 *   editing version includes it.
 * - Not open (or no collaboration server running): `edit` runs on the stored content and
 *   the stored Yjs state, if any, gets the same difference, so the next live session opens
 *   with the new text and a browser that kept an offline copy merges cleanly.
 * If anything fails before the change reaches the live document, nothing is changed.
 */
export async function applySectionEdit(change: SectionEdit) {
  return db().$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`select id from "Section" where id = ${change.sectionId} for update`;
      if (!locked.length) throw notFound('That section');
      const section = await tx.section.findUnique({
        where: { id: change.sectionId },
        select: { currentVersion: { select: { content: true, createdAt: true } }, document: { select: { state: true, updatedAt: true } } },
      });
      if (!section) throw notFound('That section');
      await assertSectionWritable(tx, change.sectionId);

      const live = await beginLiveEdit(change.sectionId);
      try {
        const base = live.live ? ydocFromState(live.state) : section.document ? ydocFromState(section.document.state) : null;
        const stored = sanitizeContent(section.currentVersion?.content ?? { type: 'doc', content: [] });
        // The stored live state is the truth unless a version was written after it without
        // going through here (e.g. by an import); the difference is applied to it below.
        const storedIsNewer = !live.live && section.document && section.currentVersion && section.currentVersion.createdAt > section.document.updatedAt;
        const current = base && !storedIsNewer ? contentFromYDoc(base) : stored;
        const next = sanitizeContent(change.edit(current, textFromDoc(current)));
        assertSectionLength(next);
        const version = await commitSectionVersion(tx, { ...change, content: next });
        await change.after?.(tx, version);
        if (live.live) {
          await finishLiveEdit(change.sectionId, live.editId, updateFromBase(live.state, next), change.authorIds);
        } else if (base) {
          applyContentToYDoc(base, next);
          await tx.sectionDocument.update({ where: { sectionId: change.sectionId }, data: { state: encodeState(base) } });
        }
        return version;
      } catch (error) {
        if (live.live) await cancelLiveEdit(change.sectionId, live.editId);
        throw error;
      }
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
