/**
 * Turns the HTML mammoth makes from a Word document into ProseMirror blocks. Mammoth's
 * output is simple and well formed (p, h1–h6, ul/ol/li, table, strong, em, a, br, img),
 * so a small tokenizer is enough; anything unknown keeps its text.
 */
import type { Mark, PMNode } from '@/lib/sections/content';
import { paragraphOf, safeHref, withMark } from '@/lib/import/inline';

type Element = { tag: string; attrs: Record<string, string>; children: HtmlNode[] };
type HtmlNode = Element | string;

const VOID = new Set(['br', 'img', 'hr', 'col', 'wbr', 'input', 'meta', 'link']);
const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'div', 'blockquote', 'pre', 'hr', 'dl', 'dt', 'dd']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function parseAttributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const match of source.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    attrs[match[1].toLowerCase()] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attrs;
}

/** Builds a tree from HTML, closing unclosed elements at their parent's end. */
export function parseHtml(html: string): Element {
  const root: Element = { tag: '#root', attrs: {}, children: [] };
  const stack: Element[] = [root];
  for (const match of html.matchAll(/<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*?)(\/?)>|([^<]+|<)/g)) {
    const [, closing, rawTag, attrSource, selfClosing, text] = match;
    const top = stack[stack.length - 1];
    if (text !== undefined) {
      top.children.push(decodeEntities(text));
      continue;
    }
    if (!rawTag) continue; // a comment
    const tag = rawTag.toLowerCase();
    if (closing) {
      const index = stack.map((element) => element.tag).lastIndexOf(tag);
      if (index > 0) stack.length = index;
      continue;
    }
    const element: Element = { tag, attrs: parseAttributes(attrSource), children: [] };
    top.children.push(element);
    if (!VOID.has(tag) && !selfClosing) stack.push(element);
  }
  return root;
}

function isFootnoteBackLink(element: Element): boolean {
  return element.tag === 'a' && /^#(footnote|endnote)-ref-/.test(element.attrs.href ?? '');
}

function inlineOf(node: HtmlNode, marks: Mark[]): PMNode[] {
  if (typeof node === 'string') return node ? [{ type: 'text', text: node, ...(marks.length ? { marks } : {}) }] : [];
  switch (node.tag) {
    case 'br':
      return [{ type: 'hardBreak' }];
    case 'img':
      return node.attrs.alt ? [{ type: 'text', text: node.attrs.alt, ...(marks.length ? { marks } : {}) }] : [];
    case 'strong':
    case 'b':
      return node.children.flatMap((child) => inlineOf(child, withMark(marks, { type: 'bold' })));
    case 'em':
    case 'i':
      return node.children.flatMap((child) => inlineOf(child, withMark(marks, { type: 'italic' })));
    case 'a': {
      if (isFootnoteBackLink(node)) return [];
      const href = safeHref(node.attrs.href);
      return node.children.flatMap((child) => inlineOf(child, href ? withMark(marks, { type: 'link', attrs: { href } }) : marks));
    }
    default:
      return node.children.flatMap((child) => inlineOf(child, marks));
  }
}

function hasText(node: PMNode): boolean {
  return (node.content ?? []).some((child) => (child.type === 'text' ? Boolean(child.text?.trim()) : hasText(child)));
}

/** Block children of `element`; loose inline content between blocks becomes a paragraph. */
function blocksOf(element: Element): PMNode[] {
  const out: PMNode[] = [];
  let inline: PMNode[] = [];
  const flush = () => {
    const paragraph = paragraphOf(inline);
    if (hasText(paragraph)) out.push(paragraph);
    inline = [];
  };
  for (const child of element.children) {
    if (typeof child === 'string' || !BLOCK.has(child.tag)) {
      inline.push(...inlineOf(child, []));
      continue;
    }
    flush();
    out.push(...blockOf(child));
  }
  flush();
  return out;
}

function listItemOf(element: Element): PMNode {
  const blocks = blocksOf(element);
  const [first, ...rest] = blocks;
  // A list item starts with a paragraph in the editor's schema.
  const content = first?.type === 'paragraph' ? blocks : [{ type: 'paragraph' }, ...(first ? [first] : []), ...rest];
  return { type: 'listItem', content: content.map((node) => (node.type === 'heading' ? { type: 'paragraph', content: node.content } : node)) };
}

function blockOf(element: Element): PMNode[] {
  switch (element.tag) {
    case 'p':
    case 'pre':
    case 'dt':
    case 'dd': {
      const paragraph = paragraphOf(element.children.flatMap((child) => inlineOf(child, [])));
      return hasText(paragraph) ? [paragraph] : [];
    }
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6': {
      const paragraph = paragraphOf(element.children.flatMap((child) => inlineOf(child, [])));
      if (!hasText(paragraph)) return [];
      return [{ type: 'heading', attrs: { level: Number(element.tag[1]), ...(element.attrs.class === 'title' ? { title: true } : {}) }, content: paragraph.content }];
    }
    case 'ul':
    case 'ol': {
      const items = element.children.filter((child): child is Element => typeof child !== 'string' && child.tag === 'li');
      if (!items.length) return [];
      const list: PMNode = { type: element.tag === 'ol' ? 'orderedList' : 'bulletList', content: items.map(listItemOf) };
      const start = Number(element.attrs.start);
      if (element.tag === 'ol' && Number.isInteger(start) && element.attrs.start) list.attrs = { start };
      return [list];
    }
    case 'hr':
      return [];
    default:
      // Tables, divs, quotes: their paragraphs, in reading order.
      return blocksOf(element);
  }
}

/** The blocks of an HTML document, and its title (a heading marked class="title"). */
export function blocksFromHtml(html: string): { title: string | null; blocks: PMNode[] } {
  const blocks = blocksOf(parseHtml(html));
  const titleIndex = blocks.findIndex((node) => node.type === 'heading' && node.attrs?.title);
  let title: string | null = null;
  if (titleIndex >= 0) {
    const [titleNode] = blocks.splice(titleIndex, 1);
    title = (titleNode.content ?? []).map((child) => child.text ?? '').join('').replace(/\s+/g, ' ').trim();
    // Further "Title" paragraphs (a subtitle) stay as headings of the text.
  }
  for (const node of blocks) if (node.attrs?.title) delete node.attrs.title;
  return { title: title || null, blocks };
}
