import { apiRoute } from '@/lib/api/respond';
import { getLaterFeedback } from '@/lib/feedback/queries';

/**
 * GET ?position=&createdAt=&id= → the section's threads and suggestions after that place in
 * reading order, each placed in the current text, and the fingerprint of that text: the rest
 * of a busy section's margin (the section page sends the first screen; see docs/api.md).
 */
export const GET = apiRoute<{ id: string }>(async ({ request, caller, params }) =>
  getLaterFeedback(caller, params.id, Object.fromEntries(new URL(request.url).searchParams)),
);
