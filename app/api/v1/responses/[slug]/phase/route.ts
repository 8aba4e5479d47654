import { apiRoute, readJson } from '@/lib/api/respond';
import { changePhase } from '@/lib/responses/mutations';
import { getResponsePhase } from '@/lib/responses/queries';

/** GET → {phase: {slug, phase, deadline}}: what open pages poll to tell people the phase changed. */
export const GET = apiRoute<{ slug: string }>(async ({ caller, params }) => {
  const phase = await getResponsePhase(caller, params.slug);
  return { phase };
});

/** POST {to: "OPEN"|"CLOSED"|"FINAL", deadline?} → the new phase (and the "Final submission" version). */
export const POST = apiRoute<{ slug: string }>(async ({ request, caller, params }) => {
  const result = await changePhase(caller, params.slug, await readJson(request));
  return { result };
});
