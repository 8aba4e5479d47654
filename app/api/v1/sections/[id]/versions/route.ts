import { apiRoute } from '@/lib/api/respond';
import { listSectionVersions } from '@/lib/versions/queries';

/** GET: the section's versions, newest first (`?before=<versionId>` pages back). */
export const GET = apiRoute<{ id: string }>(async ({ request, caller, params }) => {
  const before = new URL(request.url).searchParams.get('before') ?? undefined;
  const { versions, more } = await listSectionVersions(caller, params.id, { before });
  return { versions, more };
});
