/**
 * Inputs for the consultation's own form: its questions (typed one by one or pasted as a
 * list), their order, and which section or passage answers each. Shared by the forms on
 * the "Consultation form" page and the server, so both say the same about each field.
 * No server-only code here.
 */
import { z } from 'zod';

export const MAX_QUESTION_NUMBER_LENGTH = 20;
export const MAX_QUESTION_TEXT_LENGTH = 4_000;
export const MAX_WORD_LIMIT = 100_000;
export const MAX_PASTED_LIST_LENGTH = 100_000;
export const MAX_PASSAGE_LENGTH = 20_000;
export const MAX_QUESTIONS = 300;

/** The form's own numbering ("1", "1a", "3.2"); "Q3" and "Question 3" are stored as "3". */
export const questionNumberSchema = z
  .string({ error: 'Enter the question’s number, as the consultation numbers it' })
  .trim()
  .transform((value) => value.replace(/^(?:question|q)\s*\.?\s*/i, '').replace(/[.:)]+$/, '').trim())
  .pipe(
    z
      .string()
      .min(1, 'Enter the question’s number, as the consultation numbers it')
      .max(MAX_QUESTION_NUMBER_LENGTH, `The number can be at most ${MAX_QUESTION_NUMBER_LENGTH} characters`),
  );

export const questionTextSchema = z
  .string({ error: 'Enter the question' })
  .trim()
  .min(1, 'Enter the question')
  .max(MAX_QUESTION_TEXT_LENGTH, `The question can be at most ${MAX_QUESTION_TEXT_LENGTH.toLocaleString('en-GB')} characters`);

/**
 * A word limit: a whole number of words, or nothing (`null`, `""` from an empty form
 * field) when the form sets none. Form fields send text, so "250" is read as 250.
 */
export const wordLimitSchema = z
  .union([z.number(), z.string(), z.null()], { error: 'The word limit must be a whole number of words, like 250' })
  .optional()
  .transform((value, context) => {
    if (value === undefined || value === null) return null;
    const text = typeof value === 'number' ? String(value) : value.trim().replace(/,/g, '').replace(/\s*words?$/i, '');
    if (text === '') return null;
    if (!/^\d+$/.test(text)) {
      context.addIssue({ code: 'custom', message: 'The word limit must be a whole number of words, like 250' });
      return z.NEVER;
    }
    const limit = Number(text);
    if (limit < 1 || limit > MAX_WORD_LIMIT) {
      context.addIssue({ code: 'custom', message: `The word limit must be between 1 and ${MAX_WORD_LIMIT.toLocaleString('en-GB')} words` });
      return z.NEVER;
    }
    return limit;
  });

/** One question. */
export const questionSchema = z.object({
  /** As the form numbers it: "1", "1a", "Q3" (stored as "3"). */
  number: questionNumberSchema,
  /** The question's words. */
  text: questionTextSchema,
  /** The form's word limit for the answer; absent, null or "" when there is none. */
  wordLimit: wordLimitSchema,
});
export type QuestionInput = z.infer<typeof questionSchema>;

/** Changing a question: fields not sent keep their values. */
export const questionUpdateSchema = z
  .object({
    number: questionNumberSchema.optional(),
    text: questionTextSchema.optional(),
    /** null or "" removes the limit. */
    wordLimit: wordLimitSchema,
  })
  .refine((value) => value.number !== undefined || value.text !== undefined || value.wordLimit !== undefined, { error: 'Send at least one of number, text and wordLimit' });

/** A pasted list of questions, one per numbered line ("1. Do you agree…? (250 words)"). */
export const questionListSchema = z.object({
  list: z
    .string({ error: 'Paste the consultation’s questions' })
    .max(MAX_PASTED_LIST_LENGTH, `The list can be at most ${MAX_PASTED_LIST_LENGTH.toLocaleString('en-GB')} characters`)
    .refine((value) => value.trim().length > 0, 'Paste the consultation’s questions'),
});

/** The new order: every question of the form (not removed), first to last. */
export const reorderSchema = z.object({
  questionIds: z
    .array(z.string({ error: 'Each question id must be text' }).min(1), { error: 'Send questionIds: the ids of every question, in the new order' })
    .min(1, 'Send questionIds: the ids of every question, in the new order')
    .max(MAX_QUESTIONS, `A form has at most ${MAX_QUESTIONS} questions`),
});

/** A passage: the quoted words (a string), or a TextQuoteSelector saying which occurrence. */
const passageSchema = z.union(
  [
    z.string().trim().max(MAX_PASSAGE_LENGTH, 'The passage is too long: map the whole section instead'),
    z.object({
      exact: z.string({ error: 'Quote the passage’s words (exact)' }).trim().max(MAX_PASSAGE_LENGTH, 'The passage is too long: map the whole section instead'),
      prefix: z.string().max(200, 'prefix is at most 200 characters').optional(),
      suffix: z.string().max(200, 'suffix is at most 200 characters').optional(),
      start: z.number().int().min(0).optional(),
    }),
    z.null(),
  ],
  { error: 'The passage must be the quoted words of the section, or left out for the whole section' },
);

/** Mapping a section, or a passage of it, to a question. */
export const mappingSchema = z.object({
  /** The section that answers the question. */
  sectionId: z.string({ error: 'Choose the section that answers this question' }).trim().min(1, 'Choose the section that answers this question'),
  /** Words of the section's text; absent, null or "" for the whole section. */
  passage: passageSchema.optional().transform((value) => {
    if (value === undefined || value === null) return null;
    const selector = typeof value === 'string' ? { exact: value } : value;
    return selector.exact ? selector : null;
  }),
});
export type MappingInput = z.infer<typeof mappingSchema>;

/** The form export: txt (ready to paste), md or docx. */
export const formExportSchema = z.object({
  format: z.enum(['txt', 'md', 'docx'], { error: 'format must be txt, md or docx' }),
});
