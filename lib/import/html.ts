/**
 * HTML drafts (a Google Docs "Web page" export, saved as .md, .txt or .html), read with
 * Tiptap's own HTML parser (@tiptap/html's generateJSON, on the server with a DOM from
 * happy-dom) into the editor's schema. Headings h1–h6, paragraphs, lists, bold, italic and
 * links survive; each table cell becomes a paragraph of its own, so no two cells' words run
 * together. Links through Google's redirector point at their real address.
 */
import { generateJSON } from '@tiptap/html/server';
import { linesFromDoc, unitsFromLines } from '@/lib/import/lines';
import { extractTitle, sectionsFromUnits } from '@/lib/import/outline';
import type { ImportPreview } from '@/lib/import/preview';
import { importExtensions } from '@/lib/import/reading-schema';
import type { PMDoc } from '@/lib/sections/content';

/** True when a .md or .txt file is really a saved web page. */
export function looksLikeHtml(text: string): boolean {
  const head = text.trimStart().slice(0, 2000).toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || (/^<(body|div|p|h[1-6])[\s>]/.test(head) && /<\/(p|h[1-6]|li)>/.test(head));
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Prepares a saved page for the parser: its body only, real link targets, one paragraph per table cell. */
function prepare(html: string): { title: string | null; body: string } {
  const titleMatch = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  let title = titleMatch ? decodeEntities(titleMatch[1]).replace(/\s+/g, ' ').trim() : null;
  let body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html.replace(/<head[\s\S]*?<\/head>/i, '');
  // A paragraph styled as the title (Google Docs' "Title", Word's class="title") is the title.
  const styledTitle = /<(p|h1)\b[^>]*class="(?:[^"]*\s)?title(?:\s[^"]*)?"[^>]*>([\s\S]*?)<\/\1>/i.exec(body);
  if (styledTitle) {
    const text = decodeEntities(styledTitle[2].replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();
    if (text) {
      title = text;
      body = body.replace(styledTitle[0], '');
    }
  }
  body = body
    .replace(/<(style|script)[\s\S]*?<\/\1>/gi, '')
    .replace(/href="https?:\/\/www\.google\.com\/url\?q=([^"&]+)[^"]*"/gi, (_, target: string) => `href="${decodeURIComponent(decodeEntities(target))}"`)
    .replace(/<(td|th)(\s[^>]*)?>/gi, '<$1$2><p>');
  return { title: title || null, body };
}

export function docFromHtml(html: string): { title: string | null; doc: PMDoc } {
  const { title, body } = prepare(html);
  const doc = generateJSON(body, importExtensions()) as PMDoc;
  return { title, doc };
}

export function parseHtml(html: string): ImportPreview {
  const { title: pageTitle, doc } = docFromHtml(html);
  const units = unitsFromLines(linesFromDoc(doc.content ?? []));
  if (pageTitle) {
    // A page's <title> is its title; a first heading saying the same is not a section.
    const first = units[0];
    const same = first?.headingLevel && first.node.content?.map((n) => n.text ?? '').join('').replace(/\s+/g, ' ').trim() === pageTitle;
    return { title: pageTitle, sections: sectionsFromUnits(same ? units.slice(1) : units) };
  }
  const { title, units: rest } = extractTitle(units);
  return { title, sections: sectionsFromUnits(rest) };
}
