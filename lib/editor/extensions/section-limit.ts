/**
 * Refuses local changes that would make the section longer than the server accepts
 * (MAX_SECTION_CHARACTERS of plain text, counted the way lib/sections/content.ts's
 * textFromDoc counts: text blocks joined by two characters). Remote changes arriving
 * through Yjs are never filtered: refusing them would break convergence, and the server
 * refuses oversize changes itself.
 */
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { MAX_SECTION_CHARACTERS } from '@/lib/sections/limits';

/** Length of textFromDoc(doc) computed on the ProseMirror node, without building JSON. */
export function plainTextLength(doc: PMNode): number {
  let length = 0;
  let blocks = 0;
  doc.descendants((node) => {
    if (!node.isTextblock) return true;
    blocks += 1;
    node.forEach((child) => {
      length += child.isText ? (child.text?.length ?? 0) : child.type.name === 'hardBreak' ? 1 : 0;
    });
    return false;
  });
  return length + Math.max(0, blocks - 1) * 2;
}

export type SectionLimitOptions = {
  limit: number;
  /** Called when a local change is refused, to tell the person why. */
  onRefused: (length: number, limit: number) => void;
};

export const SectionLimit = Extension.create<SectionLimitOptions>({
  name: 'sectionLimit',

  addOptions() {
    return { limit: MAX_SECTION_CHARACTERS, onRefused: () => {} };
  },

  addProseMirrorPlugins() {
    const { limit, onRefused } = this.options;
    return [
      new Plugin({
        key: new PluginKey('sectionLimit'),
        filterTransaction: (tr, state) => {
          if (!tr.docChanged || tr.getMeta(ySyncPluginKey)) return true;
          if (tr.doc.content.size <= state.doc.content.size) return true;
          const length = plainTextLength(tr.doc);
          if (length <= limit) return true;
          onRefused(length, limit);
          return false;
        },
      }),
    ];
  },
});
