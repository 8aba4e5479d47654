import { apiRoute, readJson } from '@/lib/api/respond';
import { declineSuggestion } from '@/lib/suggestions/mutations';

/** Declines the suggestion (drafters, coordinators) with `{reason}`, which its author sees. */
export const POST = apiRoute<{ id: string }>(async ({ request, caller, params }) => ({
  suggestion: await declineSuggestion(caller, params.id, await readJson(request)),
}));
