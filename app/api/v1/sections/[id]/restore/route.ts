import { apiRoute, readJson } from '@/lib/api/respond';
import { restoreVersion } from '@/lib/versions/mutations';

/** POST {versionId}: makes that version the text again, as a new version (drafters and coordinators). */
export const POST = apiRoute<{ id: string }>(async ({ request, caller, params }) => {
  const version = await restoreVersion(caller, params.id, await readJson(request));
  return Response.json({ version }, { status: 201 });
});
