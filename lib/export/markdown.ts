/**
 * The same text as Markdown, written by prosemirror-markdown's serializer on the editor's
 * schema (the one the importer reads Markdown back with): "# Title", "## 1. Section", "###"
 * and "####" for headings inside sections, **bold**, *italic*, [links](https://...), "- " and
 * "1. " lists (tight, nested by indentation). The serializer escapes whatever Markdown would
 * misread as formatting.
 */
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { defaultMarkdownSerializer, MarkdownSerializer } from 'prosemirror-markdown';
import type { ExportDocument } from '@/lib/export/document';
import { importSchema } from '@/lib/import/reading-schema';
import type { PMNode } from '@/lib/sections/content';

const defaults = defaultMarkdownSerializer;

const serializer = new MarkdownSerializer(
  {
    doc: (state, node) => state.renderContent(node),
    text: defaults.nodes.text,
    paragraph: defaults.nodes.paragraph,
    hardBreak: defaults.nodes.hard_break,
    // Section headings are level 1 in an export document and sit under the title's "#".
    heading: (state, node) => {
      state.write(`${'#'.repeat(Math.min(6, Number(node.attrs.level) + 1))} `);
      state.renderInline(node, false);
      state.closeBlock(node);
    },
    bulletList: (state, node) => state.renderList(node, '  ', () => '- '),
    orderedList: (state, node) => {
      const start = Number(node.attrs.start ?? 1);
      const width = String(start + node.childCount - 1).length;
      state.renderList(node, ' '.repeat(width + 2), (i) => {
        const number = String(start + i);
        return `${' '.repeat(width - number.length)}${number}. `;
      });
    },
    listItem: defaults.nodes.list_item,
  },
  {
    bold: defaults.marks.strong,
    italic: defaults.marks.em,
    link: { ...defaults.marks.link, open: '[', close: (_state, mark) => `](${String(mark.attrs.href).replace(/[()\s]/g, encodeURIComponent)})` },
  },
);

function toMarkdown(blocks: PMNode[]): string {
  if (!blocks.length) return '';
  const doc = ProseMirrorNode.fromJSON(importSchema(), { type: 'doc', content: blocks });
  return serializer.serialize(doc, { tightLists: true });
}

export function renderMarkdown(doc: ExportDocument): string {
  const line = (text: string, marks: PMNode['marks'] = []) => toMarkdown([{ type: 'paragraph', content: [{ type: 'text', text, ...(marks.length ? { marks } : {}) }] }]);
  const blocks = doc.blocks.filter((node) => !(node.type === 'paragraph' && !node.content?.length));
  const parts = [`# ${line(doc.title)}`, ...(doc.subtitle ? [line(doc.subtitle, [{ type: 'italic' }])] : []), toMarkdown(blocks)].filter((part) => part.trim() !== '' && part.trim() !== '#');
  return `${parts.join('\n\n')}\n`;
}
