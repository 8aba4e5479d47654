/** Inputs of the merge workspace, shared by its forms and the API. */
import { z } from 'zod';

export const MAX_REPLY_LENGTH = 2000;

export const feedbackRefSchema = z.object({
  /** What kind of feedback. */
  type: z.enum(['comment', 'suggestion', 'caseStudy'], { error: 'type must be comment, suggestion or caseStudy' }),
  /** Its id (a comment thread's first comment). */
  id: z.string().trim().min(1, 'Give the id').max(100),
  /** For a case study linked to several sections: the section it is handled in. */
  sectionId: z.string().trim().max(100).optional(),
});

export const disposeSchema = z.object({
  /** The feedback to handle: one, or many at once (bulk). */
  items: z.array(feedbackRefSchema).min(1, 'Choose at least one piece of feedback').max(500, 'At most 500 at once'),
  /** How it was handled. */
  kind: z.enum(['INCORPORATED', 'PARTLY_INCORPORATED', 'NOTED', 'NOT_TAKEN_FORWARD'], { error: 'Choose how it was handled' }),
  /** A short reply the contributor sees. */
  reply: z
    .string()
    .trim()
    .max(MAX_REPLY_LENGTH, `The reply can be at most ${MAX_REPLY_LENGTH.toLocaleString('en-GB')} characters`)
    .optional()
    .transform((value) => value || null),
  /** For incorporated feedback: the section version that incorporated it (default: the current one). */
  versionId: z.string().trim().max(100).optional().transform((value) => value || null),
});

export type DisposeInput = z.input<typeof disposeSchema>;
