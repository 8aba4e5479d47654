/** Comment inputs, shared by the section page's forms and the /api/v1 comment routes. */
import { z } from 'zod';
import { anchorSchema, clientKeySchema, MAX_BODY_LENGTH } from '@/lib/feedback/schemas';

/** Plain text, line breaks kept; surrounding blank space is dropped. */
export const commentBodySchema = z
  .string({ error: 'Write the comment (body)' })
  .trim()
  .min(1, 'Write something: the comment is empty')
  .max(MAX_BODY_LENGTH, `A comment can be at most ${MAX_BODY_LENGTH.toLocaleString('en-GB')} characters`);

export const createCommentSchema = z.object({
  /** The comment, as plain text. */
  body: commentBodySchema,
  /** The passage it is about (W3C TextQuoteSelector); omit or null for the whole section. Replies have none. */
  anchor: anchorSchema({ allowEmptyExact: false }).nullable().optional(),
  /** The comment this replies to: the reply joins that comment's thread. */
  parentId: z.string({ error: 'parentId must be a comment id' }).min(1, 'parentId must be a comment id').max(100, 'Not a comment id').optional(),
  /** Idempotency key: resending with the same key returns the first comment instead of a duplicate. */
  clientKey: clientKeySchema,
});

const statusSchema = z.preprocess(
  (value) => (typeof value === 'string' ? value.toUpperCase() : value),
  z.enum(['OPEN', 'RESOLVED'], { error: 'status must be "open" or "resolved"' }),
);

export const updateCommentSchema = z
  .object({
    /** New text; the earlier text is kept and the comment is marked as edited. */
    body: commentBodySchema.optional(),
    /** Resolve or reopen the thread. */
    status: statusSchema.optional(),
  })
  .refine((input) => input.body !== undefined || input.status !== undefined, { message: 'Send a new "body" or a "status"', path: ['body'] });

export type CreateCommentInput = z.infer<typeof createCommentSchema>;
