/**
 * A version stored as the change from the version before it. Pure: no I/O.
 *
 * Two strings change from one version to the next: the editor content serialised as
 * canonical JSON (canonicalJson) and the plain text. Each change is a list of edits, so a
 * version typed a few hundred keystrokes after the previous one costs a few hundred bytes
 * instead of two copies of the whole section. lib/versions/storage.ts decides when a
 * version is kept in full and rebuilds any version from the nearest full copy.
 */
import { diffWordsWithSpace } from 'diff';

/**
 * One edit of a string: at offset `at` of the old string (UTF-16 code units), remove
 * `removed` characters and put `inserted` in their place.
 */
export type StringEdit = [at: number, removed: number, inserted: string];
/** Edits in ascending order of `at`, not overlapping; applied all at once to the old string. */
export type StringPatch = StringEdit[];

/** How to get a version's content and text from those of its base version. */
export type VersionDelta = { content: StringPatch; text: StringPatch };

/** A version's body with its content serialised canonically: what deltas apply to. */
export type SerialBody = { contentJson: string; text: string };

/** Finding the smallest edits gives up beyond this many changed words (then: one edit spanning them)... */
const MAX_EDIT_LENGTH = 2_000;
/** ...or after this long, so a commit (a restore of a very different text) never waits long on comparing unrelated texts. */
const DIFF_TIMEOUT_MS = 25;
/** Edits this close together are stored as one: an edit's own bookkeeping costs about this much. */
const MERGE_GAP = 12;

/**
 * JSON with object keys in the order PostgreSQL's jsonb keeps them (shorter keys first,
 * then by their UTF-8 bytes), so the same content always serialises to the same string,
 * whether it was just built in memory or read back from a jsonb column, and content
 * rebuilt from a delta parses with the key order a full copy read from jsonb has.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined || typeof item === 'function' ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined && typeof item !== 'function');
  entries.sort(([a], [b]) => compareJsonbKeys(a, b));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

function compareJsonbKeys(a: string, b: string): number {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length - y.length || Buffer.compare(x, y);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The edits that turn `from` into `to`. Common start and end are trimmed first (typing in
 * one place is then a single edit, found in linear time); what lies between is compared
 * word by word (whitespace and punctuation count as words), so edits in several places
 * stay small: words rather than characters because that is several times faster on long
 * sections for deltas only slightly larger. Never splits a surrogate pair, so every
 * inserted string is valid Unicode that PostgreSQL can store.
 */
export function diffStrings(from: string, to: string): StringPatch {
  if (from === to) return [];
  const shorter = Math.min(from.length, to.length);
  let start = 0;
  while (start < shorter && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(from.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < shorter - start && from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)) end++;
  if (end > 0 && isLowSurrogate(from.charCodeAt(from.length - end))) end--;
  const removed = from.slice(start, from.length - end);
  const inserted = to.slice(start, to.length - end);
  if (!removed || !inserted) return [[start, removed.length, inserted]];

  const changes = diffWordsWithSpace(removed, inserted, { maxEditLength: MAX_EDIT_LENGTH, timeout: DIFF_TIMEOUT_MS });
  if (!changes) return [[start, removed.length, inserted]];
  const patch: StringPatch = [];
  let at = start;
  for (const change of changes) {
    const length = change.value.length;
    if (!change.added && !change.removed) {
      at += length;
      continue;
    }
    const last = patch[patch.length - 1];
    const gap = last ? at - (last[0] + last[1]) : Infinity;
    if (last && gap <= MERGE_GAP) {
      // Fold the short unchanged stretch in between into the previous edit.
      const between = from.slice(last[0] + last[1], at);
      last[1] += gap + (change.removed ? length : 0);
      last[2] += between + (change.added ? change.value : '');
    } else {
      patch.push([at, change.removed ? length : 0, change.added ? change.value : '']);
    }
    if (change.removed) at += length;
  }
  return patch;
}

/** Applies `patch` (from diffStrings) to `from`. Throws if the patch does not fit the string: the base is not the one it was made for. */
export function patchString(from: string, patch: StringPatch): string {
  let result = '';
  let position = 0;
  for (const [at, removed, inserted] of patch) {
    if (!Number.isInteger(at) || !Number.isInteger(removed) || at < position || removed < 0 || at + removed > from.length || typeof inserted !== 'string') {
      throw new Error(`A stored version delta does not fit its base (edit at ${at} removing ${removed} of ${from.length} characters)`);
    }
    result += from.slice(position, at) + inserted;
    position = at + removed;
  }
  return result + from.slice(position);
}

/** `base` changed by `delta`. */
export function applyVersionDelta(base: SerialBody, delta: VersionDelta): SerialBody {
  return { contentJson: patchString(base.contentJson, delta.content), text: patchString(base.text, delta.text) };
}

/** Roughly what a patch occupies once stored (its JSON). */
export function patchSize(patch: StringPatch): number {
  return JSON.stringify(patch).length;
}
