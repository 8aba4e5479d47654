import { apiRoute } from '@/lib/api/respond';
import { withdrawSuggestion } from '@/lib/suggestions/mutations';
import { getSuggestion } from '@/lib/suggestions/queries';

export const GET = apiRoute<{ id: string }>(async ({ caller, params }) => ({ suggestion: await getSuggestion(caller, params.id) }));

/** Its author withdraws an open suggestion; nothing is deleted. */
export const DELETE = apiRoute<{ id: string }>(async ({ caller, params }) => ({ suggestion: await withdrawSuggestion(caller, params.id) }));
