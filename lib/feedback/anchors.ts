/**
 * Turning a submitted selector into the anchor Chorus stores, or a 400 naming the field.
 * The stored anchor is rebuilt from the current text (so its prefix and suffix are exact)
 * and remembers the version it was made on.
 */
import { describeRange, locateSelector, type TextAnchor } from '@/lib/anchoring/text-quote';
import { AppError } from '@/lib/errors';
import type { AnchorInput } from '@/lib/feedback/schemas';

export type StoredAnchor = TextAnchor & { versionId: string | null };

export function anchorInText(text: string, input: AnchorInput, versionId: string | null): StoredAnchor {
  const found = locateSelector(text, input);
  if (!found.ok) {
    const field = input.exact ? 'anchor.exact' : 'anchor.prefix';
    const message =
      found.reason === 'ambiguous'
        ? `These words occur ${found.count} times in the section: send "prefix" or "suffix" (the text just before or after them) or "start" to say which one you mean`
        : input.exact
          ? 'These words are not in the section (it may have changed): select them again'
          : 'The text around the insertion point (prefix, suffix) is not in the section';
    throw new AppError('bad_request', `Invalid input: ${field}: ${message}`, { fields: { [field]: message } });
  }
  return { ...describeRange(text, found.start, found.end), versionId };
}

/** The stored anchor as read back from the database (JSON), or null for the whole section. */
export function readStoredAnchor(value: unknown): StoredAnchor | null {
  if (!value || typeof value !== 'object') return null;
  const anchor = value as Partial<StoredAnchor>;
  if (typeof anchor.exact !== 'string') return null;
  return {
    exact: anchor.exact,
    prefix: anchor.prefix ?? '',
    suffix: anchor.suffix ?? '',
    start: anchor.start ?? 0,
    end: anchor.end ?? (anchor.start ?? 0) + anchor.exact.length,
    versionId: anchor.versionId ?? null,
  };
}
