import { apiRoute } from '@/lib/api/respond';
import { getNamedVersion } from '@/lib/versions/queries';

/** GET: a named version of a whole response, every section exactly as it was. */
export const GET = apiRoute<{ id: string }>(async ({ caller, params }) => ({ namedVersion: await getNamedVersion(caller, params.id) }));
