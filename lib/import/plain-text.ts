/**
 * Plain-text drafts: blank lines separate paragraphs; lines starting with a bullet
 * (•, -, *, –, ◦, ▪, ·) form bulleted lists, nested by indentation; lines starting with
 * "1." or "1)" form numbered lists; a numbered line standing on its own, like
 * `2.  So, what gets in the way?`, starts a section (see sections.ts).
 */
import type { PMNode } from '@/lib/sections/content';
import { type ImportPreview } from '@/lib/import/preview';
import { sectionsFromBlocks } from '@/lib/import/sections';

const BULLET = /^(\s*)[•\-*–◦▪·●]\s+(.*)$/;
const ORDERED = /^(\s*)(\d{1,3})[.)]\s+(.*)$/;
/** Lines longer than this were not wrapped by hand: each is a paragraph of its own. */
const WRAPPED_LINE = 100;

type Item = { indent: number; text: string; children: Item[]; ordered: boolean; number: number };

export function textNodes(text: string): PMNode[] {
  return text ? [{ type: 'text', text }] : [];
}

function paragraphNode(text: string): PMNode {
  const nodes = textNodes(text);
  return nodes.length ? { type: 'paragraph', content: nodes } : { type: 'paragraph' };
}

function listNode(items: Item[]): PMNode {
  const ordered = items[0].ordered;
  return {
    type: ordered ? 'orderedList' : 'bulletList',
    ...(ordered ? { attrs: { start: items[0].number } } : {}),
    content: items.map((item) => ({
      type: 'listItem',
      content: [paragraphNode(item.text), ...groupItems(item.children).map(listNode)],
    })),
  };
}

/** Consecutive items of the same kind form one list. */
function groupItems(items: Item[]): Item[][] {
  const groups: Item[][] = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    if (last && last[0].ordered === item.ordered) last.push(item);
    else groups.push([item]);
  }
  return groups;
}

function flushParagraph(lines: string[], out: PMNode[]) {
  if (!lines.length) return;
  const handWrapped = lines.every((line) => line.length <= WRAPPED_LINE);
  if (handWrapped) out.push(paragraphNode(lines.join(' ')));
  else lines.forEach((line) => out.push(paragraphNode(line)));
  lines.length = 0;
}

function blockNodes(block: string): PMNode[] {
  const out: PMNode[] = [];
  const paragraph: string[] = [];
  let roots: Item[] = [];
  let stack: Item[] = [];
  const flushList = () => {
    groupItems(roots).forEach((group) => out.push(listNode(group)));
    roots = [];
    stack = [];
  };
  for (const raw of block.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (!line.trim()) continue;
    const bullet = BULLET.exec(line);
    const ordered = bullet ? null : ORDERED.exec(line);
    if (bullet || ordered) {
      flushParagraph(paragraph, out);
      const item: Item = bullet
        ? { indent: bullet[1].length, text: bullet[2].trim(), children: [], ordered: false, number: 1 }
        : { indent: ordered![1].length, text: ordered![3].trim(), children: [], ordered: true, number: Number(ordered![2]) };
      while (stack.length && stack[stack.length - 1].indent >= item.indent) stack.pop();
      if (stack.length) stack[stack.length - 1].children.push(item);
      else roots.push(item);
      stack.push(item);
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (stack.length && indent > 0) {
      // An indented line under a list item continues that item.
      const item = stack[stack.length - 1];
      item.text = `${item.text} ${line.trim()}`;
      continue;
    }
    flushList();
    paragraph.push(line.trim());
  }
  flushParagraph(paragraph, out);
  flushList();
  return out;
}

/** Normalises line endings, drops a byte order mark and form feeds. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/[\f\v]/g, '\n').replace(/\t/g, '    ');
}

export function parsePlainText(text: string): ImportPreview {
  const blocks = normaliseText(text).split(/\n[ \t]*\n/);
  return { title: null, sections: sectionsFromBlocks(blocks.flatMap(blockNodes)) };
}
