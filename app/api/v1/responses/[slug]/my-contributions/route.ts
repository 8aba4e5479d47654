import { apiRoute } from '@/lib/api/respond';
import { exportMyContributions } from '@/lib/contributions/export';
import { exportHttpResponse } from '@/lib/export/service';

/** GET ?format=md|docx|txt → the caller's own comments, suggestions and case studies, as the start of an individual response. */
export const GET = apiRoute<{ slug: string }>(async ({ request, caller, params }) => {
  const format = new URL(request.url).searchParams.get('format') ?? undefined;
  return exportHttpResponse(await exportMyContributions(caller, params.slug, { format }));
});
