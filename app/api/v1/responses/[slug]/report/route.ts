import { apiRoute } from '@/lib/api/respond';
import { exportHttpResponse, exportReport } from '@/lib/export/service';

/** GET ?format=md|docx|json&names=1 → the "you said, we did" report. */
export const GET = apiRoute<{ slug: string }>(async ({ request, caller, params }) => {
  const query = new URL(request.url).searchParams;
  const file = await exportReport(caller, params.slug, { format: query.get('format') ?? undefined, names: query.get('names') ?? undefined });
  return exportHttpResponse(file);
});
