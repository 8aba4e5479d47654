/** Suggestion inputs, shared by the section page's forms and the /api/v1 suggestion routes. */
import { z } from 'zod';
import { anchorSchema, clientKeySchema, MAX_BODY_LENGTH, MAX_REASON_LENGTH } from '@/lib/feedback/schemas';

const optionalReason = z
  .string({ error: 'reason must be text' })
  .trim()
  .max(MAX_REASON_LENGTH, `A reason can be at most ${MAX_REASON_LENGTH.toLocaleString('en-GB')} characters`)
  .optional()
  .transform((value) => value || undefined);

export const createSuggestionSchema = z
  .object({
    /** The words to replace (TextQuoteSelector); `exact` "" with prefix/suffix or start marks a point to insert at. */
    anchor: anchorSchema({ allowEmptyExact: true }),
    /** The new words; "" deletes the quoted words. Stays within the paragraph (no line breaks). */
    replacement: z
      .string({ error: 'Write the new words (replacement); leave it empty to delete the words' })
      .max(MAX_BODY_LENGTH, `The new words can be at most ${MAX_BODY_LENGTH.toLocaleString('en-GB')} characters`)
      .refine((value) => !/[\r\n]/.test(value), 'The new words must stay within one paragraph: no line breaks'),
    /** Why the change would help (optional). */
    reason: optionalReason,
    /** Idempotency key: resending with the same key returns the first suggestion instead of a duplicate. */
    clientKey: clientKeySchema,
  })
  .superRefine((input, ctx) => {
    if (!input.anchor.exact && !input.replacement.trim()) {
      ctx.addIssue({ code: 'custom', path: ['replacement'], message: 'Write the text to insert' });
    } else if (input.anchor.exact && input.replacement === input.anchor.exact) {
      ctx.addIssue({ code: 'custom', path: ['replacement'], message: 'The new words are the same as the current ones' });
    }
  });

export const acceptSuggestionSchema = z.object({
  /** Accept although the passage changed since the suggestion was made: replaces the words now at the closest match. */
  overrideOutdated: z.boolean({ error: 'overrideOutdated must be true or false' }).optional(),
});

export const declineSuggestionSchema = z.object({
  /** Why it is declined; the proposer sees this. */
  reason: z
    .string({ error: 'Say why the suggestion is declined (reason)' })
    .trim()
    .min(1, 'Say why the suggestion is declined: its author will see the reason')
    .max(MAX_REASON_LENGTH, `A reason can be at most ${MAX_REASON_LENGTH.toLocaleString('en-GB')} characters`),
});

export type CreateSuggestionInput = z.infer<typeof createSuggestionSchema>;
