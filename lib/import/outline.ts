/**
 * Chooses a draft's outline: which units start sections. Pure: shared by every importer.
 *
 * Every way the draft could be outlined is scored, and the most plausible one wins, rather
 * than the first found. The candidates are families of lines that look alike:
 * - headings the file marks as such (Markdown "#", Word's Heading styles, HTML h1–h6), one
 *   family per level;
 * - numbered lines ("1. The opportunity", Word's own list numbering), one family per
 *   indentation and way of writing the number, of which the best increasing run counts;
 * - "Question 1" / "Q2" lines; paragraphs entirely in bold; short lines standing alone.
 * A family scores for each member that reads like a heading (short, not a sentence, not
 * indented) and has text under it, for numbers that count up from 1 without gaps, and for
 * how explicit the signal is; it loses for members with nothing under them and for one
 * section that swallows most of the draft. So a run of left-aligned numbered lines each
 * followed by paragraphs beats an indented numbered list with nothing under each item,
 * and that list stays a list, with its numbers.
 *
 * A unit that becomes a section heading leaves the text (its number becomes the section's
 * number); everything else stays, in order: every word of the draft appears exactly once.
 */
import { docOf, MAX_HEADING_LENGTH, type PreviewSection } from '@/lib/import/preview';
import type { PMNode } from '@/lib/sections/content';
import { blocksFromUnits, cleanText, isAllBold, unitParagraph, unitText, unitWords, type Unit } from '@/lib/import/units';

type Candidate = { index: number; family: string; number: number | null; heading: string; local: number };

/** "1. The opportunity", "1 The opportunity", "1) Scope" inside a heading or bold line. */
const NUMBERED_TEXT = /^(\d{1,2})(?:[.)]|\s)\s*(\S.*)$/;
const QUESTION = /^(?:question|q)\s*(\d{1,3})\b\s*[.:)\-–—]?\s*/i;
const SENTENCE_END = /[.,;:]$/;

const PRIOR: Record<string, number> = { h: 6, n: 1, q: 3, b: 0.5, line: -2 };
/**
 * How far a family's score counts against the others. Bold lines and bare short lines are
 * weaker signals than markup or numbers: they must be much more convincing to win (a
 * numbered outline with short subheadings under each number stays numbered).
 */
const WEIGHT: Record<string, number> = { h: 1, n: 1, q: 1, b: 0.8, line: 0.5 };

function familyKind(family: string): string {
  return family.split(':')[0];
}

/** The candidate a unit makes, if it could be a section heading at all. */
function candidateOf(unit: Unit, index: number): Candidate | null {
  if (unit.title) return null;
  const text = unitText(unit);
  if (!/\p{L}/u.test(text)) return null;
  const paragraphNode = unitParagraph(unit);
  if ((paragraphNode.content ?? []).some((child) => child.type === 'hardBreak')) return null;
  if (unit.headingLevel) {
    const numbered = NUMBERED_TEXT.exec(text);
    if (text.length > MAX_HEADING_LENGTH) return null;
    return numbered && /\p{L}/u.test(numbered[2])
      ? { index, family: `h:${unit.headingLevel}`, number: Number(numbered[1]), heading: numbered[2], local: 0 }
      : { index, family: `h:${unit.headingLevel}`, number: null, heading: text, local: 0 };
  }
  if (text.length > MAX_HEADING_LENGTH) return null;
  if (unit.list) {
    if (!unit.list.ordered || unit.list.style !== '1') return null;
    return { index, family: `n:${unit.indent > 0 ? 'in' : 'left'}`, number: unit.list.number, heading: text, local: 0 };
  }
  const question = QUESTION.exec(text);
  if (question && text.length > question[0].length) return { index, family: 'q', number: Number(question[1]), heading: text, local: 0 };
  if (isAllBold(paragraphNode) && text.length <= 150) {
    const numbered = NUMBERED_TEXT.exec(text);
    return numbered && /\p{L}/u.test(numbered[2])
      ? { index, family: 'b', number: Number(numbered[1]), heading: numbered[2], local: 0 }
      : { index, family: 'b', number: null, heading: text, local: 0 };
  }
  if (!unit.wrapped && text.length <= 80 && /^[\p{Lu}\d]/u.test(text) && !/[.,;:!]$/.test(text) && unit.blankBefore) {
    return { index, family: 'line', number: null, heading: text, local: 0 };
  }
  return null;
}

/** How much a candidate reads like a heading, given the text up to the next one of its family. */
function localScore(candidate: Candidate, unit: Unit, bodyWords: number): number {
  const kind = familyKind(candidate.family);
  let score = 0;
  const text = candidate.heading;
  if (kind === 'q') score += text.length <= 250 ? 0.5 : -2;
  else {
    if (text.length <= 80) score += 0.5;
    else if (text.length > 120) score -= 1.5;
    if (SENTENCE_END.test(text)) score -= 2.5;
  }
  if (kind !== 'h') {
    score += unit.indent > 0 ? -1.5 : 0.5;
    if (unit.blankBefore) score += 0.3;
  }
  if (unit.node.type === 'listItem' && (unit.node.content?.length ?? 0) > 1) score -= 1;
  score += bodyWords >= 12 ? 2 : bodyWords > 0 ? 0.5 : -3;
  return score;
}

type Outline = { family: string; starts: Candidate[]; score: number };

/** Words in units[from, to), in constant time from running totals (drafts can have 100,000 lines). */
function wordCounter(units: Unit[]): (from: number, to: number) => number {
  const before = [0];
  for (const unit of units) before.push(before[before.length - 1] + unitWords(unit));
  return (from, to) => before[Math.min(to, units.length)] - before[Math.max(from, 0)];
}

function maxOf(values: number[]): number {
  return values.reduce((max, value) => (value > max ? value : max), -Infinity);
}

/** How far back in the numbering a heading may continue a run (a gap of more is a new run). */
const MAX_GAP = 20;

/**
 * The best increasing run of numbered candidates (numbers from 1, in steps of one, score
 * best). Linear: for each number only the best run ending there so far is kept.
 */
function bestChain(candidates: Candidate[]): { chain: Candidate[]; score: number } {
  if (!candidates.length) return { chain: [], score: -Infinity };
  const best: number[] = [];
  const previous: number[] = [];
  const endingAt = new Map<number, number>(); // number → index of the best run ending with it
  candidates.forEach((candidate, j) => {
    const number = candidate.number!;
    let score = candidate.local + (number === 1 ? 1 : -1 - 0.2 * Math.min(number - 1, 10));
    let from = -1;
    for (let gap = 1; gap <= MAX_GAP && number - gap >= 0; gap++) {
      const i = endingAt.get(number - gap);
      if (i === undefined) continue;
      const option = best[i] + candidate.local + (gap === 1 ? 1 : -1.5 * (gap - 1));
      if (option > score) {
        score = option;
        from = i;
      }
    }
    best.push(score);
    previous.push(from);
    const held = endingAt.get(number);
    if (held === undefined || best[held] < score) endingAt.set(number, j);
  });
  const top = maxOf(best);
  let end = best.indexOf(top);
  const chain: Candidate[] = [];
  while (end >= 0) {
    chain.push(candidates[end]);
    end = previous[end];
  }
  return { chain: chain.reverse(), score: top };
}

function scoreOutline(units: Unit[], wordsBetween: (from: number, to: number) => number, family: string, starts: Candidate[], chainScore: number): Outline {
  const total = wordsBetween(0, units.length) || 1;
  const sizes = starts.map((start, i) => wordsBetween(start.index + 1, starts[i + 1]?.index ?? units.length));
  let score = PRIOR[familyKind(family)] + chainScore;
  if (starts.length >= 3 && maxOf(sizes) / total > 0.6) score -= 3;
  if (starts.length === 1) score -= 2;
  return { family, starts, score: score > 0 ? score * WEIGHT[familyKind(family)] : score };
}

/** For each candidate, where the text under it ends (see chooseOutline); linear, with a stack. */
function nextEnds(candidates: Candidate[], end: number): number[] {
  const result = new Array<number>(candidates.length).fill(end);
  const open: number[] = []; // candidates still looking for a higher number, lowest on top
  candidates.forEach((candidate, j) => {
    if (j > 0 && candidates[j - 1].number === null) result[j - 1] = candidate.index;
    if (candidate.number === null) {
      while (open.length) result[open.pop()!] = candidate.index;
      return;
    }
    while (open.length && candidates[open[open.length - 1]].number! < candidate.number) result[open.pop()!] = candidate.index;
    open.push(j);
  });
  return result;
}

/** Scores every candidate outline and returns the most plausible (or none: all introduction). */
export function chooseOutline(units: Unit[]): Outline | null {
  const byFamily = new Map<string, Candidate[]>();
  units.forEach((unit, index) => {
    const candidate = candidateOf(unit, index);
    if (!candidate) return;
    const list = byFamily.get(candidate.family) ?? [];
    list.push(candidate);
    byFamily.set(candidate.family, list);
  });
  // Of the headings the file marks, only the top level that is used more than once competes
  // (a single top-level heading over the rest is a title or a part heading).
  const headingLevels = [...byFamily.keys()].filter((family) => family.startsWith('h:')).map((family) => Number(family.slice(2))).sort((a, b) => a - b);
  const topLevel = headingLevels.find((level) => byFamily.get(`h:${level}`)!.length > 1) ?? headingLevels[0];
  for (const level of headingLevels) if (level !== topLevel) byFamily.delete(`h:${level}`);

  const wordsBetween = wordCounter(units);
  const outlines: Outline[] = [];
  for (const [family, candidates] of byFamily) {
    // The text under a numbered line runs to the next line with a higher number (a list
    // restarting at 1 in between is its text); under any other, to the next of its family.
    const next = nextEnds(candidates, units.length);
    candidates.forEach((candidate, i) => {
      candidate.local = localScore(candidate, units[candidate.index], wordsBetween(candidate.index + 1, next[i]));
    });
    const kind = familyKind(family);
    if (kind === 'h') {
      outlines.push(scoreOutline(units, wordsBetween, family, candidates, candidates.reduce((sum, c) => sum + Math.max(c.local, 0.5), 0)));
      continue;
    }
    // A numbered line that does not read like a heading (a sentence, nothing under it) is a list item.
    const numbered = candidates.filter((c) => c.number !== null && c.local > 0);
    if (kind === 'n' || kind === 'q' || (kind === 'b' && numbered.length >= 2)) {
      const { chain, score } = bestChain(numbered);
      if (chain.length) outlines.push(scoreOutline(units, wordsBetween, family, chain, score));
      continue;
    }
    const chosen = candidates.filter((c) => c.local > 0);
    if (chosen.length) outlines.push(scoreOutline(units, wordsBetween, family, chosen, chosen.reduce((sum, c) => sum + c.local, 0)));
  }
  const plausible = outlines.filter((outline) => outline.score > 0 && (outline.starts.length >= 2 || outline.score >= 3));
  plausible.sort((a, b) => b.score - a.score);
  return plausible[0] ?? null;
}

function headingLevelOf(node: PMNode): number {
  return Number(node.attrs?.level ?? 1);
}

/** Headings that stay inside a section become level 2 (the next level down) or 3 (deeper). */
function nestHeadings(blocks: PMNode[], sectionLevel: number): PMNode[] {
  return blocks.map((node) => (node.type === 'heading' ? { ...node, attrs: { level: headingLevelOf(node) <= sectionLevel + 1 ? 2 : 3 } } : node));
}

/** The block a heading came from, as it would stand in the text (to put back if it is not a heading). */
function sourceBlock(unit: Unit): PMNode {
  return blocksFromUnits([{ ...unit, node: structuredClone(unit.node) }])[0];
}

/** The sections of a draft's units (see the file comment). */
export function sectionsFromUnits(units: Unit[]): PreviewSection[] {
  const outline = chooseOutline(units);
  const starts = outline?.starts ?? [];
  const startIndexes = new Set(starts.map((start) => start.index));
  const markupLevels = units.filter((unit, index) => unit.headingLevel && !startIndexes.has(index)).map((unit) => unit.headingLevel!);
  const sectionLevel = outline && familyKind(outline.family) === 'h' ? Number(outline.family.slice(2)) : markupLevels.length ? -maxOf(markupLevels.map((level) => -level)) - 1 : 1;
  const bodyOf = (from: number, to: number) => nestHeadings(blocksFromUnits(units.slice(from, to)), sectionLevel);

  const sections: PreviewSection[] = [];
  const introEnd = starts[0]?.index ?? units.length;
  if (introEnd > 0) sections.push({ intro: true, heading: '', content: docOf(bodyOf(0, introEnd)) });
  starts.forEach((start, i) => {
    const unit = units[start.index];
    const end = starts[i + 1]?.index ?? units.length;
    // A list item's nested lists (rare under a heading) open the section's text.
    const nested = unit.node.type === 'listItem' ? (unit.node.content ?? []).slice(1) : [];
    sections.push({
      intro: false,
      heading: cleanText(start.heading),
      content: docOf([...nested, ...bodyOf(start.index + 1, end)]),
      source: sourceBlock(unit),
    });
  });
  return sections;
}

/**
 * The title, when the draft marks one: Word's Title style or an HTML title; a level-1
 * heading that opens the draft and is its only one of that level (Markdown's "# Title"
 * over "## 1. ..."); otherwise a first line standing alone above the rest that names the
 * draft rather than says something (not a sentence, not numbered, not a list item).
 * It leaves the units.
 */
export function extractTitle(units: Unit[], options: { plainText?: boolean } = {}): { title: string | null; units: Unit[] } {
  // plainText: blank lines are meaningful (a text file, or a Word document laid out like one).
  const marked = units.findIndex((unit) => unit.title);
  if (marked >= 0) {
    const title = unitText(units[marked]);
    return { title: title.slice(0, MAX_HEADING_LENGTH) || null, units: units.filter((_, i) => i !== marked) };
  }
  const [first, ...rest] = units;
  if (!first || !rest.length) return { title: null, units };
  const text = unitText(first);
  if (!text || text.length > MAX_HEADING_LENGTH || NUMBERED_TEXT.test(text)) return { title: null, units };
  if (first.headingLevel === 1 && !rest.some((unit) => unit.headingLevel === 1)) return { title: text, units: rest };
  // A line standing alone above the draft, long enough to name it, not a sentence: plain in a
  // text file, or bold, or a Word paragraph of its own.
  const alone = rest[0].blankBefore || !options.plainText;
  if (!first.list && !first.headingLevel && !first.wrapped && text.length >= 20 && !/[.,;:]$/.test(text) && alone && rest.length >= 3) {
    return { title: text, units: rest };
  }
  return { title: null, units };
}
