/**
 * Who may change a section's text, decided once for every door: the WebSocket (whether a
 * live connection may write, when it opens and whenever access changes), the section page
 * and the merge page (whether they show an editor). Pure: unit-tested without I/O.
 */
import { can, type Caller } from '@/lib/auth/policy';
import type { Phase } from '@/lib/generated/prisma/enums';
import { isTextFrozen } from '@/lib/responses/phase';

/** Drafters and coordinators may edit a section's text until the response is final. */
export function mayEditSectionText(caller: Pick<Caller, 'role'>, phase: Phase): boolean {
  return can(caller, 'section:edit') && !isTextFrozen(phase);
}
