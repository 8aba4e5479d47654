import { apiRoute, readJson } from '@/lib/api/respond';
import { updateCaseStudy } from '@/lib/case-studies/mutations';
import { getCaseStudy } from '@/lib/case-studies/queries';

export const GET = apiRoute<{ id: string }>(async ({ caller, params }) => ({ caseStudy: await getCaseStudy(caller, params.id) }));

/** Its submitter changes it (fields not sent keep their values); `"submit": true` submits or resubmits it. */
export const PATCH = apiRoute<{ id: string }>(async ({ request, caller, params }) => ({
  caseStudy: await updateCaseStudy(caller, params.id, await readJson(request)),
}));
