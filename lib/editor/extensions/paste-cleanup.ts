/**
 * Cleans HTML pasted from Word, Google Docs or web pages before ProseMirror parses it.
 * The schema's own parse rules already keep only what a section can hold (headings,
 * paragraphs, lists, bold, italic, links with allowed protocols); this step fixes what
 * those rules would get wrong:
 * - Word's lists arrive as paragraphs with a typed bullet ("·", "1."): they become real lists;
 * - Word's conditional comments, <o:p>, <style> and <meta> are removed;
 * - headings map onto the levels a section uses (h1 → level 2, h4–h6 → level 3).
 * Links with other protocols (javascript:, data:) are dropped by the Link extension's
 * isAllowedUri when the HTML is parsed; their text is kept.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

const WORD_LIST_PARAGRAPH = /mso-list\s*:\s*l\d+\s+level(\d+)/i;
const ORDERED_MARKER = /^\s*(\d+|[a-z]|[ivxlc]+)[.)]\s*$/i;

function isWordListParagraph(element: Element): boolean {
  return element.tagName === 'P' && (WORD_LIST_PARAGRAPH.test(element.getAttribute('style') ?? '') || /^MsoListParagraph/i.test(element.className));
}

/** Turns runs of Word list paragraphs into <ul>/<ol> with <li>, dropping the typed markers. */
function convertWordLists(body: HTMLElement) {
  const paragraphs = Array.from(body.querySelectorAll('p')).filter(isWordListParagraph);
  let list: HTMLElement | null = null;
  let previous: Element | null = null;
  for (const paragraph of paragraphs) {
    const markerElements = Array.from(paragraph.querySelectorAll('span')).filter((span) => /mso-list\s*:\s*ignore/i.test(span.getAttribute('style') ?? ''));
    const marker = markerElements.map((span) => span.textContent ?? '').join('').replace(/\u00a0/g, ' ').trim();
    markerElements.forEach((span) => span.remove());
    const ordered = ORDERED_MARKER.test(marker);
    const continues = previous && paragraph.previousElementSibling === previous && list && (list.tagName === 'OL') === ordered;
    if (!continues) {
      list = body.ownerDocument.createElement(ordered ? 'ol' : 'ul');
      paragraph.before(list);
    }
    const item = body.ownerDocument.createElement('li');
    const inner = body.ownerDocument.createElement('p');
    inner.innerHTML = paragraph.innerHTML;
    item.append(inner);
    list!.append(item);
    const placeholder = paragraph;
    previous = placeholder;
    // Keep the paragraph in place (hidden) until the run ends so sibling checks still work.
    placeholder.setAttribute('data-chorus-remove', '');
  }
  body.querySelectorAll('[data-chorus-remove]').forEach((element) => element.remove());
}

function renameHeadings(body: HTMLElement) {
  const rename = (element: Element, tag: string) => {
    const replacement = body.ownerDocument.createElement(tag);
    replacement.innerHTML = element.innerHTML;
    element.replaceWith(replacement);
  };
  body.querySelectorAll('h1').forEach((heading) => rename(heading, 'h2'));
  body.querySelectorAll('h4, h5, h6').forEach((heading) => rename(heading, 'h3'));
}

/** Pure function of an HTML string; exported for tests that run in a DOM. */
export function cleanPastedHtml(html: string): string {
  if (typeof DOMParser === 'undefined') return html;
  const withoutConditionals = html.replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '').replace(/<\/?o:p>/gi, '');
  const parsed = new DOMParser().parseFromString(withoutConditionals, 'text/html');
  parsed.querySelectorAll('style, script, meta, link, title, xml, template, iframe, object, embed').forEach((element) => element.remove());
  convertWordLists(parsed.body);
  renameHeadings(parsed.body);
  return parsed.body.innerHTML;
}

export const PasteCleanup = Extension.create({
  name: 'pasteCleanup',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('pasteCleanup'),
        props: { transformPastedHTML: (html) => cleanPastedHtml(html) },
      }),
    ];
  },
});
