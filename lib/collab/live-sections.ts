/**
 * What the collaboration server knows about each open section besides its Yjs document:
 * who typed since the last stored version (a "burst"), an upper bound of its length, how
 * far its load has got, and server-side edits in progress.
 *
 * Versions: after `quietMs` without typing, and at least every `maxBurstMs` while someone
 * keeps typing, the live content is stored as an EDIT version credited to everyone who
 * typed in that burst. Commits of one section run one after another.
 */
import 'server-only';
import type { Document, Hocuspocus } from '@hocuspocus/server';
import { sendNotice } from '@/lib/collab/access-watch';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { sectionIdFromDocumentName } from '@/lib/sections/collab-info';
import { textFromDoc, type PMDoc } from '@/lib/sections/content';
import { commitLiveVersion } from '@/lib/sections/mutations';
import { applyContentToYDoc, contentFromYDoc } from '@/lib/sections/ydoc';

export type LiveTimings = { quietMs: number; maxBurstMs: number };

type Burst = { authors: Set<string>; fallbackAuthors: string[]; quietTimer?: NodeJS.Timeout; maxTimer?: NodeJS.Timeout };

type SectionState = {
  sectionId: string;
  burst: Burst | null;
  /** Exact plain-text length at the last measurement, and characters possibly added since. */
  exactLength: number;
  addedSince: number;
  committing: Promise<void>;
};

export class LiveSections {
  private readonly states = new Map<string, SectionState>();

  /**
   * `catchUp` brings a document up to date with server-side changes committed to the
   * database (lib/collab/log-follower.ts): a version is read only after it, under the
   * section's row lock, so it can never leave out (and so revert) an accepted suggestion
   * whose notification has not arrived yet.
   */
  constructor(
    private readonly hocuspocus: () => Hocuspocus,
    private readonly timings: LiveTimings,
    private readonly catchUp: (sectionId: string, document: Document) => Promise<void> = async () => {},
  ) {}

  // ---------------------------------------------------------------- loading

  loaded(documentName: string, document: Document) {
    const sectionId = sectionIdFromDocumentName(documentName)!;
    const length = textFromDoc(contentFromYDoc(document)).length;
    this.states.set(documentName, { sectionId, burst: null, exactLength: length, addedSince: 0, committing: Promise.resolve() });
  }

  unloaded(documentName: string) {
    const state = this.states.get(documentName);
    if (state?.burst) this.clearTimers(state.burst);
    this.states.delete(documentName);
  }

  // ---------------------------------------------------------------- length

  /** True when `added` more characters might take the section over `limit`. */
  mightExceed(documentName: string, added: number, limit: number): boolean {
    const state = this.states.get(documentName);
    if (!state) return true;
    state.addedSince += added;
    return state.exactLength + state.addedSince > limit;
  }

  measured(documentName: string, length: number) {
    const state = this.states.get(documentName);
    if (!state) return;
    state.exactLength = length;
    state.addedSince = 0;
  }

  // ---------------------------------------------------------------- versions

  /** Someone typed (authorId), or a server edit landed (fallbackAuthors): a version is due after a quiet spell. */
  changed(documentName: string, change: { authorId?: string; fallbackAuthors?: string[] }) {
    const state = this.states.get(documentName);
    if (!state) return;
    state.burst ??= { authors: new Set(), fallbackAuthors: [] };
    const burst = state.burst;
    if (change.authorId) burst.authors.add(change.authorId);
    if (change.fallbackAuthors) burst.fallbackAuthors = change.fallbackAuthors;
    clearTimeout(burst.quietTimer);
    burst.quietTimer = setTimeout(() => void this.commit(documentName), this.timings.quietMs);
    burst.maxTimer ??= setTimeout(() => void this.commit(documentName), this.timings.maxBurstMs);
  }

  private clearTimers(burst: Burst) {
    clearTimeout(burst.quietTimer);
    clearTimeout(burst.maxTimer);
  }

  /** Stores the pending burst of a section as a version now (no-op without one). */
  commit(documentName: string): Promise<void> {
    const state = this.states.get(documentName);
    if (!state) return Promise.resolve();
    const burst = state.burst;
    if (burst) {
      this.clearTimers(burst);
      state.burst = null;
      state.committing = state.committing.then(() => this.store(documentName, state, burst));
    }
    return state.committing;
  }

  /** Commits every pending burst (on shutdown). */
  async commitAll(): Promise<void> {
    await Promise.all([...this.states.keys()].map((name) => this.commit(name)));
  }

  private async store(documentName: string, state: SectionState, burst: Burst) {
    const document = this.hocuspocus().documents.get(documentName);
    if (!document) return;
    const authors = burst.authors.size ? [...burst.authors] : burst.fallbackAuthors;
    try {
      const version = await commitLiveVersion(
        state.sectionId,
        async () => {
          await this.catchUp(state.sectionId, document);
          return contentFromYDoc(document);
        },
        authors,
      );
      if (version) this.measured(documentName, version.text.length);
    } catch (error) {
      if (error instanceof AppError && error.code === 'closed') {
        await this.freeze(documentName, document, error.message);
        return;
      }
      console.error(`[collab] could not store a version of ${documentName}; will retry`, error);
      // Keep the credit: the next attempt stores the same typing.
      for (const author of authors) this.changed(documentName, { authorId: author });
    }
  }

  /**
   * The response became final while people were typing: their connections turn
   * read-only and the live text goes back to the frozen version.
   */
  async freeze(documentName: string, document: Document, message: string) {
    const sectionId = sectionIdFromDocumentName(documentName);
    const section = sectionId ? await db().section.findUnique({ where: { id: sectionId }, select: { currentVersion: { select: { content: true } } } }) : null;
    for (const connection of document.getConnections()) {
      if (connection.readOnly) continue;
      connection.readOnly = true;
      sendNotice(connection, 'frozen', message, { readOnly: true });
    }
    const content = section?.currentVersion?.content as PMDoc | undefined;
    if (content) applyContentToYDoc(document, content, { source: 'local', context: { system: true } });
  }
}
