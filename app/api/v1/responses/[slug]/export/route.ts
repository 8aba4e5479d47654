import { apiRoute } from '@/lib/api/respond';
import { exportHttpResponse, exportResponse } from '@/lib/export/service';

/** GET ?format=txt|md|docx|json&version=<label> → the file. */
export const GET = apiRoute<{ slug: string }>(async ({ request, caller, params }) => {
  const query = new URL(request.url).searchParams;
  const file = await exportResponse(caller, params.slug, { format: query.get('format') ?? undefined, version: query.get('version') ?? undefined });
  return exportHttpResponse(file);
});
