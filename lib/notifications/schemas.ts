import { z } from 'zod';

export const markReadSchema = z
  .object({
    /** The notifications to mark as read. */
    ids: z.array(z.string().min(1, 'Not a notification id').max(100, 'Not a notification id'), { error: 'ids must be a list of notification ids' }).max(500, 'At most 500 at once').optional(),
    /** Mark every notification as read. */
    all: z.boolean({ error: 'all must be true or false' }).optional(),
  })
  .refine((input) => input.all === true || (input.ids?.length ?? 0) > 0, { message: 'Send "ids" or "all": true', path: ['ids'] });
