/**
 * The same text as Markdown: "# Title", "## 1. Section", "###" and "####" for headings
 * inside sections, **bold**, *italic*, [links](https://...), "- " and "1. " lists.
 * Characters Markdown would read as formatting are escaped.
 */
import type { ExportDocument } from '@/lib/export/document';
import type { PMNode } from '@/lib/sections/content';

/** Escapes Markdown syntax inside a run of text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/** Escapes what would start a block construct at the beginning of a line. */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)(#{1,6}\s|>|[-+]\s|=+\s*$|-+\s*$)/, '$1\\$2').replace(/^(\s*\d+)([.)]\s)/, '$1\\$2');
}

function inlineMarkdown(node: PMNode, atLineStart = true): string {
  const out: string[] = [];
  for (const child of node.content ?? []) {
    if (child.type === 'hardBreak') {
      out.push('\\\n');
      continue;
    }
    if (child.type !== 'text') {
      out.push(inlineMarkdown(child, false));
      continue;
    }
    const raw = child.text ?? '';
    // Keep surrounding spaces outside the markers, where Markdown requires them.
    const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(raw)!;
    let text = escapeMarkdown(core);
    if (core) {
      for (const mark of child.marks ?? []) {
        if (mark.type === 'bold') text = `**${text}**`;
        else if (mark.type === 'italic') text = `*${text}*`;
        else if (mark.type === 'link' && typeof mark.attrs?.href === 'string') text = `[${text}](${mark.attrs.href.replace(/[()\s]/g, encodeURIComponent)})`;
      }
    }
    out.push(`${lead}${text}${trail}`);
  }
  const joined = out.join('');
  return atLineStart ? joined.split('\n').map((line, i) => (i === 0 ? escapeLineStart(line) : line)).join('\n') : joined;
}

function listMarkdown(list: PMNode, depth: number): string[] {
  const lines: string[] = [];
  const start = Number(list.attrs?.start ?? 1);
  (list.content ?? []).forEach((item, index) => {
    const marker = list.type === 'orderedList' ? `${start + index}. ` : '- ';
    const indent = '  '.repeat(depth);
    const pad = ' '.repeat(marker.length);
    const [first, ...rest] = item.content ?? [];
    lines.push(`${indent}${marker}${first ? inlineMarkdown(first).replace(/\n/g, `\n${indent}${pad}`) : ''}`);
    for (const child of rest) {
      if (child.type === 'bulletList' || child.type === 'orderedList') lines.push(...listMarkdown(child, depth + 1));
      else lines.push('', `${indent}${pad}${inlineMarkdown(child)}`);
    }
  });
  return lines;
}

function blockMarkdown(node: PMNode): string {
  switch (node.type) {
    case 'heading':
      return `${'#'.repeat(Math.min(6, Number(node.attrs?.level ?? 1) + 1))} ${inlineMarkdown(node, false)}`;
    case 'bulletList':
    case 'orderedList':
      return listMarkdown(node, 0).join('\n');
    case 'blockquote':
      return (node.content ?? []).map((child) => `> ${blockMarkdown(child)}`).join('\n>\n');
    default:
      return inlineMarkdown(node);
  }
}

export function renderMarkdown(doc: ExportDocument): string {
  const parts = [`# ${escapeMarkdown(doc.title)}`, ...(doc.subtitle ? [`*${escapeMarkdown(doc.subtitle)}*`] : []), ...doc.blocks.map(blockMarkdown)].filter((part) => part.trim() !== '');
  return `${parts.join('\n\n')}\n`;
}
