/**
 * Splits a draft's blocks into sections. Pure: shared by every importer.
 *
 * Where sections start:
 * - numbered headings: a heading, a one-line paragraph, or a one-item numbered list reading
 *   like `1. The opportunity` or `2.  So, what gets in the way?` (short, not ending like a
 *   sentence, numbers rising), when the draft has at least two of them (or one and no other
 *   headings);
 * - otherwise headings of the highest level the draft uses.
 * Text before the first section becomes the untitled introduction. Other headings stay in
 * the text of their section (as level 2 or 3 headings).
 */
import type { PMNode } from '@/lib/sections/content';
import { docOf, inlineTextOf, MAX_HEADING_LENGTH, type PreviewSection } from '@/lib/import/preview';

const NUMBERED = /^(\d{1,2})([.)]?)\s+(\S[\s\S]*)$/;
const SENTENCE_END = /[.,;:]$/;
const MAX_NUMBERED_HEADING = 150;

type Start = { index: number; heading: string };

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `{number, heading}` when `text` reads like a numbered section heading. */
export function numberedHeading(text: string, options: { strict: boolean }): { number: number; heading: string } | null {
  const trimmed = clean(text);
  const match = NUMBERED.exec(trimmed);
  if (!match) return null;
  // In running text a number must be followed by "." or ")" and the line must not read like a sentence.
  if (options.strict && !match[2]) return null;
  const heading = match[3].trim();
  if (!/\p{L}/u.test(heading)) return null;
  if (options.strict && (heading.length > MAX_NUMBERED_HEADING || SENTENCE_END.test(heading))) return null;
  return { number: Number(match[1]), heading };
}

function shortHeadingText(node: PMNode): string | null {
  if ((node.content ?? []).some((child) => child.type === 'hardBreak')) return null;
  const text = clean(inlineTextOf(node));
  if (!text || text.length > MAX_NUMBERED_HEADING || SENTENCE_END.test(text) || !/\p{L}/u.test(text)) return null;
  return text;
}

/** A numbered-heading candidate: its explicit number (null: continues the count) and heading. */
function numberedCandidate(node: PMNode): { number: number | null; heading: string } | null {
  if (node.type === 'heading') {
    const found = numberedHeading(inlineTextOf(node), { strict: false });
    return found ? { number: found.number, heading: found.heading } : null;
  }
  if (node.type === 'paragraph') {
    if ((node.content ?? []).some((child) => child.type === 'hardBreak')) return null;
    const found = numberedHeading(inlineTextOf(node), { strict: true });
    return found ? { number: found.number, heading: found.heading } : null;
  }
  if (node.type === 'orderedList' && node.content?.length === 1) {
    const item = node.content[0];
    if (item.content?.length !== 1 || item.content[0].type !== 'paragraph') return null;
    const text = shortHeadingText(item.content[0]);
    if (!text) return null;
    const start = node.attrs?.start;
    return { number: typeof start === 'number' ? start : null, heading: text };
  }
  return null;
}

function numberedStarts(blocks: PMNode[]): Start[] {
  const starts: Start[] = [];
  let last = 0;
  blocks.forEach((node, index) => {
    const candidate = numberedCandidate(node);
    if (!candidate) return;
    const number = candidate.number ?? last + 1;
    if (starts.length && number <= last) return; // "1." after "3." is a list item, not a section
    starts.push({ index, heading: candidate.heading });
    last = number;
  });
  return starts;
}

function headingLevel(node: PMNode): number {
  return Number(node.attrs?.level ?? 1);
}

/** Headings that stay inside a section become level 2 (the next level down) or 3 (deeper). */
function nestHeadings(blocks: PMNode[], sectionLevel: number): PMNode[] {
  return blocks.map((node) =>
    node.type === 'heading' ? { ...node, attrs: { ...node.attrs, level: headingLevel(node) <= sectionLevel + 1 ? 2 : 3 } } : node,
  );
}

function isBlank(node: PMNode): boolean {
  return node.type === 'paragraph' && !clean(inlineTextOf(node));
}

export function sectionsFromBlocks(input: PMNode[]): PreviewSection[] {
  const blocks = input.filter((node) => !isBlank(node));
  const headings = blocks.filter((node) => node.type === 'heading');
  const numbered = numberedStarts(blocks);
  let starts: Start[];
  let sectionLevel: number;
  if (numbered.length >= 2 || (numbered.length === 1 && !headings.length)) {
    starts = numbered;
    const inner = headings.filter((_, i) => !numbered.some((start) => blocks[start.index] === headings[i]));
    sectionLevel = inner.length ? Math.min(...inner.map(headingLevel)) - 1 : 1;
  } else if (headings.length) {
    sectionLevel = Math.min(...headings.map(headingLevel));
    starts = blocks.flatMap((node, index) => (node.type === 'heading' && headingLevel(node) === sectionLevel ? [{ index, heading: clean(inlineTextOf(node)) }] : []));
  } else {
    starts = [];
    sectionLevel = 1;
  }

  const sections: PreviewSection[] = [];
  const introBlocks = blocks.slice(0, starts[0]?.index ?? blocks.length);
  if (introBlocks.length) sections.push({ intro: true, heading: '', content: docOf(nestHeadings(introBlocks, sectionLevel)) });
  starts.forEach((start, i) => {
    const end = starts[i + 1]?.index ?? blocks.length;
    sections.push({
      intro: false,
      heading: start.heading.slice(0, MAX_HEADING_LENGTH),
      content: docOf(nestHeadings(blocks.slice(start.index + 1, end), sectionLevel)),
    });
  });
  return sections;
}

/**
 * A title marked as such: a level-1 heading that opens the draft and is the only one of
 * its level (a Markdown "# Title" above "## 1. ..." sections). It leaves the blocks.
 */
export function extractTitle(input: PMNode[]): { title: string | null; blocks: PMNode[] } {
  const blocks = input.filter((node) => !isBlank(node));
  const [first, ...rest] = blocks;
  if (first?.type !== 'heading' || headingLevel(first) !== 1 || !rest.length) return { title: null, blocks };
  if (rest.some((node) => node.type === 'heading' && headingLevel(node) === 1)) return { title: null, blocks };
  const title = clean(inlineTextOf(first));
  if (!title || numberedHeading(title, { strict: false })) return { title: null, blocks };
  return { title: title.slice(0, MAX_HEADING_LENGTH), blocks: rest };
}
