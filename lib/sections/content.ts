/**
 * A section's content is a Tiptap / ProseMirror document (JSON). These pure helpers build
 * documents from plain text and derive the plain text Chorus stores beside every version
 * (used for search, anchoring comments, diffs and the text export).
 */

export type Mark = { type: string; attrs?: Record<string, unknown> };
export type PMNode = { type: string; attrs?: Record<string, unknown>; content?: PMNode[]; text?: string; marks?: Mark[] };
export type PMDoc = { type: 'doc'; content: PMNode[] };

import { linesFromText, unitsFromLines } from '@/lib/import/lines';
import { blocksFromUnits } from '@/lib/import/units';

const BLOCK_SEPARATOR = '\n\n';

export function paragraph(text: string): PMNode {
  return text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' };
}

/**
 * Builds a document from plain text exactly as the importer reads a .txt draft
 * (lib/import/lines.ts): blank lines separate paragraphs, lines wrapped by hand join,
 * bulleted ("•", "-", "*", …), numbered ("1.") and lettered ("a)") lines form lists.
 */
export function docFromText(text: string): PMDoc {
  const content = blocksFromUnits(unitsFromLines(linesFromText(text)));
  if (!content.length) content.push(paragraph(''));
  return { type: 'doc', content };
}

function inlineText(node: PMNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(inlineText).join('');
}

/** The text of each block in reading order: paragraphs, headings, and each list item. */
export function blocksOf(doc: PMDoc | PMNode): { type: string; text: string; depth: number; ordered?: boolean; index?: number }[] {
  const blocks: { type: string; text: string; depth: number; ordered?: boolean; index?: number }[] = [];
  const walk = (node: PMNode, depth: number, list?: { ordered: boolean }) => {
    switch (node.type) {
      case 'paragraph':
      case 'heading':
      case 'codeBlock':
        blocks.push({ type: node.type, text: inlineText(node), depth });
        return;
      case 'bulletList':
      case 'orderedList':
        (node.content ?? []).forEach((item, index) => {
          const [first, ...rest] = item.content ?? [];
          const start = Number(node.attrs?.start ?? 1);
          if (first) blocks.push({ type: 'listItem', text: inlineText(first), depth, ordered: node.type === 'orderedList', index: start + index });
          rest.forEach((child) => walk(child, depth + 1, { ordered: node.type === 'orderedList' }));
        });
        return;
      default:
        void list;
        (node.content ?? []).forEach((child) => walk(child, depth));
    }
  };
  walk(doc as PMNode, 0);
  return blocks;
}

/**
 * The plain text of a document: one block per paragraph, heading or list item, separated
 * by blank lines. Anchors (comment positions) are offsets into exactly this string.
 */
export function textFromDoc(doc: PMDoc | PMNode): string {
  return blocksOf(doc).map((block) => block.text).join(BLOCK_SEPARATOR);
}
