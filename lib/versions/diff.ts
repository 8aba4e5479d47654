/**
 * Word-by-word comparison of two versions' plain text. Pure.
 *
 * The changes, read in order, spell both texts: equal + delete chunks give the older text,
 * equal + insert chunks the newer one (tested). Words are compared as words: a changed
 * word shows as the old word deleted and the new one inserted, never letter by letter.
 */
import { diffWordsWithSpace } from 'diff';

export type DiffOp = 'equal' | 'insert' | 'delete';
export type DiffChange = { op: DiffOp; text: string };

/** Comparing two very long, very different texts can take a while: give up after this and report a wholesale change. */
const DIFF_TIMEOUT_MS = 3000;

export function wordDiff(from: string, to: string): DiffChange[] {
  if (from === to) return from ? [{ op: 'equal', text: from }] : [];
  // diffWordsWithSpace keeps whitespace as tokens, so the chunks reproduce both texts exactly.
  const changes = diffWordsWithSpace(from, to, { timeout: DIFF_TIMEOUT_MS });
  if (!changes) return [...(from ? [{ op: 'delete' as const, text: from }] : []), ...(to ? [{ op: 'insert' as const, text: to }] : [])];
  const result: DiffChange[] = [];
  for (const change of changes) {
    if (!change.value) continue;
    const op: DiffOp = change.added ? 'insert' : change.removed ? 'delete' : 'equal';
    const last = result[result.length - 1];
    if (last?.op === op) last.text += change.value;
    else result.push({ op, text: change.value });
  }
  return result;
}

/** The text on one side of a diff: 'from' (equal + delete) or 'to' (equal + insert). */
export function sideOf(changes: DiffChange[], side: 'from' | 'to'): string {
  return changes.filter((change) => change.op === 'equal' || change.op === (side === 'from' ? 'delete' : 'insert')).map((change) => change.text).join('');
}
