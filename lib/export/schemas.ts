/** Export requests (the API's query string, the export page, the command line). */
import { z } from 'zod';

const flag = z
  .union([z.boolean(), z.enum(['1', '0', 'true', 'false', 'yes', 'no', ''])])
  .optional()
  .transform((value) => value === true || value === '1' || value === 'true' || value === 'yes');

export const exportSchema = z.object({
  /** txt (ready to paste), md, docx or json (the complete archive). */
  format: z.enum(['txt', 'md', 'docx', 'json'], { error: 'format must be txt, md, docx or json' }),
  /** A named version's label ("Final submission"); the current text when absent. */
  version: z.string().trim().max(200).optional().transform((value) => value || null),
});

export const reportSchema = z.object({
  /** md, docx, or json (the report's data). */
  format: z.enum(['md', 'docx', 'json'], { error: 'format must be md, docx or json' }),
  /** Show contributors' names. */
  names: flag,
});

export type ExportFormat = z.infer<typeof exportSchema>['format'];
