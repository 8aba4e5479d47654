import { apiRoute, readJson } from '@/lib/api/respond';
import { changePhase } from '@/lib/responses/mutations';

/** POST {to: "OPEN"|"CLOSED"|"FINAL", deadline?} → the new phase (and the "Final submission" version). */
export const POST = apiRoute<{ slug: string }>(async ({ request, caller, params }) => {
  const result = await changePhase(caller, params.slug, await readJson(request));
  return { result };
});
