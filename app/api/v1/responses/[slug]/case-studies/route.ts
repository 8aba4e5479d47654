import { NextResponse } from 'next/server';
import { apiRoute, readJson } from '@/lib/api/respond';
import { createCaseStudy } from '@/lib/case-studies/mutations';
import { listCaseStudies } from '@/lib/case-studies/queries';

/** Submit a case study (or save a draft with `"draft": true`). Idempotent per `clientKey` / Idempotency-Key. */
export const POST = apiRoute<{ slug: string }>(async ({ request, caller, params }) => {
  const body = await readJson(request);
  const { caseStudy, created } = await createCaseStudy(caller, params.slug, body, { idempotencyKey: request.headers.get('idempotency-key') });
  return NextResponse.json({ caseStudy }, { status: created ? 201 : 200 });
});

/** The case studies the caller may see; filters: status, section, theme, mine=true. */
export const GET = apiRoute<{ slug: string }>(async ({ request, caller, params }) => {
  const query = new URL(request.url).searchParams;
  const filters = {
    status: query.get('status') ?? undefined,
    sectionId: query.get('section') ?? query.get('sectionId') ?? undefined,
    theme: query.get('theme') ?? undefined,
    mine: query.get('mine') === 'true' ? true : undefined,
  };
  return { caseStudies: await listCaseStudies(caller, params.slug, filters) };
});
