/**
 * Brings server-side changes into the live documents this process holds. The web app
 * appends them to a section's update log and announces them (lib/sections/live-state.ts
 * appendServerUpdate); here they are read back and applied, so every connected editor
 * receives them. Applying an update twice is harmless (Yjs ignores what it already has),
 * which makes the catch-up after a lost notification connection a simple re-read.
 */
import 'server-only';
import type { Document, Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';
import { db } from '@/lib/db';
import { collabDocumentName, sectionIdFromDocumentName } from '@/lib/sections/collab-info';
import { readLiveDoc, readSectionUpdatesFrom } from '@/lib/sections/live-state';

/** Origin of changes read back from the database: already stored, so never logged again. */
export const FROM_STORAGE = { source: 'local' as const, context: { fromStorage: true } };

/** True for changes that are already stored (read back, or logged by the process that received them). */
export function isStoredElsewhere(origin: unknown): boolean {
  const value = origin as { source?: string; context?: { fromStorage?: boolean } } | null;
  return value?.source === 'redis' || value?.context?.fromStorage === true;
}

export class LogFollower {
  constructor(private readonly instance: () => Hocuspocus) {}

  private async documentFor(sectionId: string): Promise<Document | undefined> {
    const name = collabDocumentName(sectionId);
    const instance = this.instance();
    // A document still loading will read the change itself unless its read came first;
    // applying it once loaded covers both cases.
    return instance.documents.get(name) ?? (await instance.loadingDocuments.get(name)?.catch(() => undefined));
  }

  /** A notification "<sectionId>:<update id>". */
  async notified(payload: string): Promise<void> {
    const match = /^([A-Za-z0-9_-]{1,64}):(\d{1,19})$/.exec(payload);
    if (!match) return;
    try {
      const document = await this.documentFor(match[1]);
      if (!document) return;
      const updates = await readSectionUpdatesFrom(match[1], BigInt(match[2]));
      if (updates.length) document.transact(() => updates.forEach((update) => Y.applyUpdate(document, update)), FROM_STORAGE);
      // Already folded into the stored state by a compaction (this process's or another's):
      // the stored state holds it.
      else await this.resync(match[1], document);
    } catch (error) {
      console.error(`[collab] could not apply a server-side change to section ${match[1]}`, error);
    }
  }

  /** Applies the section's whole stored live text (state and log) to `document`. */
  async resync(sectionId: string, document: Document): Promise<void> {
    const stored = await readLiveDoc(db(), sectionId);
    if (stored) Y.applyUpdate(document, Y.encodeStateAsUpdate(stored.doc), FROM_STORAGE);
    stored?.doc.destroy();
  }

  /** Re-reads the stored live text of every open document (after notifications may have been missed). */
  async resyncAll(): Promise<void> {
    for (const [name, document] of this.instance().documents) {
      const sectionId = sectionIdFromDocumentName(name);
      if (!sectionId) continue;
      try {
        await this.resync(sectionId, document);
      } catch (error) {
        console.error(`[collab] could not re-read section ${sectionId}`, error);
      }
    }
  }
}
