/**
 * Pure edits of a section's ProseMirror document, addressed by offsets into its plain
 * text (textFromDoc). Used for accepting suggestions and inserting quotations, both on
 * stored versions and on the live collaborative document.
 */
import { blocksOf, type Mark, type PMDoc, type PMNode } from '@/lib/sections/content';

const SEPARATOR_LENGTH = 2; // blocks are joined by "\n\n" in textFromDoc

type TextBlockRef = { node: PMNode; start: number; end: number };

/** Every text block (paragraph, heading, list item paragraph) in reading order, with its text range. */
function textBlocks(doc: PMDoc): TextBlockRef[] {
  const refs: TextBlockRef[] = [];
  let offset = 0;
  const walk = (node: PMNode) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'codeBlock') {
      const length = blocksOf({ type: 'doc', content: [node] } as PMDoc)[0]?.text.length ?? 0;
      if (refs.length) offset += SEPARATOR_LENGTH;
      refs.push({ node, start: offset, end: offset + length });
      offset += length;
      return;
    }
    (node.content ?? []).forEach(walk);
  };
  (doc.content ?? []).forEach(walk);
  return refs;
}

type Run = { text: string; marks?: Mark[] } | { hardBreak: true };

function runsOf(block: PMNode): Run[] {
  return (block.content ?? []).map((child) =>
    child.type === 'hardBreak' ? { hardBreak: true as const } : { text: child.text ?? '', marks: child.marks },
  );
}

function nodesOf(runs: Run[]): PMNode[] {
  const nodes: PMNode[] = [];
  for (const run of runs) {
    if ('hardBreak' in run) nodes.push({ type: 'hardBreak' });
    else if (run.text) {
      const last = nodes[nodes.length - 1];
      if (last?.type === 'text' && JSON.stringify(last.marks ?? []) === JSON.stringify(run.marks ?? [])) last.text += run.text;
      else nodes.push({ type: 'text', text: run.text, ...(run.marks?.length ? { marks: run.marks } : {}) });
    }
  }
  return nodes;
}

export class EditOutOfRangeError extends Error {}

/**
 * Replaces the text between `start` and `end` (offsets into textFromDoc(doc)) with
 * `replacement`, inside one block. The replacement takes the marks of the text it
 * replaces (or of the character before an insertion). Returns a new document.
 */
export function replaceTextRange(doc: PMDoc, start: number, end: number, replacement: string): PMDoc {
  if (start < 0 || end < start) throw new EditOutOfRangeError('The range is not valid');
  const copy = structuredClone(doc);
  const block = textBlocks(copy).find((ref) => start >= ref.start && end <= ref.end);
  if (!block) throw new EditOutOfRangeError('The passage must lie within one paragraph or list item');
  const from = start - block.start;
  const to = end - block.start;
  const runs = runsOf(block.node);
  const out: Run[] = [];
  let position = 0;
  let inserted = false;
  const insert = (marks?: Mark[]) => {
    if (!inserted && replacement) out.push({ text: replacement, marks });
    inserted = true;
  };
  for (const run of runs) {
    const length = 'hardBreak' in run ? 1 : run.text.length;
    const runStart = position;
    const runEnd = position + length;
    position = runEnd;
    if ('hardBreak' in run) {
      if (runEnd <= from || runStart >= to) {
        if (runStart >= to && !inserted) insert();
        out.push(run);
      }
      continue;
    }
    const before = run.text.slice(0, Math.max(0, from - runStart));
    const after = run.text.slice(Math.max(0, to - runStart));
    if (runEnd < from || (runEnd === from && from !== to) || runStart > to || (runStart === to && from !== to && inserted)) {
      if (runStart >= to && !inserted) insert(run.marks);
      out.push(run);
      continue;
    }
    if (before) out.push({ text: before, marks: run.marks });
    insert(run.marks);
    if (after && runEnd > to) out.push({ text: after, marks: run.marks });
  }
  if (!inserted) insert();
  block.node.content = nodesOf(out);
  if (!block.node.content.length) delete block.node.content;
  return copy;
}

/** Inserts paragraphs (or any blocks) after the block containing `offset`, or at the end. */
export function insertBlocksAfter(doc: PMDoc, offset: number | null, blocks: PMNode[]): PMDoc {
  const copy = structuredClone(doc);
  if (offset === null) {
    copy.content = [...(copy.content ?? []), ...blocks];
    return copy;
  }
  // Find the top-level block whose text range contains the offset.
  let index = copy.content.length - 1;
  let cursor = 0;
  for (const [i, node] of copy.content.entries()) {
    const length = blocksOf({ type: 'doc', content: [node] } as PMDoc).map((b) => b.text).join('\n\n').length;
    if (offset <= cursor + length) {
      index = i;
      break;
    }
    cursor += length + SEPARATOR_LENGTH;
  }
  copy.content.splice(index + 1, 0, ...blocks);
  return copy;
}
