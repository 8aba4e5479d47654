/**
 * Reads a draft written as lines (a plain-text file, or a Word document's paragraphs) into
 * units, as a person reads a page:
 * - blank lines separate paragraphs; lines wrapped by hand join into one paragraph, a short
 *   line standing over a longer one does not (it is a heading or a label);
 * - a line starting with a bullet (•, ◦, ▪, -, *, –, …), a number ("1." "2)"), a letter
 *   ("a)" "(b)") or a roman numeral ("iv." "(ii)") is a list item; deeper indentation nests;
 *   an indented line under an item continues it;
 * - items separated by blank lines stay one list when the next item continues it (same
 *   kind, same indentation, the next number), so a list spaced out by blank lines is still
 *   one list with its numbers;
 * - Word's own numbering and heading styles arrive as hints on the line.
 * Pure and client-safe: docFromText (lib/sections/content.ts) reads text the same way.
 */
import type { PMNode } from '@/lib/sections/content';
import { dropLeadingChars, listMarker, trimInlineStart, type ListInfo, type Marker, type Unit } from '@/lib/import/units';

export type Line = {
  /** The line's inline content (text with marks); empty for a blank line. */
  inline: PMNode[];
  indent: number;
  /** A Word paragraph that is not part of a text laid out in lines: never joined with its neighbours. */
  hard?: boolean;
  headingLevel?: number;
  title?: boolean;
  /** Word's own list numbering: ordered or bulleted, the nesting level, the computed number. */
  wordList?: { ordered: boolean; level: number; number: number; key: string };
  /**
   * A list the file marked up itself (Markdown, HTML), taken as it is: each top-level item a
   * unit. `numbers` are the numbers its items were written with, where the file says.
   */
  list?: { node: PMNode; numbers?: (number | null)[] };
};

/** Lines longer than this were not wrapped by hand: each is a paragraph of its own. */
const WRAPPED_LINE = 100;

function lineText(line: Line): string {
  return line.inline.map((node) => (node.type === 'text' ? node.text ?? '' : node.type === 'hardBreak' ? '\n' : '')).join('');
}

function isBlank(line: Line): boolean {
  return !/\S/.test(lineText(line));
}

function joinInline(parts: PMNode[][]): PMNode[] {
  const out: PMNode[] = [];
  parts.forEach((part, index) => {
    if (index > 0) out.push({ type: 'text', text: ' ' });
    out.push(...part);
  });
  return mergeRuns(out);
}

/** Merges neighbouring text nodes with the same marks, trims the ends, drops empty nodes. */
export function mergeRuns(nodes: PMNode[]): PMNode[] {
  const out: PMNode[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      if (!node.text) continue;
      const last = out[out.length - 1];
      if (last?.type === 'text' && JSON.stringify(last.marks ?? []) === JSON.stringify(node.marks ?? [])) {
        out[out.length - 1] = { ...last, text: `${last.text}${node.text}` };
        continue;
      }
    }
    out.push(node);
  }
  const first = out[0];
  if (first?.type === 'text') out[0] = { ...first, text: first.text!.replace(/^\s+/, '') };
  const last = out[out.length - 1];
  if (last?.type === 'text') out[out.length - 1] = { ...last, text: last.text!.replace(/\s+$/, '') };
  while (out[out.length - 1]?.type === 'hardBreak') out.pop();
  return out.filter((node) => node.type !== 'text' || node.text);
}

function paragraph(inline: PMNode[]): PMNode {
  const content = mergeRuns(inline);
  return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
}

type OpenItem = { indent: number; item: PMNode; marker: Marker; key: string; unit: Unit | null };

let keySeed = 0;

/** Reads lines into units (see the file comment). */
export function unitsFromLines(lines: Line[]): Unit[] {
  const units: Unit[] = [];
  const stack: OpenItem[] = [];
  let buffer: Line[] = [];
  let bufferBlank = true;
  let blankSeen = true;
  const run = ++keySeed;
  let lists = 0;

  const flushParagraphs = () => {
    if (!buffer.length) return;
    const longest = buffer.reduce((max, line) => Math.max(max, lineText(line).trimEnd().length), 0);
    const handWrapped = longest <= WRAPPED_LINE && !buffer.some((line) => line.hard);
    let current: Line[] = [];
    let first = true;
    const emit = () => {
      if (!current.length) return;
      units.push({
        node: paragraph(joinInline(current.map((line) => trimInlineStart(line.inline)))),
        indent: current[0].indent,
        blankBefore: first ? bufferBlank : false,
        ...(current.length > 1 ? { wrapped: true } : {}),
      });
      first = false;
      current = [];
    };
    buffer.forEach((line, index) => {
      current.push(line);
      const next = buffer[index + 1];
      if (!next) return;
      const text = lineText(line).trim();
      const nextText = lineText(next).trim();
      // A wrapped line runs close to the width of the longest; a short line over a longer one
      // ends its paragraph unless the sentence visibly carries on (the next line starts in lower case).
      const carriesOn = handWrapped && (text.length >= 0.6 * longest || /^[\p{Ll}(]/u.test(nextText)) && !/[:]$/.test(text);
      if (!carriesOn) emit();
    });
    emit();
    buffer = [];
  };

  const closeList = () => {
    stack.length = 0;
  };

  /** Adds `item` as a child of `parent`, in a nested list of the item's kind. */
  const nest = (parent: PMNode, item: PMNode, marker: Marker) => {
    const children = parent.content!;
    const last = children[children.length - 1];
    const type = marker.ordered ? 'orderedList' : 'bulletList';
    if (last && last.type === type && children.length > 1) {
      last.content!.push(item);
      return;
    }
    children.push(
      marker.ordered
        ? { type: 'orderedList', attrs: { start: marker.number, ...(marker.style && marker.style !== '1' ? { type: marker.style } : {}) }, content: [item] }
        : { type: 'bulletList', content: [item] },
    );
  };

  const continues = (open: OpenItem, marker: Marker) =>
    open.marker.ordered === marker.ordered &&
    (!marker.ordered || (open.marker.style === marker.style && open.marker.delimiter === marker.delimiter && marker.number === open.marker.number + 1));

  for (const line of lines) {
    if (line.list) {
      flushParagraphs();
      closeList();
      for (const unit of unitsOfList(line.list.node, line.list.numbers, () => `${run}:${++lists}`, blankSeen)) units.push(unit);
      blankSeen = false;
      continue;
    }
    if (isBlank(line)) {
      flushParagraphs();
      blankSeen = true;
      continue;
    }
    const text = lineText(line);
    if (line.headingLevel || line.title) {
      flushParagraphs();
      closeList();
      units.push({
        node: { type: 'heading', attrs: { level: line.headingLevel ?? 1 }, content: mergeRuns(trimInlineStart(line.inline)) },
        indent: line.indent,
        blankBefore: blankSeen,
        headingLevel: line.headingLevel ?? 1,
        ...(line.title ? { title: true } : {}),
      });
      blankSeen = false;
      continue;
    }

    let marker: Marker | null;
    let indent = line.indent;
    let inline = trimInlineStart(line.inline);
    if (line.wordList) {
      marker = { ordered: line.wordList.ordered, number: line.wordList.number, style: line.wordList.ordered ? '1' : null, delimiter: '', length: 0 };
      indent = line.indent + line.wordList.level * 4;
    } else {
      const siblings = stack.filter((open) => open.indent === indent);
      marker = listMarker(text.trimStart(), siblings[siblings.length - 1]?.marker ?? null);
      if (marker) inline = trimInlineStart(dropLeadingChars(inline, marker.length));
    }

    if (!marker) {
      const top = stack[stack.length - 1];
      if (top && !blankSeen && indent > top.indent && !line.hard) {
        // An indented line under a list item continues the item.
        const first = top.item.content![0];
        first.content = joinInline([first.content ?? [], inline]);
        continue;
      }
      closeList();
      if (blankSeen || line.hard) flushParagraphs();
      if (!buffer.length) bufferBlank = blankSeen;
      buffer.push({ ...line, inline });
      blankSeen = false;
      continue;
    }

    flushParagraphs();
    const item: PMNode = { type: 'listItem', content: [paragraph(inline)] };
    // Items indented deeper than this one are finished.
    while (stack.length && stack[stack.length - 1].indent > indent) stack.pop();
    const top = stack[stack.length - 1];
    if (top && top.indent === indent) {
      const sameList = line.wordList
        ? top.key === line.wordList.key || top.key.endsWith(`/${line.wordList.key}`)
        : blankSeen
          ? continues(top, marker)
          : top.marker.ordered === marker.ordered && (!marker.ordered || continues(top, marker));
      stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) {
        nest(parent.item, item, marker);
        stack.push({ indent, item, marker, key: sameList ? top.key : `${parent.key}/${line.wordList?.key ?? ++lists}`, unit: null });
      } else {
        const key = sameList ? top.key : line.wordList ? line.wordList.key : `${run}:${++lists}`;
        const unit: Unit = { node: item, indent, blankBefore: blankSeen, list: listInfo(marker, key) };
        units.push(unit);
        stack.length = 0;
        stack.push({ indent, item, marker, key, unit });
      }
    } else if (top) {
      // Deeper than the open item: a sub-item.
      nest(top.item, item, marker);
      stack.push({ indent, item, marker, key: `${top.key}/${line.wordList?.key ?? ++lists}`, unit: null });
    } else {
      const key = line.wordList ? line.wordList.key : `${run}:${++lists}`;
      const unit: Unit = { node: item, indent, blankBefore: blankSeen, list: listInfo(marker, key) };
      units.push(unit);
      stack.push({ indent, item, marker, key, unit });
    }
    blankSeen = false;
  }
  flushParagraphs();
  return units;
}

/**
 * The units of a list marked up in the file. Where an item was written with a number that
 * does not continue the one before ("1." after "4."), a new list starts there, as a reader sees it.
 */
function unitsOfList(list: PMNode, numbers: (number | null)[] | undefined, newKey: () => string, blankBefore: boolean): Unit[] {
  const ordered = list.type === 'orderedList';
  const style = (typeof list.attrs?.type === 'string' ? list.attrs.type : '1') as ListInfo['style'];
  let key = newKey();
  let previous: number | null = null;
  return (list.content ?? []).map((item, index) => {
    const counted: number = previous === null ? Number(list.attrs?.start ?? 1) : previous + 1;
    const written = numbers?.[index];
    const number: number = ordered && written != null ? written : counted;
    if (ordered && previous !== null && number !== previous + 1) key = newKey();
    previous = number;
    return {
      node: item,
      indent: 0,
      blankBefore: index === 0 ? blankBefore : false,
      list: { ordered, number: ordered ? number : 1, style: ordered ? style : null, delimiter: ordered ? '.' : '', key },
    };
  });
}

/**
 * The lines of a document that arrived already parsed (Markdown, HTML): its headings and
 * paragraphs each a line of its own, its lists taken whole. Paragraphs still go through the
 * line reader, so a paragraph typed as "• point" or "1. The opportunity" is read as a person
 * would read it. `numberOf` gives the number a list item was written with, if known.
 */
export function linesFromDoc(blocks: PMNode[], numberOf?: (item: PMNode) => number | null): Line[] {
  const lines: Line[] = [];
  for (const node of blocks) {
    if (node.type === 'heading') lines.push({ inline: node.content ?? [], indent: 0, hard: true, headingLevel: Number(node.attrs?.level ?? 1) });
    else if (node.type === 'paragraph') {
      // Hard line breaks inside a paragraph are kept; a paragraph is one line to the reader.
      if ((node.content ?? []).length) lines.push({ inline: node.content ?? [], indent: 0, hard: true });
    } else if (node.type === 'bulletList' || node.type === 'orderedList') {
      lines.push({ inline: [], indent: 0, list: { node, numbers: numberOf ? (node.content ?? []).map(numberOf) : undefined } });
    } else if (node.content) lines.push(...linesFromDoc(node.content, numberOf));
  }
  return lines;
}

function listInfo(marker: Marker, key: string): ListInfo {
  return { ordered: marker.ordered, number: marker.number, style: marker.style, delimiter: marker.delimiter, key };
}

/** Normalises line endings, drops a byte order mark and form feeds, expands tabs. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/[\f\v]/g, '\n').replace(/\t/g, '    ');
}

/** The lines of a plain-text file. */
export function linesFromText(text: string): Line[] {
  return normaliseText(text)
    .split('\n')
    .map((raw) => {
      const line = raw.replace(/\s+$/, '').replace(/\u00a0/g, ' ');
      const indent = line.length - line.trimStart().length;
      return { inline: line.trim() ? [{ type: 'text', text: line.trim() }] : [], indent };
    });
}
