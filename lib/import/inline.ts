/** Inline content helpers shared by the importers: marks, safe links, merging text runs. */
import type { Mark, PMNode } from '@/lib/sections/content';

/** Only web and mail links survive an import; anything else keeps its text and loses the link. */
export function safeHref(href: string | undefined | null): string | null {
  if (!href) return null;
  const trimmed = href.trim();
  return /^(https?:\/\/|mailto:)/i.test(trimmed) ? trimmed : null;
}

export function withMark(marks: Mark[], mark: Mark): Mark[] {
  return marks.some((existing) => existing.type === mark.type) ? marks : [...marks, mark];
}

function sameMarks(a: Mark[] | undefined, b: Mark[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/** Merges neighbouring text nodes with the same marks and drops empty ones. */
export function mergeText(nodes: PMNode[]): PMNode[] {
  const out: PMNode[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      if (!node.text) continue;
      const last = out[out.length - 1];
      if (last?.type === 'text' && sameMarks(last.marks, node.marks)) {
        last.text = `${last.text}${node.text}`;
        continue;
      }
      out.push(node.marks?.length ? { type: 'text', text: node.text, marks: node.marks } : { type: 'text', text: node.text });
    } else out.push(node);
  }
  return out;
}

/** Collapses runs of white space (as HTML does) and trims the ends of a paragraph's inline content. */
export function tidyInline(nodes: PMNode[]): PMNode[] {
  const collapsed = mergeText(nodes.map((node) => (node.type === 'text' ? { ...node, text: (node.text ?? '').replace(/\s+/g, ' ') } : node)));
  for (let i = 1; i < collapsed.length; i++) {
    const previous = collapsed[i - 1];
    const node = collapsed[i];
    const endsWithSpace = previous.type === 'hardBreak' || (previous.type === 'text' && previous.text!.endsWith(' '));
    if (node.type === 'text' && endsWithSpace) node.text = node.text!.replace(/^ /, '');
  }
  const first = collapsed[0];
  if (first?.type === 'text') first.text = first.text!.replace(/^ /, '');
  const last = collapsed[collapsed.length - 1];
  if (last?.type === 'text') last.text = last.text!.replace(/ $/, '');
  while (collapsed[collapsed.length - 1]?.type === 'hardBreak') collapsed.pop();
  return mergeText(collapsed);
}

export function paragraphOf(inline: PMNode[]): PMNode {
  const content = tidyInline(inline);
  return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
}
