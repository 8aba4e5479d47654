import { apiRoute } from '@/lib/api/respond';
import { exportForm } from '@/lib/consultation-form/export';
import { exportHttpResponse } from '@/lib/export/service';

/** GET ?format=txt|md|docx → the answers "as the form asks", question by question. */
export const GET = apiRoute<{ slug: string }>(async ({ request, caller, params }) => {
  const format = new URL(request.url).searchParams.get('format') ?? undefined;
  return exportHttpResponse(await exportForm(caller, params.slug, { format }));
});
