/**
 * Reading the import corpus (tests/fixtures/import): each draft, the words a person reads in
 * it, and the words Chorus imported from it, so a test can check that every word arrives
 * exactly once, in order.
 */
import type { ImportPreview, PreviewSection } from '@/lib/import/preview';
import { sectionNumbers } from '@/lib/import/preview';
import type { PMNode } from '@/lib/sections/content';

export function wordsOf(text: string): string[] {
  return text
    .replace(/\u2019/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((word) => word.replace(/^'+|'+$/g, '').toLowerCase())
    .filter(Boolean);
}

/** The words a person reads in a source file: Markdown without link addresses, HTML without tags. */
export function sourceText(name: string, text: string): string {
  if (/^\s*<(!doctype|html|body)/i.test(text)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1] ?? '';
    const body = (/<body[^>]*>([\s\S]*)<\/body>/i.exec(text)?.[1] ?? text)
      .replace(/<(style|script)[\s\S]*?<\/\1>/gi, '')
      // A browser shows the numbers of a numbered list.
      .replace(/<ol\b([^>]*)>([\s\S]*?)<\/ol>/gi, (_, attrs: string, items: string) => {
        let number = Number(/start="(\d+)"/.exec(attrs)?.[1] ?? 1);
        return items.replace(/<li\b[^>]*>/gi, (tag) => `${tag}${number++} `);
      });
    const plain = body.replace(/<\/(p|h\d|li|td|th)>/gi, '\n').replace(/<[^>]+>/g, '');
    return `${title}\n${plain}`.replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
  }
  if (name.endsWith('.md')) return text.replace(/\]\([^)]*\)/g, ']');
  return text;
}

const ROMAN: [number, string][] = [[10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];

function marker(number: number, type: unknown): string {
  if (type === 'a' || type === 'A') return String.fromCharCode(96 + number);
  if (type === 'i' || type === 'I') {
    let out = '';
    let left = number;
    for (const [value, letters] of ROMAN) while (left >= value) ((out += letters), (left -= value));
    return out;
  }
  return String(number);
}

/** The text of blocks as a person reads it: numbered items with their numbers. */
export function readBlocks(nodes: PMNode[]): string[] {
  const out: string[] = [];
  const inline = (node: PMNode): string => (node.type === 'text' ? node.text ?? '' : node.type === 'hardBreak' ? '\n' : (node.content ?? []).map(inline).join(''));
  for (const node of nodes) {
    if (node.type === 'bulletList' || node.type === 'orderedList') {
      const start = Number(node.attrs?.start ?? 1);
      (node.content ?? []).forEach((item, index) => {
        const [first, ...rest] = item.content ?? [];
        out.push(`${node.type === 'orderedList' ? `${marker(start + index, node.attrs?.type)} ` : ''}${first ? inline(first) : ''}`);
        out.push(...readBlocks(rest));
      });
    } else out.push(inline(node));
  }
  return out;
}

/**
 * What Chorus imported, in reading order: the title, then for each section the line its
 * heading was read from (with its number) or the heading, then its text.
 */
export function importedText(preview: ImportPreview): string {
  const numbers = sectionNumbers(preview.sections);
  const parts: string[] = preview.title ? [preview.title] : [];
  preview.sections.forEach((section: PreviewSection, index) => {
    if (section.source) parts.push(...readBlocks([section.source]));
    else if (section.heading) parts.push(`${numbers[index] ?? ''} ${section.heading}`);
    parts.push(...readBlocks(section.content.content));
  });
  return parts.join('\n');
}

/** The outline as the preview lists it: "Introduction", then "1. Heading", … */
export function outlineOf(preview: ImportPreview): string[] {
  const numbers = sectionNumbers(preview.sections);
  return preview.sections.map((section, index) => (section.intro ? section.heading || 'Introduction' : `${numbers[index]}. ${section.heading}`));
}

/** Every list, nested ones after their parent item: "ul 3", "ol 1-4", "ol a 1-3", "> ul 2". */
export function listShapes(preview: ImportPreview): string[] {
  const shapes: string[] = [];
  const walk = (node: PMNode, depth: number) => {
    if (node.type === 'bulletList' || node.type === 'orderedList') {
      const count = node.content?.length ?? 0;
      const start = Number(node.attrs?.start ?? 1);
      const type = typeof node.attrs?.type === 'string' && node.attrs.type !== '1' ? `${node.attrs.type} ` : '';
      shapes.push(`${'> '.repeat(depth)}${node.type === 'bulletList' ? `ul ${count}` : `ol ${type}${start}-${start + count - 1}`}`);
      for (const item of node.content ?? []) for (const child of item.content ?? []) walk(child, depth + 1);
      return;
    }
    for (const child of node.content ?? []) walk(child, depth);
  };
  for (const section of preview.sections) walk(section.content as PMNode, 0);
  return shapes;
}
