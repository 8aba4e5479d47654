/**
 * Loading and compacting the live documents the collaboration server holds. The live text
 * itself is defined in lib/sections/live-state.ts (stored state + update log).
 */
import 'server-only';
import type * as Y from 'yjs';
import { db } from '@/lib/db';
import type { PMDoc } from '@/lib/sections/content';
import { compactSectionLog, readLiveDoc, readOrCreateLiveDoc } from '@/lib/sections/live-state';
import { lockSection } from '@/lib/sections/mutations';
import { encodeState } from '@/lib/sections/ydoc';

/**
 * The Yjs state to open a section's live document with (stored state plus every logged
 * change), or null if there is no such section. A section without live state gets one
 * built from its current version, under the section's row lock.
 */
export async function loadSectionState(sectionId: string): Promise<Uint8Array | null> {
  const stored = await readLiveDoc(db(), sectionId);
  if (stored) {
    const state = encodeState(stored.doc);
    stored.doc.destroy();
    return state;
  }
  return db().$transaction(async (tx) => {
    if (!(await lockSection(tx, sectionId))) return null;
    const section = await tx.section.findUnique({ where: { id: sectionId }, select: { currentVersion: { select: { content: true } } } });
    const doc = await readOrCreateLiveDoc(tx, sectionId, (section?.currentVersion?.content as PMDoc | undefined) ?? { type: 'doc', content: [] });
    return encodeState(doc);
  }, { timeout: 30_000, maxWait: 30_000 });
}

/** Folds the section's logged changes and this process's copy of the document into the stored state. */
export async function storeSectionState(sectionId: string, document: Y.Doc): Promise<void> {
  await compactSectionLog(sectionId, document);
}
