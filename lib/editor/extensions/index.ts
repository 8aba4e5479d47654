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
import Link from '@tiptap/extension-link';
import StarterKit from '@tiptap/starter-kit';
import { isAllowedHref } from '@/lib/sections/links';
import { PasteCleanup } from './paste-cleanup';
import { SectionLimit, type SectionLimitOptions } from './section-limit';

export const HEADING_LEVELS = [2, 3] as const;

/**
 * A link carries its address and nothing else. Tiptap's Link also has target, rel, class
 * and title attributes; in a shared document any writer could set them for every reader
 * (a full-page overlay class, a target that opens another site), so the schema has none of
 * them and `rel` is fixed when the link is drawn. The collaboration server refuses any
 * other attribute on a link (lib/collab/guard.ts).
 */
export const SafeLink = Link.extend({
  addAttributes() {
    return { href: { default: null, parseHTML: (element: HTMLElement) => element.getAttribute('href') } };
  },
});

/**
 * `headingLevels` widens the headings the schema reads, for the importer only: a draft's
 * "Heading 1" must be seen as a heading to find the outline, before sections store levels 2–3.
 */
export function contentExtensions(options: { onLimit?: SectionLimitOptions['onRefused']; headingLevels?: number[] } = {}): AnyExtension[] {
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
      heading: { levels: (options.headingLevels ?? [...HEADING_LEVELS]) as (1 | 2 | 3 | 4 | 5 | 6)[] },
      link: false,
    }),
    SafeLink.configure({
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: 'https',
      isAllowedUri: (url) => isAllowedHref(url),
      HTMLAttributes: { rel: 'noopener noreferrer nofollow' },
    }),
    PasteCleanup,
    SectionLimit.configure(options.onLimit ? { onRefused: options.onLimit } : {}),
  ];
}
