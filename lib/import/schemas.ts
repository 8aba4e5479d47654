/** Inputs of an import, shared by the import page, the API and the command line. */
import { z } from 'zod';
import { MAX_HEADING_LENGTH } from '@/lib/import/preview';

const httpUrl = z
  .string()
  .trim()
  .max(2000, 'The link can be at most 2,000 characters')
  .refine((value) => !value || /^https?:\/\/[^\s]+$/i.test(value), 'The link must start with http:// or https://');

/** A date ("2026-12-31", the end of that day in UTC) or a full date and time. */
export const deadlineSchema = z
  .string()
  .trim()
  .refine((value) => !value || !Number.isNaN(Date.parse(value)), 'Give the deadline as a date, like 2026-12-31')
  .transform((value) => (value ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:00Z` : value) : null));

export const arrangeOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('merge'), index: z.number().int().min(0) }),
  z.object({ op: z.literal('split'), index: z.number().int().min(0), at: z.number().int().min(1) }),
  z.object({ op: z.literal('rename'), index: z.number().int().min(0), heading: z.string().max(MAX_HEADING_LENGTH, `A heading can be at most ${MAX_HEADING_LENGTH} characters`) }),
  z.object({ op: z.literal('promote'), index: z.number().int().min(0), at: z.number().int().min(0), item: z.number().int().min(0).optional() }),
  z.object({ op: z.literal('demote'), index: z.number().int().min(0) }),
  z.object({ op: z.literal('remove'), index: z.number().int().min(0), at: z.number().int().min(0), item: z.number().int().min(0).optional() }),
]);

export const importDetailsSchema = z.object({
  /** The response's title; defaults to the title found in the file, else the file's name. */
  title: z.string().trim().max(200, 'The title can be at most 200 characters').optional(),
  /** The consultation the response answers. */
  consultationName: z.string().trim().max(300, 'The consultation name can be at most 300 characters').optional(),
  /** The consultation's web page. */
  consultationUrl: httpUrl.optional(),
  /** When the consultation closes (may be set now or when opening for comment). */
  deadline: deadlineSchema.optional(),
  /** The coordinator's changes to the previewed sections (merge, split, rename, promote, demote, remove), in order. */
  ops: z.array(arrangeOpSchema).max(2000, 'Too many changes to the sections').default([]),
});

export type ImportDetails = z.input<typeof importDetailsSchema>;

/** An upload over the API: the file's name and its bytes in base64. */
export const importUploadSchema = z.object({
  fileName: z.string().trim().min(1, 'Give the file name').max(255, 'The file name is too long'),
  data: z.string().min(1, 'The file is empty').max(15_000_000, 'The file is larger than 10 MB'),
});
