/**
 * Markdown drafts, read with markdown-it (CommonMark with tables) and prosemirror-markdown
 * into the editor's schema: headings, paragraphs, bulleted and numbered lists (nested), bold,
 * italic, links. What the editor cannot hold keeps its words: block quotes lose the quote,
 * code becomes text, an image its description, each table cell a paragraph. A file that is
 * really a saved web page is read as HTML.
 *
 * Numbered items keep the numbers they were written with: Markdown runs "1. 2. 3. 4." and a
 * later "1. The opportunity" into one list, which is not what a person sees.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { MarkdownParser } from 'prosemirror-markdown';
import { parseHtml, looksLikeHtml } from '@/lib/import/html';
import { linesFromDoc, normaliseText, unitsFromLines } from '@/lib/import/lines';
import { extractTitle, sectionsFromUnits } from '@/lib/import/outline';
import type { ImportPreview } from '@/lib/import/preview';
import { importSchema } from '@/lib/import/reading-schema';
import type { PMDoc, PMNode } from '@/lib/sections/content';
import { isAllowedHref } from '@/lib/sections/links';

function tokenizer() {
  const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false }).disable(['strikethrough']);
  // Every link is parsed as a link, so a refused address loses the link, not its words' meaning
  // (markdown-it would leave "[words](javascript:…)" as literal text); the link mark keeps
  // only http, https and mailto addresses (see the link token below).
  md.validateLink = () => true;
  // What the editor has no node for becomes text the parser can place.
  md.core.ruler.push('chorus_plain', (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.type === 'code_block' || token.type === 'fence') {
        const open = new state.Token('paragraph_open', 'p', 1);
        const inline = new state.Token('inline', '', 0);
        inline.children = token.content
          .replace(/\n+$/, '')
          .split('\n')
          .flatMap((line, index) => {
            const text = new state.Token('text', '', 0);
            text.content = line;
            if (index === 0) return [text];
            return [new state.Token('hardbreak', 'br', 0), text];
          });
        tokens.splice(i, 1, open, inline, new state.Token('paragraph_close', 'p', -1));
        i += 2;
        continue;
      }
      // Table cells: each a paragraph (their inline content is wrapped).
      if (token.type === 'th_open' || token.type === 'td_open') {
        tokens.splice(i + 1, 0, new state.Token('paragraph_open', 'p', 1));
        const close = tokens.findIndex((t, j) => j > i && (t.type === 'th_close' || t.type === 'td_close'));
        tokens.splice(close, 0, new state.Token('paragraph_close', 'p', -1));
      }
      if (token.type === 'inline' && token.children) {
        token.children = token.children.map((child) => {
          if (child.type === 'code_inline' || child.type === 'image') {
            const text = new state.Token('text', '', 0);
            text.content = child.type === 'image' ? child.children?.map((c) => c.content).join('') || '' : child.content;
            return text;
          }
          return child;
        });
      }
    }
  });
  return md;
}

const IGNORED = ['table', 'thead', 'tbody', 'tr', 'th', 'td', 'blockquote'];

function parser(onTokens: (tokens: Token[]) => void) {
  const md = tokenizer();
  const capture = {
    parse(source: string, env: object) {
      const tokens = md.parse(source, env);
      onTokens(tokens);
      return tokens;
    },
  };
  return new MarkdownParser(importSchema(), capture as unknown as MarkdownIt, {
    paragraph: { block: 'paragraph' },
    heading: { block: 'heading', getAttrs: (token) => ({ level: Number(token.tag.slice(1)) }) },
    bullet_list: { block: 'bulletList' },
    ordered_list: { block: 'orderedList', getAttrs: (token) => ({ start: Number(token.attrGet('start') ?? 1) || 1 }) },
    list_item: { block: 'listItem' },
    hardbreak: { node: 'hardBreak' },
    hr: { ignore: true, noCloseToken: true },
    em: { mark: 'italic' },
    strong: { mark: 'bold' },
    link: { mark: 'link', getAttrs: (token) => (isAllowedHref(token.attrGet('href')) ? { href: token.attrGet('href') } : { href: null }) },
    ...Object.fromEntries(IGNORED.map((name) => [name, { ignore: true }])),
  });
}

/** Drops link marks whose address was refused (their words stay). */
function dropEmptyLinks(node: PMNode): PMNode {
  const marks = node.marks?.filter((mark) => mark.type !== 'link' || mark.attrs?.href);
  return {
    ...node,
    ...(node.marks ? { marks: marks?.length ? marks : undefined } : {}),
    ...(node.content ? { content: node.content.map(dropEmptyLinks) } : {}),
  };
}

/** Bullets typed with characters Markdown does not know (•, ◦, ▪, –) become Markdown bullets. */
function normaliseBullets(source: string): string {
  return source.replace(/^(\s*)[•◦▪‣●–]\s+/gm, '$1- ');
}

export function markdownDoc(source: string): { doc: PMDoc; numberOf: (item: PMNode) => number | null } {
  let tokens: Token[] = [];
  const parsed = parser((captured) => (tokens = captured)).parse(normaliseBullets(normaliseText(source)));
  const doc = dropEmptyLinks(parsed.toJSON() as PMNode) as PMDoc;
  // Items in document order, paired with the numbers Markdown saw written before them.
  const written = tokens.filter((token) => token.type === 'list_item_open').map((token) => (/^\d+$/.test(token.info) ? Number(token.info) : null));
  const numbers = new Map<PMNode, number | null>();
  let next = 0;
  const walk = (node: PMNode) => {
    if (node.type === 'listItem') numbers.set(node, written[next++] ?? null);
    node.content?.forEach(walk);
  };
  walk(doc as PMNode);
  return { doc, numberOf: (item) => numbers.get(item) ?? null };
}

export function parseMarkdown(source: string): ImportPreview {
  if (looksLikeHtml(source)) return parseHtml(source);
  const { doc, numberOf } = markdownDoc(source);
  const { title, units } = extractTitle(unitsFromLines(linesFromDoc(doc.content ?? [], numberOf)));
  return { title, sections: sectionsFromUnits(units) };
}
