/**
 * A version stored as the change from the version before it. Pure: no I/O.
 *
 * Two strings change from one version to the next: the editor content serialised as
 * canonical JSON (canonicalJson) and the plain text. Each change is a list of edits, so a
 * version typed a few hundred keystrokes after the previous one costs a few hundred bytes
 * instead of two copies of the whole section. lib/versions/storage.ts decides when a
 * version is kept in full and rebuilds any version from the nearest full copy.
 */
import { diffArrays, diffWordsWithSpace } from 'diff';

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
 * The edits that turn `from` into `to`, in three steps, each on less than the one before:
 * 1. the common start and end are trimmed (typing in one place is a single edit, found in
 *    linear time);
 * 2. what lies between is cut into chunks — lines of the text, nodes of the content JSON —
 *    and compared chunk by chunk, so only the paragraphs that changed go further;
 * 3. each stretch of changed chunks is compared word by word (whitespace and punctuation
 *    count as words), so edits in several places stay as small as the words typed.
 * The work is bounded by the size of the changed paragraphs rather than of the section, so
 * the result does not depend on how busy the machine is; the word comparison still gives
 * up (one edit for the stretch) past MAX_EDIT_LENGTH words or DIFF_TIMEOUT_MS, which only
 * rewritten paragraphs reach. Never splits a surrogate pair, so every inserted string is
 * valid Unicode that PostgreSQL can store.
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
  const patch: StringPatch = [];
  if (!removed || !inserted) {
    push(patch, from, start, removed.length, inserted);
    return patch;
  }
  const runs = diffArrays(removed.split(CHUNK_END), inserted.split(CHUNK_END), { maxEditLength: MAX_CHUNK_EDITS });
  if (!runs) {
    push(patch, from, start, removed.length, inserted);
    return patch;
  }
  // Consecutive removed and added chunks form one changed stretch, compared word by word.
  let at = start;
  let stretchAt = start;
  let stretchOld = '';
  let stretchNew = '';
  const flush = () => {
    if (stretchOld || stretchNew) diffWords(patch, from, stretchAt, stretchOld, stretchNew);
    stretchOld = stretchNew = '';
  };
  for (const run of runs) {
    const text = run.value.join('');
    if (run.added) stretchNew += text;
    else if (run.removed) {
      stretchOld += text;
      at += text.length;
    } else {
      flush();
      at += text.length;
      stretchAt = at;
    }
  }
  flush();
  return patch;
}

/** Chunk boundaries: after a line break (the text's paragraphs) and between objects in a JSON array (the content's nodes). Never inside a surrogate pair. */
const CHUNK_END = /(?<=\n|\},)/;
/** The chunk comparison gives up beyond this many changed chunks (then: one edit spanning them). */
const MAX_CHUNK_EDITS = 2_000;

/** Adds the word-level edits turning `before` (at `at` in `from`) into `after`. */
function diffWords(patch: StringPatch, from: string, at: number, before: string, after: string) {
  const changes = before && after ? diffWordsWithSpace(before, after, { maxEditLength: MAX_EDIT_LENGTH, timeout: DIFF_TIMEOUT_MS }) : undefined;
  if (!changes) {
    push(patch, from, at, before.length, after);
    return;
  }
  for (const change of changes) {
    const length = change.value.length;
    if (change.added) push(patch, from, at, 0, change.value);
    else if (change.removed) push(patch, from, at, length, '');
    if (!change.added) at += length;
  }
}

/** Appends an edit, folding it into the previous one when the unchanged stretch between them is shorter than an edit's own bookkeeping. */
function push(patch: StringPatch, from: string, at: number, removed: number, inserted: string) {
  if (!removed && !inserted) return;
  const last = patch[patch.length - 1];
  const gap = last ? at - (last[0] + last[1]) : Infinity;
  if (last && gap <= MERGE_GAP) {
    last[2] += from.slice(last[0] + last[1], at) + inserted;
    last[1] += gap + removed;
  } else {
    patch.push([at, removed, inserted]);
  }
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
