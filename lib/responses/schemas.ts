/** Inputs for changing a response's phase, shared by the phase form and the API. */
import { z } from 'zod';
import { deadlineSchema } from '@/lib/import/schemas';

export const changePhaseSchema = z.object({
  /** The phase to move to. */
  to: z.enum(['DRAFTING', 'OPEN', 'CLOSED', 'FINAL'], { error: 'Choose drafting, open, closed or final' }),
  /** Required when opening for comment: when comments close. */
  deadline: deadlineSchema.optional(),
});

export type ChangePhaseInput = z.input<typeof changePhaseSchema>;
