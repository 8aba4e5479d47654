import { apiRoute } from '@/lib/api/respond';
import { listPresence } from '@/lib/collab/queries';

/** GET: who is in each section of the response right now → `{sections: {<sectionId>: [{name, colour, mode}]}}`. */
export const GET = apiRoute<{ slug: string }>(async ({ caller, params }) => {
  return Response.json({ sections: await listPresence(caller, params.slug) }, { headers: { 'cache-control': 'private, no-store' } });
});
