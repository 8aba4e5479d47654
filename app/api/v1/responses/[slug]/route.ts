import { apiRoute } from '@/lib/api/respond';
import { getResponse } from '@/lib/responses/queries';

export const GET = apiRoute<{ slug: string }>(async ({ caller, params }) => {
  const { id: _id, ...response } = await getResponse(caller, params.slug);
  void _id;
  return { response };
});
