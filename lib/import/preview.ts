/**
 * The shape of an imported draft before anything is stored, and the coordinator's edits
 * to it (merge two sections, split one at a paragraph, rename). Pure and client-safe: the
 * import page runs these in the browser for the preview, and the server runs the same
 * functions again on the re-parsed file, so what is created is exactly what was shown.
 */
import { textFromDoc, type PMDoc, type PMNode } from '@/lib/sections/content';

export type PreviewSection = {
  /** True for the untitled text before the first section; it is not numbered. */
  intro: boolean;
  heading: string;
  content: PMDoc;
  /**
   * The block the heading was read from ("1. The opportunity" as a numbered item, a bold
   * line, a Word heading), put back into the text if the coordinator says it is not a heading.
   */
  source?: PMNode;
};

export type ImportPreview = {
  /** A title found in the file (Word "Title" style, a leading Markdown "# "), if any. */
  title: string | null;
  sections: PreviewSection[];
};

export type ArrangeOp =
  | { op: 'merge'; index: number }
  | { op: 'split'; index: number; at: number }
  | { op: 'rename'; index: number; heading: string }
  /** Start a section at block `at` (list item `item` of a list) of section `index`, with that line as its heading. */
  | { op: 'promote'; index: number; at: number; item?: number }
  /** Section `index`'s heading is not a heading: it goes back into the text, which joins the section before. */
  | { op: 'demote'; index: number }
  /** Delete block `at` (list item `item` of a list) of section `index`. */
  | { op: 'remove'; index: number; at: number; item?: number };

export const MAX_HEADING_LENGTH = 200;

export class ArrangeError extends Error {}

const EMPTY_DOC: PMDoc = { type: 'doc', content: [{ type: 'paragraph' }] };

/** The plain text of an inline-only node (heading, paragraph). */
export function inlineTextOf(node: PMNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(inlineTextOf).join('');
}

/** A document with at least one block (ProseMirror documents may not be empty). */
export function docOf(blocks: PMNode[]): PMDoc {
  return blocks.length ? { type: 'doc', content: blocks } : structuredClone(EMPTY_DOC);
}

function isEmptyDoc(doc: PMDoc): boolean {
  return doc.content.length === 1 && doc.content[0].type === 'paragraph' && !doc.content[0].content?.length;
}

/** The number shown for each section: the introduction has none, the rest count from 1. */
export function sectionNumbers(sections: Pick<PreviewSection, 'intro'>[]): (string | null)[] {
  let next = 1;
  return sections.map((section) => (section.intro ? null : String(next++)));
}

/**
 * Applies one edit, returning new sections (the input is not changed).
 * - merge: section `index + 1` joins section `index`; its heading is kept as a heading in the text.
 * - split: section `index` ends before its block `at`; a heading block there becomes the new
 *   section's heading, otherwise the new section is called "New section" until renamed.
 * - rename: sets a section's heading.
 * Throws ArrangeError for an edit that does not fit the sections.
 */
export function applyArrangeOp(sections: PreviewSection[], op: ArrangeOp): PreviewSection[] {
  const target = sections[op.index];
  if (!Number.isInteger(op.index) || !target) throw new ArrangeError(`There is no section ${op.index + 1}`);
  const copy = sections.slice();
  switch (op.op) {
    case 'merge': {
      const next = sections[op.index + 1];
      if (!next) throw new ArrangeError('The last section has no following section to merge with');
      const blocks = isEmptyDoc(target.content) ? [] : structuredClone(target.content.content);
      if (next.heading.trim()) blocks.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: next.heading.trim() }] });
      if (!isEmptyDoc(next.content)) blocks.push(...structuredClone(next.content.content));
      copy.splice(op.index, 2, { ...target, content: docOf(blocks) });
      return copy;
    }
    case 'split': {
      const blocks = target.content.content;
      if (!Number.isInteger(op.at) || op.at < 1 || op.at >= blocks.length) throw new ArrangeError(`Section ${op.index + 1} cannot be split there`);
      const first = structuredClone(blocks.slice(0, op.at));
      let rest = structuredClone(blocks.slice(op.at));
      let heading = 'New section';
      if (rest[0].type === 'heading' && inlineTextOf(rest[0]).trim()) {
        heading = inlineTextOf(rest[0]).replace(/\s+/g, ' ').trim().slice(0, MAX_HEADING_LENGTH);
        rest = rest.slice(1);
      }
      copy.splice(op.index, 1, { ...target, content: docOf(first) }, { intro: false, heading, content: docOf(rest) });
      return copy;
    }
    case 'rename': {
      const heading = op.heading.replace(/\s+/g, ' ').trim();
      if (!heading && !target.intro) throw new ArrangeError(`Section ${op.index + 1} needs a heading`);
      if (heading.length > MAX_HEADING_LENGTH) throw new ArrangeError(`A heading can be at most ${MAX_HEADING_LENGTH} characters`);
      copy[op.index] = { ...target, heading };
      return copy;
    }
    case 'promote': {
      const blocks = isEmptyDoc(target.content) ? [] : target.content.content;
      const { before, taken, after, nested } = takeLine(blocks, op.at, op.item, `Section ${op.index + 1}`);
      const heading = inlineTextOf(taken.line).replace(/\s+/g, ' ').trim();
      if (!/[\p{L}\p{N}]/u.test(heading)) throw new ArrangeError('That paragraph has no words to make a heading of');
      if (heading.length > MAX_HEADING_LENGTH) throw new ArrangeError(`A heading can be at most ${MAX_HEADING_LENGTH} characters; that paragraph is longer`);
      const created: PreviewSection = { intro: false, heading, content: docOf([...nested, ...after]), source: taken.source };
      if (!before.length && target.intro) copy.splice(op.index, 1, created);
      else copy.splice(op.index, 1, { ...target, content: docOf(before) }, created);
      return copy;
    }
    case 'demote': {
      if (target.intro) throw new ArrangeError('The introduction has no heading to take back');
      const source = target.source && blockText(target.source).endsWith(target.heading) ? structuredClone(target.source) : paragraphNode(target.heading);
      const restored = [source.type === 'heading' ? { ...source, attrs: { level: 2 } } : source, ...(isEmptyDoc(target.content) ? [] : structuredClone(target.content.content))];
      const previous = sections[op.index - 1];
      if (!previous) {
        copy.splice(op.index, 1, { intro: true, heading: '', content: docOf(restored) });
        return copy;
      }
      const blocks = isEmptyDoc(previous.content) ? [] : structuredClone(previous.content.content);
      copy.splice(op.index - 1, 2, { ...previous, content: docOf([...blocks, ...restored]) });
      return copy;
    }
    case 'remove': {
      const blocks = isEmptyDoc(target.content) ? [] : target.content.content;
      // A removed list item takes its sub-items with it; the list closes up around the gap.
      const { before, after } = takeLine(blocks, op.at, op.item, `Section ${op.index + 1}`);
      copy[op.index] = { ...target, content: docOf(joinLists([...before, ...after])) };
      return copy;
    }
  }
}

function paragraphNode(text: string): PMNode {
  return text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' };
}

function blockText(node: PMNode): string {
  if (node.type === 'orderedList' || node.type === 'bulletList') return inlineTextOf(node.content?.[0]?.content?.[0] ?? { type: 'paragraph' }).replace(/\s+/g, ' ').trim();
  return inlineTextOf(node).replace(/\s+/g, ' ').trim();
}

/** Two lists of the same kind left side by side (after a removal) become one again. */
function joinLists(blocks: PMNode[]): PMNode[] {
  const out: PMNode[] = [];
  for (const block of blocks) {
    const last = out[out.length - 1];
    if (last && last.type === block.type && (block.type === 'bulletList' || block.type === 'orderedList')) {
      out[out.length - 1] = { ...last, content: [...(last.content ?? []), ...(block.content ?? [])] };
    } else out.push(block);
  }
  return out;
}

/**
 * Takes one line out of a section's blocks: block `at`, or item `item` of the list at `at`.
 * Returns the blocks before and after it (a list is split around the item, the part after it
 * keeping its numbers), the line's paragraph, the block it stood in (to put back), and the
 * item's nested lists.
 */
function takeLine(blocks: PMNode[], at: number, item: number | undefined, label: string) {
  const block = blocks[at];
  if (!Number.isInteger(at) || !block) throw new ArrangeError(`${label} has no paragraph ${at + 1}`);
  const before = structuredClone(blocks.slice(0, at));
  const after = structuredClone(blocks.slice(at + 1));
  if (block.type !== 'bulletList' && block.type !== 'orderedList') {
    if (item !== undefined) throw new ArrangeError(`Paragraph ${at + 1} of ${label.toLowerCase()} is not a list`);
    return { before, after, nested: [] as PMNode[], taken: { line: structuredClone(block), source: structuredClone(block) } };
  }
  const items = block.content ?? [];
  const index = item ?? 0;
  const chosen = items[index];
  if (!Number.isInteger(index) || !chosen) throw new ArrangeError(`That list has no item ${index + 1}`);
  const ordered = block.type === 'orderedList';
  const start = Number(block.attrs?.start ?? 1);
  const part = (from: number, to: number): PMNode[] => {
    const slice = items.slice(from, to);
    if (!slice.length) return [];
    return [{ ...structuredClone(block), ...(ordered ? { attrs: { ...block.attrs, start: start + from } } : {}), content: structuredClone(slice) }];
  };
  const [line = { type: 'paragraph' }, ...nested] = structuredClone(chosen.content ?? []);
  const source: PMNode = { ...structuredClone(block), ...(ordered ? { attrs: { ...block.attrs, start: start + index } } : {}), content: [{ type: 'listItem', content: [structuredClone(line)] }] };
  return { before: [...before, ...part(0, index)], after: [...part(index + 1, items.length), ...after], nested, taken: { line, source } };
}



export function applyArrangeOps(sections: PreviewSection[], ops: ArrangeOp[]): PreviewSection[] {
  return ops.reduce(applyArrangeOp, sections);
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

export type SectionSummary = { number: string | null; heading: string; words: number; blocks: number; warning: string | null };

/**
 * Section titles, sizes and warnings, for the preview and the command line's summary (both
 * show exactly this). A section with no text under its heading, or one far larger than the
 * rest, is flagged: both are what a wrongly read outline looks like.
 */
export function describeSections(sections: PreviewSection[]): SectionSummary[] {
  const numbers = sectionNumbers(sections);
  const words = sections.map((section) => countWords(textFromDoc(section.content)));
  const total = words.reduce((sum, count) => sum + count, 0);
  // The median section (one sort, however many sections: drafts can have thousands).
  const sorted = words.slice().sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
  return sections.map((section, index) => {
    let warning: string | null = null;
    if (!section.intro && words[index] === 0) {
      warning = 'No text under this heading. If it is really an item of a list, choose “Not a heading”.';
    } else if (sections.length >= 3 && words[index] >= 200 && words[index] > 0.5 * total && words[index] > 4 * Math.max(median, 1)) {
      warning = `Far larger than the other sections (${Math.round((100 * words[index]) / total)} % of the words): a heading inside it may have been missed. Choose “Start a section here” at that paragraph.`;
    }
    return { number: numbers[index], heading: section.heading, words: words[index], blocks: section.content.content.length, warning };
  });
}

/** The outline as lines of text: what the command line prints, and what the preview lists. */
export function formatOutline(sections: PreviewSection[]): string[] {
  return describeSections(sections).flatMap((summary) => [
    `${summary.number ? `${summary.number}. ` : ''}${summary.heading || (summary.number ? '' : 'Introduction (untitled)')} — ${summary.words} ${summary.words === 1 ? 'word' : 'words'}`,
    ...(summary.warning ? [`   ! ${summary.warning}`] : []),
  ]);
}
