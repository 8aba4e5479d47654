import { NextResponse } from 'next/server';
import { apiRoute, readJson } from '@/lib/api/respond';
import { quoteCaseStudy } from '@/lib/case-studies/mutations';

/** A coordinator quotes an accepted case study in a section: `{"sectionId", "quote", "afterOffset"?}`. */
export const POST = apiRoute<{ id: string }>(async ({ request, caller, params }) => {
  const quote = await quoteCaseStudy(caller, params.id, await readJson(request));
  return NextResponse.json({ quote }, { status: 201 });
});
