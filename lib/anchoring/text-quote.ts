/**
 * Anchoring feedback to passages of a section's plain text (textFromDoc: blocks joined by
 * a blank line).
 *
 * An anchor is a W3C Web Annotation TextQuoteSelector — the quoted words (`exact`) with
 * up to 32 characters of context either side (`prefix`, `suffix`), as Hypothesis stores
 * them — plus the offsets (`start`, `end`) where the words were when the anchor was made.
 * The offsets make the common case fast; the quote and its context make the anchor
 * survive edits:
 *
 * - text changed elsewhere: the same words are found again (the occurrence whose context
 *   matches best, so words that occur more than once keep pointing at the right one);
 * - the words themselves were edited: the closest approximate match, supported by the
 *   surrounding context, is taken and the anchor is reported as `changed`;
 * - the words are gone: the anchor is `detached` and shown with the quote it was made on.
 *
 * An empty `exact` marks a point (a suggestion to insert text) located by its context.
 * Pure functions, used on the server and in the browser (against the live text).
 */
import { closestSubstring, dissimilarity } from '@/lib/anchoring/approximate';

export const CONTEXT_LENGTH = 32;

export type TextQuoteSelector = { exact: string; prefix: string; suffix: string };
export type TextAnchor = TextQuoteSelector & { start: number; end: number };

/** anchored: the quoted words are there; changed: closest match to edited words; detached: gone. */
export type AnchorStatus = 'anchored' | 'changed' | 'detached';
export type ResolvedAnchor =
  | { status: 'anchored' | 'changed'; start: number; end: number }
  | { status: 'detached'; start: null; end: null };

const DETACHED: ResolvedAnchor = { status: 'detached', start: null, end: null };
const MAX_OCCURRENCES = 2000;

/** The anchor for `text[start, end)`. */
export function describeRange(text: string, start: number, end: number): TextAnchor {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, end + CONTEXT_LENGTH),
    start,
    end,
  };
}

function occurrencesOf(text: string, needle: string, limit = MAX_OCCURRENCES): number[] {
  const found: number[] = [];
  if (!needle) return found;
  for (let at = text.indexOf(needle); at !== -1 && found.length < limit; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * How much of the context (0..1 each side) surrounds `text[start, end)`. An empty stored
 * prefix means the passage began the text (likewise the suffix); an omitted one (`known`
 * false, for submitted selectors) says nothing.
 */
function contextMatch(text: string, start: number, end: number, selector: TextQuoteSelector, known = { prefix: true, suffix: true }): { before: number; after: number } {
  const before = selector.prefix
    ? commonSuffixLength(selector.prefix, text.slice(Math.max(0, start - selector.prefix.length), start)) / selector.prefix.length
    : known.prefix && start === 0 ? 1 : 0;
  const after = selector.suffix
    ? commonPrefixLength(selector.suffix, text.slice(end, end + selector.suffix.length)) / selector.suffix.length
    : known.suffix && end === text.length ? 1 : 0;
  return { before, after };
}

function nearest(positions: number[], target: number, count: number): number[] {
  return [...positions].sort((a, b) => Math.abs(a - target) - Math.abs(b - target)).slice(0, count);
}

/**
 * Among exact occurrences, the one whose context matches best, then the nearest to `hint`.
 * `decisive` is false when the context does not tell the best one from another.
 */
function bestOccurrence(text: string, selector: TextQuoteSelector, occurrences: number[], hint: number, known?: { prefix: boolean; suffix: boolean }) {
  let best = { at: occurrences[0], context: -1 };
  let runnerUp = -1;
  for (const at of occurrences) {
    const { before, after } = contextMatch(text, at, at + selector.exact.length, selector, known);
    const context = before + after;
    if (context > best.context || (context === best.context && Math.abs(at - hint) < Math.abs(best.at - hint))) {
      runnerUp = Math.max(runnerUp, best.context);
      best = { at, context };
    } else runnerUp = Math.max(runnerUp, context);
  }
  return { at: best.at, decisive: best.context > runnerUp };
}

export type LocateResult =
  | { ok: true; start: number; end: number }
  | { ok: false; reason: 'missing' | 'ambiguous'; count: number };

/**
 * Where a newly submitted selector points in the current text. Offsets win when they hold
 * the quoted words; otherwise the words are looked up, and when they occur more than
 * once the context (or the offset hint) must say which occurrence is meant.
 */
export function locateSelector(
  text: string,
  selector: { exact: string; prefix?: string; suffix?: string; start?: number; end?: number },
): LocateResult {
  const exact = selector.exact;
  const prefix = selector.prefix ?? '';
  const suffix = selector.suffix ?? '';
  if (selector.start !== undefined && selector.start >= 0 && selector.start <= text.length) {
    const start = selector.start;
    if (text.slice(start, start + exact.length) === exact && (selector.end === undefined || selector.end === start + exact.length)) {
      return { ok: true, start, end: start + exact.length };
    }
  }
  if (!exact) {
    // A point: found by its context alone.
    if (!prefix && !suffix) return { ok: false, reason: 'missing', count: 0 };
    const joined = occurrencesOf(text, prefix + suffix);
    if (joined.length === 1 || (joined.length > 1 && selector.start !== undefined)) {
      const at = nearest(joined, (selector.start ?? 0) - prefix.length, 1)[0] + prefix.length;
      return { ok: true, start: at, end: at };
    }
    return joined.length ? { ok: false, reason: 'ambiguous', count: joined.length } : { ok: false, reason: 'missing', count: 0 };
  }
  const occurrences = occurrencesOf(text, exact);
  if (!occurrences.length) return { ok: false, reason: 'missing', count: 0 };
  if (occurrences.length === 1) return { ok: true, start: occurrences[0], end: occurrences[0] + exact.length };
  const hint = selector.start ?? -1;
  const known = { prefix: selector.prefix !== undefined, suffix: selector.suffix !== undefined };
  const best = bestOccurrence(text, { exact, prefix, suffix }, occurrences, hint, known);
  if (best.decisive || selector.start !== undefined) {
    return { ok: true, start: best.at, end: best.at + exact.length };
  }
  return { ok: false, reason: 'ambiguous', count: occurrences.length };
}

/**
 * Where `anchor` points in `text` now. See the module comment for the three outcomes.
 * A quotation found more than once with no context to tell the occurrences apart is
 * reported as `changed`: it cannot be trusted to mark the same words.
 */
export function resolveAnchor(text: string, anchor: TextAnchor): ResolvedAnchor {
  if (!anchor.exact) return resolvePoint(text, anchor);
  const { exact, start } = anchor;
  if (text.slice(start, start + exact.length) === exact) {
    const { before, after } = contextMatch(text, start, start + exact.length, anchor);
    if (before === 1 && after === 1) return { status: 'anchored', start, end: start + exact.length };
  }
  const occurrences = occurrencesOf(text, exact);
  if (occurrences.length === 1) return { status: 'anchored', start: occurrences[0], end: occurrences[0] + exact.length };
  if (occurrences.length > 1) {
    const best = bestOccurrence(text, anchor, occurrences, start);
    return { status: best.decisive ? 'anchored' : 'changed', start: best.at, end: best.at + exact.length };
  }
  return resolveEditedQuote(text, anchor);
}

/** The passage closest to the quoted words, or detached when nothing is close enough. */
function resolveEditedQuote(text: string, anchor: TextAnchor): ResolvedAnchor {
  const { exact, prefix, suffix } = anchor;
  const length = exact.length;
  const slack = Math.ceil(length / 2) + 16;
  const windows: { from: number; to: number; expectedEnd?: number; region?: boolean }[] = [];
  const expected = Math.min(anchor.start, text.length);

  // 1. The surrounding context survived: the passage lies between prefix and suffix.
  const contextOccurrences = (needle: string, tail: boolean) => {
    if (!needle) return [];
    let found = occurrencesOf(text, needle, 200);
    if (!found.length && needle.length > 12) {
      const shorter = tail ? needle.slice(-12) : needle.slice(0, 12);
      found = occurrencesOf(text, shorter, 200).map((at) => (tail ? at - (needle.length - 12) : at));
    }
    return nearest(found, expected, 5);
  };
  const prefixEnds = contextOccurrences(prefix, true).map((at) => at + prefix.length);
  const suffixStarts = contextOccurrences(suffix, false);
  for (const from of prefixEnds) {
    const to = suffixStarts.filter((s) => s >= from && s - from <= length + 2 * slack).sort((a, b) => a - b)[0];
    if (to !== undefined) windows.push({ from, to, region: true });
    else windows.push({ from, to: from + length + slack, expectedEnd: from + length });
  }
  for (const to of suffixStarts) windows.push({ from: to - length - slack, to, expectedEnd: to });

  // 2. Some of the words survived: any piece found exactly suggests where the rest is.
  const pieces = length >= 32 ? 4 : length >= 12 ? 2 : 0;
  for (let i = 0; i < pieces; i++) {
    const pieceStart = Math.floor((i * length) / pieces);
    const piece = exact.slice(pieceStart, Math.floor(((i + 1) * length) / pieces));
    for (const at of nearest(occurrencesOf(text, piece, 200), expected + pieceStart, 3)) {
      const from = at - pieceStart;
      windows.push({ from: from - slack, to: from + length + slack, expectedEnd: from + length });
    }
  }

  let best: { start: number; end: number; score: number; similarity: number; context: number } | null = null;
  const seen = new Set<string>();
  for (const window of windows.slice(0, 24)) {
    const key = `${window.from}:${window.to}:${window.region ? 1 : 0}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let start: number;
    let end: number;
    if (window.region) {
      start = window.from;
      end = window.to;
    } else {
      const match = closestSubstring(text, exact, window.from, window.to, window.expectedEnd);
      if (!match) continue;
      ({ start, end } = match);
    }
    if (end <= start) continue;
    const similarity = 1 - dissimilarity(exact, text.slice(start, end));
    const { before, after } = contextMatch(text, start, end, anchor);
    const proximity = 1 - Math.min(1, Math.abs(start - expected) / Math.max(1, text.length));
    const score = similarity * 50 + before * 20 + after * 20 + proximity * 2;
    if (!best || score > best.score) best = { start, end, score, similarity, context: Math.max(before, after) };
  }
  if (!best) return DETACHED;
  const needed = best.context >= 0.5 ? 0.5 : 0.75;
  return best.similarity >= needed ? { status: 'changed', start: best.start, end: best.end } : DETACHED;
}

/** A point (empty quote) located by the text around it. */
function resolvePoint(text: string, anchor: TextAnchor): ResolvedAnchor {
  const { prefix, suffix, start } = anchor;
  if (start <= text.length) {
    const { before, after } = contextMatch(text, start, start, anchor);
    if (before === 1 && after === 1) return { status: 'anchored', start, end: start };
  }
  if (prefix || suffix) {
    const joined = occurrencesOf(text, prefix + suffix);
    if (joined.length) {
      const at = nearest(joined, start - prefix.length, 1)[0] + prefix.length;
      return { status: 'anchored', start: at, end: at };
    }
  }
  const byPrefix = prefix ? occurrencesOf(text, prefix).map((at) => at + prefix.length) : [];
  const bySuffix = suffix ? occurrencesOf(text, suffix) : [];
  const candidates = byPrefix.length ? byPrefix : bySuffix;
  if (!candidates.length) return DETACHED;
  const at = nearest(candidates, start, 1)[0];
  return { status: 'changed', start: at, end: at };
}
