/**
 * Where live documents live between sessions: SectionDocument (one row per section, the
 * Yjs state as bytes), and the versions the collaboration server stores from them.
 *
 * Every function that reads or writes a section's live state takes the Section row lock
 * (SELECT ... FOR UPDATE), the same lock applySectionEdit holds, so a server-side change
 * and the collaboration server loading or versioning the same section never interleave.
 */
import 'server-only';
import { applyContentToYDoc, contentFromYDoc, encodeState, ydocFromContent, ydocFromState } from '@/lib/collab/ydoc';
import { db, type Tx } from '@/lib/db';
import type { PMDoc } from '@/lib/sections/content';
import { sameContent } from '@/lib/sections/editor-schema';
import { commitSectionVersion } from '@/lib/sections/mutations';

export async function lockSection(tx: Tx, sectionId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`select id from "Section" where id = ${sectionId} for update`;
  return rows.length > 0;
}

/**
 * The Yjs state to open a section's live document with, or null if there is no such
 * section. A section without state gets one built from its current version and stored at
 * once (so every later load shares its history). If a newer version was stored without
 * the live state being brought in line, the state is updated to it.
 * `onLocked` runs once the row lock is held (the collaboration server uses it to know
 * that this load will see every change committed before it).
 */
export async function loadSectionState(sectionId: string, onLocked: () => void = () => {}): Promise<Uint8Array | null> {
  return db().$transaction(async (tx) => {
    if (!(await lockSection(tx, sectionId))) return null;
    onLocked();
    const section = await tx.section.findUnique({
      where: { id: sectionId },
      select: { currentVersion: { select: { content: true, createdAt: true } }, document: { select: { state: true, updatedAt: true } } },
    });
    const versionContent = (section?.currentVersion?.content as PMDoc | undefined) ?? null;
    if (section?.document) {
      const doc = ydocFromState(section.document.state);
      const stale = section.currentVersion && versionContent && section.currentVersion.createdAt > section.document.updatedAt && !sameContent(contentFromYDoc(doc), versionContent);
      if (stale) {
        applyContentToYDoc(doc, versionContent);
        const state = encodeState(doc);
        await tx.sectionDocument.update({ where: { sectionId }, data: { state } });
        return state;
      }
      return new Uint8Array(section.document.state);
    }
    const doc = ydocFromContent(versionContent ?? { type: 'doc', content: [] });
    const state = encodeState(doc);
    await tx.sectionDocument.create({ data: { sectionId, state } });
    return state;
  }, { timeout: 30_000, maxWait: 30_000 });
}

export async function storeSectionState(sectionId: string, bytes: Uint8Array): Promise<void> {
  const state = new Uint8Array(bytes);
  await db().sectionDocument.upsert({ where: { sectionId }, create: { sectionId, state }, update: { state } });
}

/**
 * Stores the live document's content as a new EDIT version credited to `authorIds`, unless
 * it equals the current version. `readContent` is called only once the row lock is held,
 * so the content includes every server-side change committed before.
 */
export async function commitLiveVersion(sectionId: string, readContent: () => PMDoc, authorIds: string[]) {
  return db().$transaction(async (tx) => {
    if (!(await lockSection(tx, sectionId))) return null;
    const current = await tx.section.findUnique({ where: { id: sectionId }, select: { currentVersion: { select: { content: true } } } });
    const content = readContent();
    const currentContent = current?.currentVersion?.content as PMDoc | undefined;
    if (currentContent && sameContent(currentContent, content)) return null;
    return commitSectionVersion(tx, { sectionId, content, authorIds, source: 'EDIT', actorId: authorIds[0] ?? null });
  }, { timeout: 30_000, maxWait: 30_000 });
}
