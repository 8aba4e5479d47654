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
};

export type ImportPreview = {
  /** A title found in the file (Word "Title" style, a leading Markdown "# "), if any. */
  title: string | null;
  sections: PreviewSection[];
};

export type ArrangeOp =
  | { op: 'merge'; index: number }
  | { op: 'split'; index: number; at: number }
  | { op: 'rename'; index: number; heading: string };

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
  }
}

export function applyArrangeOps(sections: PreviewSection[], ops: ArrangeOp[]): PreviewSection[] {
  return ops.reduce(applyArrangeOp, sections);
}

/** Section titles and sizes, for the preview and the command line's summary. */
export function describeSections(sections: PreviewSection[]) {
  const numbers = sectionNumbers(sections);
  return sections.map((section, index) => {
    const text = textFromDoc(section.content);
    return { number: numbers[index], heading: section.heading, words: text.split(/\s+/).filter(Boolean).length, blocks: section.content.content.length };
  });
}
