/**
 * The common shape every importer reads a draft into before the outline is chosen: a flat
 * run of "units", each a paragraph, a heading or one top-level list item, with the layout
 * signals a person uses to see an outline (indentation, blank lines around it, the style it
 * was given, its number). The outline (outline.ts) decides which units start sections; the
 * rest are put back together into blocks, consecutive items of one list becoming one list
 * again, so a list whose item became a heading splits around it and keeps its numbers.
 * Pure and client-safe.
 */
import type { Mark, PMNode } from '@/lib/sections/content';

export type ListStyle = '1' | 'a' | 'A' | 'i' | 'I';

export type ListInfo = {
  ordered: boolean;
  /** The item's number (1 for bullets); letters and roman numerals count as numbers too. */
  number: number;
  /** How the numbers are written: 1, a, A, i, I (null for bullets). */
  style: ListStyle | null;
  /** What follows the number: "." or ")" (empty for bullets and Word's numbering). */
  delimiter: string;
  /** Items with the same key belong to one list. */
  key: string;
};

export type Unit = {
  /** A paragraph or heading; for a list item, the listItem node (with any nested lists). */
  node: PMNode;
  list?: ListInfo;
  /** Indentation in text columns (Word's indentation is converted: 0.5 inch ≈ 4 columns). */
  indent: number;
  /** A blank line (an empty paragraph in Word) comes before it, or it opens the draft. */
  blankBefore: boolean;
  /** Heading level given by the file's own markup: Markdown "#", Word "Heading N", HTML h1–h6. */
  headingLevel?: number;
  /** Marked as the document's title (Word's Title style, an HTML <title> or class="title"). */
  title?: boolean;
  /** The paragraph was written over several lines (plain text), so it is running text. */
  wrapped?: boolean;
};

/** The plain text of an inline-only node (heading, paragraph). */
export function inlineText(node: PMNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(inlineText).join('');
}

export function cleanText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The paragraph carrying a unit's own words: the node itself, or a list item's first paragraph. */
export function unitParagraph(unit: Unit): PMNode {
  if (unit.node.type === 'listItem') return unit.node.content?.[0] ?? { type: 'paragraph' };
  return unit.node;
}

export function unitText(unit: Unit): string {
  return cleanText(inlineText(unitParagraph(unit)));
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Words of a unit including nested content (a list item's sub-items). */
export function unitWords(unit: Unit): number {
  const walk = (node: PMNode): number => (node.type === 'text' ? wordCount(node.text ?? '') : (node.content ?? []).reduce((sum, child) => sum + walk(child), 0));
  return walk(unit.node);
}

/** True when every letter of the paragraph is bold (a heading typed as bold text). */
export function isAllBold(node: PMNode): boolean {
  const texts = (node.content ?? []).filter((child) => child.type === 'text' && /\S/.test(child.text ?? ''));
  return texts.length > 0 && texts.every((child) => child.marks?.some((mark: Mark) => mark.type === 'bold'));
}

/**
 * Rebuilds blocks from units: consecutive items with the same list key form one list, which
 * starts at its first item's number (so a list split by a heading keeps counting).
 */
export function blocksFromUnits(units: Unit[]): PMNode[] {
  const out: PMNode[] = [];
  let list: PMNode | null = null;
  let key: string | null = null;
  for (const unit of units) {
    if (!unit.list) {
      list = null;
      key = null;
      out.push(unit.node.type === 'listItem' ? { type: 'paragraph', content: unit.node.content?.[0]?.content } : unit.node);
      continue;
    }
    if (list && key === unit.list.key) {
      list.content!.push(unit.node);
      continue;
    }
    const { ordered, number, style } = unit.list;
    list = ordered
      ? { type: 'orderedList', attrs: { start: number, ...(style && style !== '1' ? { type: style } : {}) }, content: [unit.node] }
      : { type: 'bulletList', content: [unit.node] };
    key = unit.list.key;
    out.push(list);
  }
  return out;
}

/** Markers that make a paragraph a list item, in any format. */
const BULLET = /^([•◦▪▫‣○●■□–—·\-*+➢►✓])\s+/u;
const NUMBER = /^(\d{1,3})([.)])\s+/;
const LETTER = /^\(?([a-z]|[A-Z])([.)])\s+/;
const ROMAN = /^\(?(i{1,3}|iv|vi{0,3}|ix|xi{0,3}|I{1,3}|IV|VI{0,3}|IX|XI{0,3})([.)])\s+/;

const ROMAN_VALUES: Record<string, number> = { i: 1, v: 5, x: 10 };

export function romanValue(roman: string): number {
  const digits = roman.toLowerCase().split('').map((c) => ROMAN_VALUES[c]);
  return digits.reduce((sum, value, i) => sum + (value < (digits[i + 1] ?? 0) ? -value : value), 0);
}

export type Marker = { ordered: boolean; number: number; style: ListStyle | null; delimiter: string; length: number; bullet?: string };

/**
 * The list marker a line or paragraph starts with, if any: a bullet character, "1." or
 * "1)", "a)" / "(b)", "iv." / "(ii)". `previous` (the marker of the item before, if any)
 * decides whether "i." is the ninth letter or the first roman numeral.
 */
export function listMarker(text: string, previous?: Marker | null): Marker | null {
  const bullet = BULLET.exec(text);
  if (bullet) return { ordered: false, number: 1, style: null, delimiter: '', length: bullet[0].length, bullet: bullet[1] };
  const number = NUMBER.exec(text);
  if (number) return { ordered: true, number: Number(number[1]), style: '1', delimiter: number[2], length: number[0].length };
  const roman = ROMAN.exec(text);
  const letter = LETTER.exec(text);
  const letterNumber = letter ? letter[1].toLowerCase().charCodeAt(0) - 96 : 0;
  const previousStyle = previous?.style?.toLowerCase();
  let asRoman = Boolean(roman);
  if (roman && letter) {
    // "i", "v", "x" alone: a letter when it continues a lettered list, else roman if it is "i"
    // or continues a roman list.
    if (previousStyle === 'a' && letterNumber === previous!.number + 1) asRoman = false;
    else asRoman = previousStyle === 'i' || /^[iI]$/.test(roman[1]);
  }
  if (roman && asRoman) {
    const upper = roman[1] === roman[1].toUpperCase();
    return { ordered: true, number: romanValue(roman[1]), style: upper ? 'I' : 'i', delimiter: roman[2], length: roman[0].length };
  }
  if (letter) {
    const upper = letter[1] === letter[1].toUpperCase();
    return { ordered: true, number: letterNumber, style: upper ? 'A' : 'a', delimiter: letter[2], length: letter[0].length };
  }
  return null;
}

/** Removes the first `length` characters of a paragraph's inline content (a list marker). */
export function dropLeadingChars(inline: PMNode[], length: number): PMNode[] {
  const out: PMNode[] = [];
  let left = length;
  for (const node of inline) {
    if (left > 0 && node.type === 'text') {
      const text = node.text ?? '';
      if (text.length <= left) {
        left -= text.length;
        continue;
      }
      out.push({ ...node, text: text.slice(left) });
      left = 0;
      continue;
    }
    out.push(node);
  }
  return out;
}

/** Drops leading white space of a paragraph's inline content. */
export function trimInlineStart(inline: PMNode[]): PMNode[] {
  const out = inline.slice();
  while (out.length && out[0].type === 'text' && !out[0].text!.trim()) out.shift();
  if (out[0]?.type === 'text') out[0] = { ...out[0], text: out[0].text!.replace(/^\s+/, '') };
  return out;
}
