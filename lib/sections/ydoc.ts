/**
 * A section's live document is a Yjs document whose XML fragment "default" holds the
 * editor content (Tiptap's Collaboration extension's default field). These helpers move
 * content between ProseMirror JSON and Yjs, on the collaboration server and in the web app.
 *
 * Never rebuild a section's Yjs document from JSON once it exists: two independently built
 * documents merge into duplicated text. Change an existing document with
 * applyContentToYDoc, which writes only the difference (y-prosemirror's updateYFragment),
 * so concurrent edits elsewhere in the document survive.
 */
import { prosemirrorJSONToYDoc, updateYFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { PMDoc } from '@/lib/sections/content';
import { editorSchema, nodeFromContent, sanitizeContent } from '@/lib/sections/editor-schema';

export const COLLAB_FIELD = 'default';

/** A new Yjs document holding `content`; only for a section that has no Yjs state yet. */
export function ydocFromContent(content: PMDoc): Y.Doc {
  return prosemirrorJSONToYDoc(editorSchema(), sanitizeContent(content), COLLAB_FIELD);
}

/** The document's content as valid editor JSON (see sanitizeContent). Does not modify `doc`. */
export function contentFromYDoc(doc: Y.Doc): PMDoc {
  const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(COLLAB_FIELD)) as { content?: unknown[] };
  return sanitizeContent({ type: 'doc', content: json.content ?? [] });
}

/**
 * Changes `doc` so that it holds `content`, writing only what differs. Runs in one
 * transaction with `origin` (if given, otherwise the caller's transaction applies).
 */
export function applyContentToYDoc(doc: Y.Doc, content: PMDoc, origin?: unknown): void {
  const node = nodeFromContent(sanitizeContent(content));
  doc.transact(() => {
    updateYFragment(doc, doc.getXmlFragment(COLLAB_FIELD), node, { mapping: new Map(), isOMark: new Map() });
  }, origin);
}

/** A copy of a document from its encoded state, sharing its history (safe to merge back). */
export function ydocFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/**
 * Changes `doc` so that it holds `content` and returns the Yjs update that did it. Applied
 * to another copy of the same document (the live one), it merges with whatever changed
 * there meanwhile: concurrent typing elsewhere is kept.
 */
export function updateDocTo(doc: Y.Doc, content: PMDoc): Uint8Array {
  const before = Y.encodeStateVector(doc);
  applyContentToYDoc(doc, content);
  return Y.encodeStateAsUpdate(doc, before);
}

/** The Yjs update that turns the document encoded in `baseState` into `content` (see updateDocTo). */
export function updateFromBase(baseState: Uint8Array, content: PMDoc): Uint8Array {
  const fork = ydocFromState(baseState);
  const update = updateDocTo(fork, content);
  fork.destroy();
  return update;
}

/** The document's full state, as bytes Prisma can store. */
export function encodeState(doc: Y.Doc): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Y.encodeStateAsUpdate(doc));
}
