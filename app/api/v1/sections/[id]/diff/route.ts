import { apiRoute } from '@/lib/api/respond';
import { compareVersions } from '@/lib/versions/queries';

/** GET ?from=<versionId>&to=<versionId>: word-by-word changes, `[{op: "equal"|"insert"|"delete", text}]`. */
export const GET = apiRoute<{ id: string }>(async ({ request, caller, params }) => {
  const query = new URL(request.url).searchParams;
  const { from, to, changes } = await compareVersions(caller, params.id, { from: query.get('from') ?? undefined, to: query.get('to') ?? undefined });
  return { from, to, changes };
});
