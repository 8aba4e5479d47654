import { apiRoute, readJson } from '@/lib/api/respond';
import { decideCaseStudy } from '@/lib/case-studies/mutations';

/** A coordinator's decision: accept, feature, request_changes (note required) or decline (note required). */
export const POST = apiRoute<{ id: string }>(async ({ request, caller, params }) => ({
  caseStudy: await decideCaseStudy(caller, params.id, await readJson(request)),
}));
