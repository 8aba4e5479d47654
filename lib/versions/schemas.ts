/** Inputs for versions: restoring, comparing and naming. Shared by forms and the API. */
import { z } from 'zod';

const id = z.string({ error: 'Choose a version' }).trim().min(1, 'Choose a version').max(64, 'That is not a version id');

export const restoreVersionSchema = z.object({
  /** The version to bring back; it must belong to the section. */
  versionId: id,
});

export const compareVersionsSchema = z.object({
  /** The older side of the comparison. */
  from: id,
  /** The newer side of the comparison. */
  to: id,
});

export const nameVersionSchema = z.object({
  /** What this state of the response is ("Draft for the members' meeting"); unique within the response. */
  label: z.string({ error: 'Give the version a name' }).trim().min(1, 'Give the version a name').max(120, 'Keep the name under 120 characters'),
});
