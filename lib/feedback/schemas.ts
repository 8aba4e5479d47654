/** Input pieces shared by comment and suggestion forms and API bodies. */
import { z } from 'zod';

export const MAX_BODY_LENGTH = 10_000;
export const MAX_REASON_LENGTH = 2_000;

/** A client-chosen key (e.g. a UUID per form) so a resent request does not create a duplicate. */
export const clientKeySchema = z
  .string({ error: 'clientKey must be a string' })
  .trim()
  .min(1, 'clientKey must not be empty')
  .max(100, 'clientKey is at most 100 characters')
  .optional();

const offset = z.number({ error: 'Must be a number' }).int('Must be a whole number').min(0, 'Must not be negative');

/** A W3C TextQuoteSelector: the quoted words, the text just before and after them, optionally their offsets. */
export function anchorSchema(options: { allowEmptyExact: boolean }) {
  return z.object({
    /** The quoted words, exactly as they appear in the section's plain text. */
    exact: options.allowEmptyExact
      ? z.string({ error: 'Quote the words (exact)' }).max(MAX_BODY_LENGTH, 'The quoted passage is too long')
      : z.string({ error: 'Quote the words the comment is about (exact)' }).min(1, 'Select the words the comment is about').max(MAX_BODY_LENGTH, 'The quoted passage is too long'),
    /** Up to 32 characters just before the words: says which occurrence of repeated words is meant. */
    prefix: z.string({ error: 'prefix must be text' }).max(200, 'prefix is at most 200 characters').optional(),
    /** Up to 32 characters just after the words. */
    suffix: z.string({ error: 'suffix must be text' }).max(200, 'suffix is at most 200 characters').optional(),
    /** Offset of the first character in the section's plain text. */
    start: offset.optional(),
    /** Offset just after the last character. */
    end: offset.optional(),
  }, { error: 'anchor must be an object with the quoted words in "exact"' });
}

export type AnchorInput = z.infer<ReturnType<typeof anchorSchema>>;

/**
 * Where the first screen of a section's margin ended (lib/feedback/reading-order.ts): the
 * rest comes after it. Read from an address's query (?position=&createdAt=&id=), so the
 * position may come as text.
 */
export const readingKeySchema = z.object(
  {
    position: z.coerce.number({ error: 'position must be a number' }).int('position must be a whole number').min(-1, 'position must be -1 or more'),
    createdAt: z.string({ error: 'createdAt must be text' }).max(40, 'createdAt is at most 40 characters'),
    id: z.string({ error: 'id must be text' }).min(1, 'id must not be empty').max(100, 'id is at most 100 characters'),
  },
  { error: 'after must be an object with position, createdAt and id' },
);
