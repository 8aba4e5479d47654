/**
 * Plain text ready to paste into a consultation's online form: the title, numbered
 * section headings, paragraphs, and lists with "• " (or "1. "), nested lists indented.
 * No markup, no comment marks: every word of the text, in order. A link whose words are
 * not its address keeps the address after it, in brackets, so no evidence is lost.
 */
import type { ExportDocument } from '@/lib/export/document';
import type { Mark, PMNode } from '@/lib/sections/content';

function linkOf(marks: Mark[] | undefined): string | null {
  const href = marks?.find((mark) => mark.type === 'link')?.attrs?.href;
  return typeof href === 'string' ? href : null;
}

/** The inline text of a block, with link addresses after linked words. */
export function inlineText(node: PMNode): string {
  const out: string[] = [];
  const children = node.content ?? [];
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child.type === 'hardBreak') {
      out.push('\n');
      continue;
    }
    if (child.type !== 'text') {
      out.push(inlineText(child));
      continue;
    }
    out.push(child.text ?? '');
    const href = linkOf(child.marks);
    if (href && linkOf(children[i + 1]?.marks) !== href) {
      // The end of a run of linked words: add the address unless the words are the address.
      let start = i;
      while (start > 0 && linkOf(children[start - 1].marks) === href) start--;
      const words = children.slice(start, i + 1).map((c) => c.text ?? '').join('').trim();
      const bare = href.replace(/^mailto:/i, '');
      if (words !== href && words !== bare) out.push(` (${bare})`);
    }
  }
  return out.join('');
}

const ROMAN: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];

/** A list item's number as the list writes it: 3, c, C, iii or III. */
export function numberLabel(number: number, type: unknown): string {
  if ((type === 'a' || type === 'A') && number >= 1 && number <= 26) {
    const letter = String.fromCharCode(96 + number);
    return type === 'A' ? letter.toUpperCase() : letter;
  }
  if ((type === 'i' || type === 'I') && number >= 1 && number < 4000) {
    let out = '';
    let left = number;
    for (const [value, letters] of ROMAN) while (left >= value) ((out += letters), (left -= value));
    return type === 'I' ? out.toUpperCase() : out;
  }
  return String(number);
}

function listLines(list: PMNode, depth: number): string[] {
  const lines: string[] = [];
  const start = Number(list.attrs?.start ?? 1);
  (list.content ?? []).forEach((item, index) => {
    const marker = list.type === 'orderedList' ? `${numberLabel(start + index, list.attrs?.type)}. ` : '• ';
    const indent = '  '.repeat(depth);
    const [first, ...rest] = item.content ?? [];
    const text = first && first.type !== 'bulletList' && first.type !== 'orderedList' ? inlineText(first) : '';
    lines.push(`${indent}${marker}${text.replace(/\n/g, `\n${indent}${' '.repeat(marker.length)}`)}`);
    for (const child of first && text === '' && (first.type === 'bulletList' || first.type === 'orderedList') ? [first, ...rest] : rest) {
      if (child.type === 'bulletList' || child.type === 'orderedList') lines.push(...listLines(child, depth + 1));
      else lines.push(`${indent}${' '.repeat(marker.length)}${inlineText(child)}`);
    }
  });
  return lines;
}

export function blockText(node: PMNode): string {
  if (node.type === 'bulletList' || node.type === 'orderedList') return listLines(node, 0).join('\n');
  if (node.type === 'blockquote') return (node.content ?? []).map(blockText).join('\n\n');
  return inlineText(node);
}

export function renderTxt(doc: ExportDocument): string {
  const parts = [doc.title, ...(doc.subtitle ? [doc.subtitle] : []), ...doc.blocks.map(blockText)].filter((part) => part.trim() !== '');
  return `${parts.join('\n\n')}\n`;
}
