import { apiRoute, readJson } from '@/lib/api/respond';
import { disposeFeedback } from '@/lib/merge/mutations';

/** POST {items: [{type, id}], kind, reply?, versionId?} → how many were handled. */
export const POST = apiRoute(async ({ request, caller }) => {
  const result = await disposeFeedback(caller, await readJson(request));
  return { result };
});
