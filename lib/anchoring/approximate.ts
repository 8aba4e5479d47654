/**
 * Approximate substring search (Sellers' algorithm): the part of a text that is closest,
 * by edit distance, to a pattern. Used to re-anchor a quotation whose words were edited.
 * Pure; runs on the server and in the browser.
 */

/** Splits `text` into units (characters, or words and the spaces between them) with their offsets. */
function unitsOf(text: string, byWord: boolean): { units: string[]; offsets: number[] } {
  if (!byWord) return { units: Array.from(text, (char) => char), offsets: Array.from(text, (_, i) => i) };
  const units: string[] = [];
  const offsets: number[] = [];
  const pattern = /\s+|[^\s]+/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    units.push(match[0]);
    offsets.push(match.index);
  }
  return { units, offsets };
}

/** Above this pattern length the search compares words instead of characters, to stay fast. */
const WORD_MODE_LENGTH = 300;

export type ApproximateMatch = { start: number; end: number; distance: number; length: number };

/**
 * Finds the substring of `text[from, to)` with the smallest edit distance to `pattern`.
 * `distance` and `length` are in the units compared (characters, or words for long
 * patterns), so `distance / length` is comparable across both. Among equally good
 * matches, the one ending nearest to `expectedEnd` wins.
 */
export function closestSubstring(text: string, pattern: string, from = 0, to = text.length, expectedEnd?: number): ApproximateMatch | null {
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  if (!pattern || to <= from) return null;
  const byWord = pattern.length > WORD_MODE_LENGTH;
  const p = unitsOf(pattern, byWord).units;
  const window = text.slice(from, to);
  const { units: t, offsets } = unitsOf(window, byWord);
  const m = p.length;
  const n = t.length;
  // previous/current rows of distances, and the window unit where each best path started
  let prevDistance = new Int32Array(n + 1);
  let prevStart = new Int32Array(n + 1);
  let distance = new Int32Array(n + 1);
  let start = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) prevStart[j] = j; // free start anywhere in the window
  for (let i = 1; i <= m; i++) {
    distance[0] = i;
    start[0] = 0;
    const unit = p[i - 1];
    for (let j = 1; j <= n; j++) {
      const substitute = prevDistance[j - 1] + (t[j - 1] === unit ? 0 : 1);
      const remove = prevDistance[j] + 1;
      const insert = distance[j - 1] + 1;
      if (substitute <= remove && substitute <= insert) {
        distance[j] = substitute;
        start[j] = prevStart[j - 1];
      } else if (remove <= insert) {
        distance[j] = remove;
        start[j] = prevStart[j];
      } else {
        distance[j] = insert;
        start[j] = start[j - 1];
      }
    }
    [prevDistance, distance] = [distance, prevDistance];
    [prevStart, start] = [start, prevStart];
  }
  const offsetOf = (unitIndex: number) => from + (unitIndex < n ? offsets[unitIndex] : window.length);
  let best = -1;
  for (let j = 1; j <= n; j++) {
    if (best < 0 || prevDistance[j] < prevDistance[best]) best = j;
    else if (prevDistance[j] === prevDistance[best] && expectedEnd !== undefined) {
      if (Math.abs(offsetOf(j) - expectedEnd) < Math.abs(offsetOf(best) - expectedEnd)) best = j;
    }
  }
  if (best < 0) return null;
  return { start: offsetOf(prevStart[best]), end: offsetOf(best), distance: prevDistance[best], length: m };
}

/** Edit distance between two strings relative to the longer one's length: 0 identical, 1 nothing alike. */
export function dissimilarity(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length || !b.length) return 1;
  const byWord = Math.max(a.length, b.length) > WORD_MODE_LENGTH;
  const x = unitsOf(a, byWord).units;
  const y = unitsOf(b, byWord).units;
  let prev = new Int32Array(y.length + 1).map((_, j) => j);
  let row = new Int32Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    row[0] = i;
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    [prev, row] = [row, prev];
  }
  return prev[y.length] / Math.max(x.length, y.length);
}
