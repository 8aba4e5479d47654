/**
 * The editor's content extensions: what a section can hold. This list defines the
 * ProseMirror schema used in the browser AND on the server (lib/sections/editor-schema.ts
 * builds the same schema to validate stored content and to convert Yjs documents), so it
 * must stay free of browser-only code. Collaboration extensions are added by the editor.
 *
 * A section holds headings (levels 2 and 3: the page heading is level 1), paragraphs,
 * bulleted and numbered lists, hard breaks, bold, italic and links (http, https, mailto).
 */
import type { AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { isAllowedHref } from '@/lib/sections/links';
import { PasteCleanup } from './paste-cleanup';
import { SectionLimit, type SectionLimitOptions } from './section-limit';

export const HEADING_LEVELS = [2, 3] as const;

export function contentExtensions(options: { onLimit?: SectionLimitOptions['onRefused'] } = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      blockquote: false,
      code: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      // Collaboration brings its own undo history, shared-document aware.
      undoRedo: false,
      // Every client adding its own trailing paragraph would fight over the document's end.
      trailingNode: false,
      heading: { levels: [...HEADING_LEVELS] },
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: 'https',
        isAllowedUri: (url) => isAllowedHref(url),
        HTMLAttributes: { target: null, rel: 'noopener noreferrer nofollow', class: null },
      },
    }),
    PasteCleanup,
    SectionLimit.configure(options.onLimit ? { onRefused: options.onLimit } : {}),
  ];
}
