import { apiRoute, readJson } from '@/lib/api/respond';
import { nameCurrentVersion } from '@/lib/versions/mutations';
import { listNamedVersions } from '@/lib/versions/queries';

/** GET: the response's named versions, newest first. */
export const GET = apiRoute<{ slug: string }>(async ({ caller, params }) => ({ namedVersions: await listNamedVersions(caller, params.slug) }));

/** POST {label}: names the current state of every section (drafters and coordinators). */
export const POST = apiRoute<{ slug: string }>(async ({ request, caller, params }) => {
  const namedVersion = await nameCurrentVersion(caller, params.slug, await readJson(request));
  return Response.json({ namedVersion }, { status: 201 });
});
