import { NextResponse } from 'next/server';
import { apiRoute, readJson } from '@/lib/api/respond';
import { createEndorsement } from '@/lib/endorsements/mutations';
import { listEndorsements } from '@/lib/endorsements/queries';

/** Approved signatories for everyone; coordinators see every endorsement, submitters their own. */
export const GET = apiRoute<{ slug: string }>(async ({ caller, params }) => ({ endorsements: await listEndorsements(caller, params.slug) }));

/** `{"organisation","signatoryName","signatoryRole"?,"kind","reservations"?}` once the response is final. */
export const POST = apiRoute<{ slug: string }>(async ({ request, caller, params }) =>
  NextResponse.json({ endorsement: await createEndorsement(caller, params.slug, await readJson(request)) }, { status: 201 }),
);
