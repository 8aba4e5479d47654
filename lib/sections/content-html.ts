/**
 * A section's ProseMirror document as HTML, for the read-only view of its text
 * (components/sections/section-content.tsx).
 *
 * One string rather than a tree of React elements: a long section is thousands of elements,
 * and as a string the server renders it once, the page carries it once in its data for the
 * browser, and hydration adopts it as one element instead of walking every paragraph and
 * word. Only the elements Chorus's documents have are written (lib/sections/editor-schema.ts);
 * every text and attribute is escaped, and a link is kept only where a section may have one
 * (lib/sections/links.ts: http(s) and mailto), so a document can never bring markup or
 * scripts of its own.
 */
import { escapeAttribute, escapeText } from 'entities';
import type { Mark, PMNode } from '@/lib/sections/content';
import { isAllowedHref } from '@/lib/sections/links';

const ORDERED_LIST_TYPES = /^[1aAiI]$/;

function marked(text: string, marks: Mark[] | undefined): string {
  let html = escapeText(text);
  // The first mark is the innermost, as ProseMirror writes them.
  for (const mark of marks ?? []) {
    if (mark.type === 'bold') html = `<strong>${html}</strong>`;
    else if (mark.type === 'italic') html = `<em>${html}</em>`;
    else if (mark.type === 'link') {
      // The links a section may contain (lib/sections/links.ts); any other keeps its words, unlinked.
      const href = mark.attrs?.href;
      if (isAllowedHref(href)) html = `<a href="${escapeAttribute(href)}" rel="noopener noreferrer nofollow">${html}</a>`;
    }
  }
  return html;
}

/** `nodes` (a document's content, or a node's) as HTML. */
export function nodesHtml(nodes: PMNode[] | undefined): string {
  let html = '';
  for (const node of nodes ?? []) html += nodeHtml(node);
  return html;
}

function nodeHtml(node: PMNode): string {
  switch (node.type) {
    case 'text':
      return marked(node.text ?? '', node.marks);
    case 'paragraph':
      return `<p>${nodesHtml(node.content)}</p>`;
    case 'heading': {
      const tag = Number(node.attrs?.level ?? 3) <= 2 ? 'h2' : 'h3';
      return `<${tag}>${nodesHtml(node.content)}</${tag}>`;
    }
    case 'bulletList':
      return `<ul>${nodesHtml(node.content)}</ul>`;
    case 'orderedList': {
      const start = Number(node.attrs?.start ?? 1);
      const type = typeof node.attrs?.type === 'string' && ORDERED_LIST_TYPES.test(node.attrs.type) ? ` type="${node.attrs.type}"` : '';
      return `<ol start="${Number.isFinite(start) ? Math.trunc(start) : 1}"${type}>${nodesHtml(node.content)}</ol>`;
    }
    case 'listItem':
      return `<li>${nodesHtml(node.content)}</li>`;
    case 'hardBreak':
      return '<br>';
    default:
      return `<div>${nodesHtml(node.content)}</div>`;
  }
}
