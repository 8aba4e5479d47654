/** Server-side guards on a response's phase, run inside the writing transaction. */
import 'server-only';
import type { Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import type { Phase } from '@/lib/generated/prisma/enums';
import { FINAL_VERSION_LABEL, isTextFrozen } from '@/lib/responses/phase';

/**
 * Refuses to change the text of a section whose response is final. Takes a shared lock on
 * the response row, so marking the response final (which locks it for update) waits for
 * text changes in flight, and text changes wait for it: the "Final submission" snapshot
 * never misses an edit that was accepted.
 */
export async function assertSectionWritable(tx: Tx, sectionId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ phase: Phase }[]>`
    select r.phase::text as phase from "Response" r join "Section" s on s."responseId" = r.id
    where s.id = ${sectionId} for share of r`;
  if (!rows.length) throw notFound('That section');
  if (isTextFrozen(rows[0].phase)) {
    throw new AppError('closed', `This response is final: its text is frozen as "${FINAL_VERSION_LABEL}" and can no longer be edited.`);
  }
}
