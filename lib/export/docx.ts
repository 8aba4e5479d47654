/**
 * A real Word document (docx): the title, numbered section headings as Heading 1,
 * headings inside sections as Heading 2 and 3, paragraphs with bold, italic and links,
 * bulleted and numbered lists (each numbered list restarts at its own start). Opens in
 * Word and LibreOffice.
 *
 * Repeated exports are byte-identical: the document's created/modified dates and the zip
 * entries' times are the content's own date (ExportDocument.asOf), never "now".
 */
import { AlignmentType, Document, ExternalHyperlink, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun, type ParagraphChild } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { ExportDocument } from '@/lib/export/document';
import type { PMNode } from '@/lib/sections/content';

const BULLETS = ['•', '◦', '▪', '•', '◦', '▪'];
const headingLevels = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4];

function runsOf(node: PMNode): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const child of node.content ?? []) {
    if (child.type === 'hardBreak') {
      out.push(new TextRun({ text: '', break: 1 }));
      continue;
    }
    if (child.type !== 'text') {
      out.push(...runsOf(child));
      continue;
    }
    const marks = child.marks ?? [];
    const bold = marks.some((mark) => mark.type === 'bold');
    const italics = marks.some((mark) => mark.type === 'italic');
    const href = marks.find((mark) => mark.type === 'link')?.attrs?.href;
    if (typeof href === 'string') {
      out.push(new ExternalHyperlink({ link: href, children: [new TextRun({ text: child.text ?? '', bold, italics, style: 'Hyperlink' })] }));
    } else {
      out.push(new TextRun({ text: child.text ?? '', bold, italics }));
    }
  }
  return out;
}

type ListState = { orderedInstances: number };

function listParagraphs(list: PMNode, depth: number, state: ListState): Paragraph[] {
  const out: Paragraph[] = [];
  const ordered = list.type === 'orderedList';
  const start = Number(list.attrs?.start ?? 1);
  // Each numbered list is its own numbering instance so it restarts; the reference encodes its start.
  const instance = ordered ? ++state.orderedInstances : 0;
  for (const item of list.content ?? []) {
    const [first, ...rest] = item.content ?? [];
    const level = Math.min(depth, 5);
    out.push(
      new Paragraph({
        children: first ? runsOf(first) : [],
        numbering: ordered ? { reference: `numbers-${start}`, level, instance } : { reference: 'bullets', level },
      }),
    );
    for (const child of rest) {
      if (child.type === 'bulletList' || child.type === 'orderedList') out.push(...listParagraphs(child, depth + 1, state));
      else out.push(new Paragraph({ children: runsOf(child), indent: { left: 720 * (level + 1) } }));
    }
  }
  return out;
}

function startsOf(blocks: PMNode[], found = new Set<number>()): Set<number> {
  for (const node of blocks) {
    if (node.type === 'orderedList') found.add(Number(node.attrs?.start ?? 1));
    if (node.content) startsOf(node.content, found);
  }
  return found;
}

function levels(format: 'bullet' | 'decimal', start = 1) {
  return Array.from({ length: 6 }, (_, level) => ({
    level,
    format: format === 'bullet' ? LevelFormat.BULLET : LevelFormat.DECIMAL,
    text: format === 'bullet' ? BULLETS[level] : `%${level + 1}.`,
    start: level === 0 ? start : 1,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
}

/** Rewrites the zip with fixed entry times and the content's date in the document properties. */
function stabilise(bytes: Uint8Array, asOf: Date): Uint8Array {
  const files = unzipSync(bytes);
  const stamp = asOf.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const core = files['docProps/core.xml'];
  if (core) {
    files['docProps/core.xml'] = strToU8(
      strFromU8(core).replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`),
    );
  }
  // Zip times are local-time fields from 1980 on: use the content's date, no earlier than 1980.
  const mtime = new Date(Math.max(asOf.getTime(), Date.UTC(1980, 1, 1)));
  return zipSync(Object.fromEntries(Object.entries(files).map(([path, data]) => [path, [data, { mtime, level: 6 }]])));
}

export async function renderDocx(doc: ExportDocument): Promise<Uint8Array> {
  const state: ListState = { orderedInstances: 0 };
  const children: Paragraph[] = [new Paragraph({ text: doc.title, heading: HeadingLevel.TITLE })];
  if (doc.subtitle) children.push(new Paragraph({ children: [new TextRun({ text: doc.subtitle, italics: true })] }));
  for (const node of doc.blocks) {
    switch (node.type) {
      case 'heading':
        children.push(new Paragraph({ children: runsOf(node), heading: headingLevels[Math.min(3, Math.max(0, Number(node.attrs?.level ?? 1) - 1))] }));
        break;
      case 'bulletList':
      case 'orderedList':
        children.push(...listParagraphs(node, 0, state));
        break;
      default:
        children.push(new Paragraph({ children: runsOf(node) }));
    }
  }
  const document = new Document({
    creator: 'Chorus',
    lastModifiedBy: 'Chorus',
    title: doc.title,
    numbering: {
      config: [
        { reference: 'bullets', levels: levels('bullet') },
        ...[...startsOf(doc.blocks)].sort((a, b) => a - b).map((start) => ({ reference: `numbers-${start}`, levels: levels('decimal', start) })),
      ],
    },
    sections: [{ children }],
  });
  return stabilise(new Uint8Array(await Packer.toBuffer(document)), doc.asOf);
}
