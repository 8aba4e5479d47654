/**
 * A section's content is a Tiptap / ProseMirror document (JSON). These pure helpers build
 * documents from plain text and derive the plain text Chorus stores beside every version
 * (used for search, anchoring comments, diffs and the text export).
 */

export type Mark = { type: string; attrs?: Record<string, unknown> };
export type PMNode = { type: string; attrs?: Record<string, unknown>; content?: PMNode[]; text?: string; marks?: Mark[] };
export type PMDoc = { type: 'doc'; content: PMNode[] };

const BLOCK_SEPARATOR = '\n\n';

export function paragraph(text: string): PMNode {
  return text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' };
}

function listItem(text: string): PMNode {
  return { type: 'listItem', content: [paragraph(text)] };
}

/**
 * Builds a document from plain text: blank lines separate paragraphs; lines starting with
 * "- ", "* " or "• " form a bulleted list, lines starting with "1. " a numbered list.
 */
export function docFromText(text: string): PMDoc {
  const content: PMNode[] = [];
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  for (const block of blocks) {
    const lines = block.split('\n').map((line) => line.trim()).filter(Boolean);
    if (!lines.length) continue;
    if (lines.every((line) => /^[-*•]\s+/.test(line))) {
      content.push({ type: 'bulletList', content: lines.map((line) => listItem(line.replace(/^[-*•]\s+/, ''))) });
    } else if (lines.every((line) => /^\d+[.)]\s+/.test(line))) {
      content.push({ type: 'orderedList', attrs: { start: 1 }, content: lines.map((line) => listItem(line.replace(/^\d+[.)]\s+/, ''))) });
    } else {
      content.push(paragraph(lines.join(' ')));
    }
  }
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
