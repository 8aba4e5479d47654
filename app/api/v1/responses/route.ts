import { apiRoute } from '@/lib/api/respond';
import { listResponses } from '@/lib/responses/queries';

export const GET = apiRoute(async ({ caller }) => ({ responses: await listResponses(caller) }));
