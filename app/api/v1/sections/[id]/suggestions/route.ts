import { NextResponse } from 'next/server';
import { apiRoute, readJson } from '@/lib/api/respond';
import { withClientKey } from '@/lib/feedback/http';
import { createSuggestion } from '@/lib/suggestions/mutations';
import { listSuggestions } from '@/lib/suggestions/queries';

/** The section's suggestions, open and decided. */
export const GET = apiRoute<{ id: string }>(async ({ caller, params }) => ({ suggestions: await listSuggestions(caller, params.id) }));

/** Proposes an edit: `{anchor, replacement, reason?, clientKey?}` (or an Idempotency-Key header). */
export const POST = apiRoute<{ id: string }>(async ({ request, caller, params }) => {
  const { suggestion, created } = await createSuggestion(caller, params.id, withClientKey(await readJson(request), request));
  return NextResponse.json({ suggestion }, { status: created ? 201 : 200 });
});
