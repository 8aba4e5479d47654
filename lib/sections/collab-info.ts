/**
 * Where a section's live document lives: the collaboration server's address and the
 * document name (one Yjs document per section; Tiptap's Collaboration extension keeps the
 * content in its default XML fragment, "default").
 */
import { env } from '@/lib/env';

export type CollabInfo = { url: string; document: string };

export function collabDocumentName(sectionId: string): string {
  return `section:${sectionId}`;
}

export function sectionIdFromDocumentName(name: string): string | null {
  const match = /^section:([A-Za-z0-9_-]{1,64})$/.exec(name);
  return match ? match[1] : null;
}

export function collabInfo(sectionId: string): CollabInfo {
  return { url: env().COLLAB_PUBLIC_URL, document: collabDocumentName(sectionId) };
}
