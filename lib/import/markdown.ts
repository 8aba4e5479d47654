/**
 * Markdown drafts (CommonMark's everyday subset): ATX and setext headings, paragraphs,
 * bulleted and numbered lists (nested by indentation), block quotes (kept as paragraphs),
 * code (kept as text), bold, italic and links. Headings and numbered lines start sections
 * (see sections.ts); a single leading "# Title" is the response's title.
 */
import type { Mark, PMNode } from '@/lib/sections/content';
import { mergeText, paragraphOf, safeHref, withMark } from '@/lib/import/inline';
import { normaliseText } from '@/lib/import/plain-text';
import type { ImportPreview } from '@/lib/import/preview';
import { extractTitle, sectionsFromBlocks } from '@/lib/import/sections';

const ATX = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
const SETEXT_1 = /^ {0,3}=+\s*$/;
const SETEXT_2 = /^ {0,3}-+\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const FENCE = /^ {0,3}(```|~~~)/;
const LIST_ITEM = /^(\s*)(?:([-*+•])|(\d{1,9})[.)])\s+(.*)$/;
const QUOTE = /^ {0,3}>\s?/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

// ---------------------------------------------------------------- inline

function findClosing(src: string, delimiter: string, from: number): number {
  for (let i = from; i <= src.length - delimiter.length; i++) {
    if (src[i] === '\\') {
      i++;
      continue;
    }
    if (src.startsWith(delimiter, i)) {
      if (delimiter.length === 1 && src[i + 1] === delimiter) {
        i++;
        continue;
      }
      if (i > from && !/\s/.test(src[i - 1])) return i;
    }
  }
  return -1;
}

function findBracketEnd(src: string, from: number): number {
  let depth = 0;
  for (let i = from; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === '[') depth++;
    else if (src[i] === ']') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** Parses inline Markdown into text nodes with bold / italic / link marks. */
export function parseInline(src: string, marks: Mark[] = []): PMNode[] {
  const out: PMNode[] = [];
  let literal = '';
  const text = (value: string) => {
    literal += value;
  };
  const flush = () => {
    if (literal) out.push({ type: 'text', text: literal, ...(marks.length ? { marks } : {}) });
    literal = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    const rest = src.slice(i);
    if (c === '\\' && i + 1 < src.length && /[!-/:-@[-`{-~]/.test(src[i + 1])) {
      text(src[++i]);
      continue;
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end > i) {
        text(src.slice(i + 1, end));
        i = end;
        continue;
      }
    }
    if (c === '!' && src[i + 1] === '[') {
      const close = findBracketEnd(src, i + 2);
      const paren = close > 0 && src[close + 1] === '(' ? src.indexOf(')', close) : -1;
      if (paren > 0) {
        text(src.slice(i + 2, close));
        i = paren;
        continue;
      }
    }
    if (c === '[') {
      const close = findBracketEnd(src, i + 1);
      const link = close > 0 ? /^\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+"[^"]*")?\s*\)/.exec(src.slice(close + 1)) : null;
      if (link) {
        flush();
        const href = safeHref(link[1]);
        out.push(...parseInline(src.slice(i + 1, close), href ? withMark(marks, { type: 'link', attrs: { href } }) : marks));
        i = close + link[0].length;
        continue;
      }
    }
    const auto = c === '<' ? /^<((?:https?:\/\/|mailto:)[^\s>]+)>/i.exec(rest) : null;
    if (auto) {
      flush();
      out.push({ type: 'text', text: auto[1].replace(/^mailto:/i, ''), marks: withMark(marks, { type: 'link', attrs: { href: auto[1] } }) });
      i += auto[0].length - 1;
      continue;
    }
    if ((c === '*' || c === '_') && src[i + 1] === c && src[i + 2] && !/\s/.test(src[i + 2])) {
      const end = findClosing(src, c + c, i + 2);
      if (end > 0) {
        flush();
        out.push(...parseInline(src.slice(i + 2, end), withMark(marks, { type: 'bold' })));
        i = end + 1;
        continue;
      }
    }
    const intraword = c === '_' && i > 0 && /[\p{L}\p{N}]/u.test(src[i - 1]);
    if ((c === '*' || c === '_') && !intraword && src[i + 1] && !/\s/.test(src[i + 1]) && src[i + 1] !== c) {
      const end = findClosing(src, c, i + 1);
      if (end > 0 && !(c === '_' && /[\p{L}\p{N}]/u.test(src[end + 1] ?? ''))) {
        flush();
        out.push(...parseInline(src.slice(i + 1, end), withMark(marks, { type: 'italic' })));
        i = end;
        continue;
      }
    }
    text(c);
  }
  flush();
  return mergeText(out);
}

function inlineParagraph(lines: string[]): PMNode {
  const nodes: PMNode[] = [];
  lines.forEach((line, index) => {
    const hardBreak = / {2,}$/.test(line) || /\\$/.test(line);
    const content = line.replace(/\\$/, '').trim();
    nodes.push(...parseInline(content));
    if (index < lines.length - 1) nodes.push(hardBreak ? { type: 'hardBreak' } : { type: 'text', text: ' ' });
  });
  return paragraphOf(nodes);
}

// ---------------------------------------------------------------- blocks

type Item = { indent: number; contentIndent: number; ordered: boolean; start: number; lines: string[]; children: Item[] };

function listNodes(items: Item[]): PMNode[] {
  const groups: Item[][] = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    if (last && last[0].ordered === item.ordered) last.push(item);
    else groups.push([item]);
  }
  return groups.map((group) => ({
    type: group[0].ordered ? 'orderedList' : 'bulletList',
    ...(group[0].ordered ? { attrs: { start: group[0].start } } : {}),
    content: group.map((item) => ({ type: 'listItem', content: [inlineParagraph(item.lines), ...listNodes(item.children)] })),
  }));
}

export function markdownBlocks(source: string): PMNode[] {
  const lines = normaliseText(source).split('\n');
  const out: PMNode[] = [];
  let paragraph: string[] = [];
  let roots: Item[] = [];
  let stack: Item[] = [];
  let pendingBlank = false;

  const flushParagraph = () => {
    if (paragraph.length) out.push(inlineParagraph(paragraph));
    paragraph = [];
  };
  const flushList = () => {
    out.push(...listNodes(roots));
    roots = [];
    stack = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) {
      flushParagraph();
      pendingBlank = true;
      continue;
    }
    if (FENCE.test(line)) {
      flushParagraph();
      flushList();
      const fence = FENCE.exec(line)![1];
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i].trim().startsWith(fence); i++) code.push(lines[i]);
      code.filter((codeLine) => codeLine.trim()).forEach((codeLine) => out.push(paragraphOf([{ type: 'text', text: codeLine.trim() }])));
      pendingBlank = false;
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      flushParagraph();
      flushList();
      out.push({ type: 'heading', attrs: { level: atx[1].length }, content: mergeText(parseInline((atx[2] ?? '').trim())) });
      pendingBlank = false;
      continue;
    }
    if (paragraph.length && !stack.length && (SETEXT_1.test(line) || SETEXT_2.test(line))) {
      out.push({ type: 'heading', attrs: { level: SETEXT_1.test(line) ? 1 : 2 }, content: paragraphOf(parseInline(paragraph.join(' '))).content ?? [] });
      paragraph = [];
      pendingBlank = false;
      continue;
    }
    if (RULE.test(line)) {
      flushParagraph();
      flushList();
      pendingBlank = false;
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flushParagraph();
      const indent = item[1].length;
      const marker = item[2] ?? `${item[3]}.`;
      const entry: Item = {
        indent,
        contentIndent: indent + marker.length + 1,
        ordered: !item[2],
        start: item[3] ? Number(item[3]) : 1,
        lines: [item[4]],
        children: [],
      };
      while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
      if (stack.length && indent >= stack[stack.length - 1].contentIndent - 1) stack[stack.length - 1].children.push(entry);
      else if (stack.length) {
        stack = [];
        roots.push(entry);
      } else roots.push(entry);
      stack.push(entry);
      pendingBlank = false;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (stack.length && (!pendingBlank || indent >= 2)) {
      // A continuation line of the current list item (lazy or indented).
      stack[stack.length - 1].lines.push(line.trim());
      pendingBlank = false;
      continue;
    }
    flushList();
    pendingBlank = false;
    if (TABLE_RULE.test(line)) continue;
    if (/^\s*\|/.test(line)) {
      // A table row: its cells become one paragraph.
      flushParagraph();
      out.push(inlineParagraph([line.trim().replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim()).filter(Boolean).join(' | ')]));
      continue;
    }
    paragraph.push(line.replace(QUOTE, ''));
  }
  flushParagraph();
  flushList();
  return out;
}

export function parseMarkdown(source: string): ImportPreview {
  const { title, blocks } = extractTitle(markdownBlocks(source));
  return { title, sections: sectionsFromBlocks(blocks) };
}
