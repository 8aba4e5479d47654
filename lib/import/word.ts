/**
 * Turns mammoth's reading of a Word document (its document model, before any HTML) into the
 * preview. The model keeps what the HTML loses and a person sees on the page: each
 * paragraph's style (Title, Heading 1–6), Word's own list numbering and level (so numbered
 * items keep their numbers across the paragraphs between them), empty paragraphs used as
 * blank lines, and leading spaces. Paragraphs then go through the same line reader as plain
 * text (lines.ts), so a document saved from a text file (every line a paragraph, blank lines
 * as empty paragraphs, bullets typed as "•") reads exactly as that text file does.
 * Tables give a paragraph per cell; footnotes are numbered in the text ("[1]") and follow it.
 */
import { unitsFromLines, type Line } from '@/lib/import/lines';
import { extractTitle, sectionsFromUnits } from '@/lib/import/outline';
import type { ImportPreview } from '@/lib/import/preview';
import type { Mark, PMNode } from '@/lib/sections/content';
import { isAllowedHref } from '@/lib/sections/links';

/** The parts of mammoth's document model read here. */
export type WordElement = {
  type: string;
  children?: WordElement[];
  value?: string;
  styleName?: string | null;
  numbering?: { isOrdered: boolean; level: string; id?: number } | null;
  indent?: { start: string | null; firstLine: string | null; hanging: string | null } | null;
  isBold?: boolean;
  isItalic?: boolean;
  href?: string;
  breakType?: string;
  noteType?: string;
  noteId?: string;
  altText?: string;
  body?: WordElement[];
  notes?: { findNoteByKey?: (key: string) => WordElement | null; resolve?: (reference: WordElement) => WordElement | null };
};

const TWIPS_PER_COLUMN = 180;

type Context = { notes: WordElement[]; noteNumbers: Map<WordElement, number>; resolve: (reference: WordElement) => WordElement | null };

function inlineOf(element: WordElement, marks: Mark[], context: Context): PMNode[] {
  switch (element.type) {
    case 'text':
      return element.value ? [{ type: 'text', text: element.value, ...(marks.length ? { marks } : {}) }] : [];
    case 'tab':
      return [{ type: 'text', text: ' ', ...(marks.length ? { marks } : {}) }];
    case 'break':
      return element.breakType === 'line' || !element.breakType ? [{ type: 'hardBreak' }] : [];
    case 'run': {
      const runMarks = [...marks];
      if (element.isBold && !runMarks.some((m) => m.type === 'bold')) runMarks.push({ type: 'bold' });
      if (element.isItalic && !runMarks.some((m) => m.type === 'italic')) runMarks.push({ type: 'italic' });
      return (element.children ?? []).flatMap((child) => inlineOf(child, runMarks, context));
    }
    case 'hyperlink': {
      const href = element.href && isAllowedHref(element.href) ? element.href : null;
      const linkMarks = href ? [...marks.filter((m) => m.type !== 'link'), { type: 'link', attrs: { href } }] : marks;
      return (element.children ?? []).flatMap((child) => inlineOf(child, linkMarks, context));
    }
    case 'noteReference': {
      const note = context.resolve(element);
      if (!note) return [];
      let number = context.noteNumbers.get(note);
      if (number === undefined) {
        number = context.notes.push(note);
        context.noteNumbers.set(note, number);
      }
      return [{ type: 'text', text: `[${number}]`, ...(marks.length ? { marks } : {}) }];
    }
    case 'image':
      return element.altText ? [{ type: 'text', text: element.altText }] : [];
    default:
      return (element.children ?? []).flatMap((child) => inlineOf(child, marks, context));
  }
}

type Paragraph = { element: WordElement; inline: PMNode[]; inTable?: boolean };

function collectParagraphs(elements: WordElement[], context: Context, out: Paragraph[], inTable = false) {
  for (const element of elements) {
    if (element.type === 'paragraph') out.push({ element, inline: inlineOf(element, [], context), inTable });
    else if (element.type === 'table') {
      out.push({ element: { type: 'paragraph' }, inline: [] });
      collectParagraphs(element.children ?? [], context, out, true);
      out.push({ element: { type: 'paragraph' }, inline: [] });
    } else if (element.children) collectParagraphs(element.children, context, out, inTable);
  }
}

const HEADING_STYLE = /^heading\s*([1-6])$/i;

function textOf(inline: PMNode[]): string {
  return inline.map((node) => node.text ?? '').join('');
}

/** The preview of a Word document, from mammoth's document model. */
export function previewFromWordDocument(document: WordElement): ImportPreview {
  const notesHolder = document.notes;
  const context: Context = {
    notes: [],
    noteNumbers: new Map(),
    resolve: (reference) => notesHolder?.resolve?.(reference) ?? null,
  };
  const paragraphs: Paragraph[] = [];
  collectParagraphs(document.children ?? [], context, paragraphs);
  // Footnotes and endnotes follow the text, each numbered as it was referred to.
  const noteParagraphs: Paragraph[] = [];
  for (let i = 0; i < context.notes.length; i++) {
    const body: Paragraph[] = [];
    collectParagraphs(context.notes[i].body ?? [], context, body);
    const first = body.find((p) => textOf(p.inline).trim());
    if (first) first.inline = [{ type: 'text', text: `[${i + 1}] ` }, ...first.inline];
    noteParagraphs.push({ element: { type: 'paragraph' }, inline: [] }, ...body);
  }
  const all = [...paragraphs, ...noteParagraphs];

  const blank = (p: Paragraph) => !textOf(p.inline).trim();
  const styled = all.some((p) => HEADING_STYLE.test(p.element.styleName ?? '') || p.element.numbering);
  // A document laid out like a text file: blank lines as empty paragraphs, no styles of its own.
  const textLike = !styled && all.filter(blank).length >= 0.15 * all.length && all.some(blank);

  // A list level is known by the numbering object mammoth shares between its paragraphs,
  // or by the id the Word reader's worker gave that object before handing the model over as
  // plain data (lib/import/docx-worker.mjs).
  const counters = new Map<unknown, number>();
  const levelIds = new Map<unknown, number>();
  const levelOf = new Map<unknown, number>();
  const lines: Line[] = all.map((paragraph) => {
    const { element } = paragraph;
    const text = textOf(paragraph.inline);
    if (!text.trim()) return { inline: [], indent: 0 };
    const leading = text.length - text.trimStart().length;
    const indentTwips = Number(element.indent?.start ?? 0) || 0;
    const line: Line = { inline: paragraph.inline, indent: leading + Math.round(indentTwips / TWIPS_PER_COLUMN), hard: !textLike || paragraph.inTable };
    const style = element.styleName ?? '';
    const heading = HEADING_STYLE.exec(style);
    if (/^title$/i.test(style)) line.title = true;
    else if (heading) line.headingLevel = Number(heading[1]);
    else if (element.numbering) {
      const level = Number(element.numbering.level) || 0;
      const levelObject: unknown = (element.numbering as { id?: number }).id ?? element.numbering;
      if (!levelIds.has(levelObject)) levelIds.set(levelObject, levelIds.size + 1);
      levelOf.set(levelObject, level);
      // Deeper levels start counting again under each item of a shallower one.
      for (const [other] of counters) if ((levelOf.get(other) ?? 0) > level) counters.delete(other);
      const number = (counters.get(levelObject) ?? 0) + 1;
      counters.set(levelObject, number);
      line.wordList = { ordered: element.numbering.isOrdered, level, number, key: `w${levelIds.get(levelObject)}` };
    }
    return line;
  });
  const { title, units } = extractTitle(unitsFromLines(lines), { plainText: textLike });
  return { title, sections: sectionsFromUnits(units) };
}
