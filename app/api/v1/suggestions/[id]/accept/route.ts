import { apiRoute } from '@/lib/api/respond';
import { readOptionalJson } from '@/lib/feedback/http';
import { acceptSuggestion } from '@/lib/suggestions/mutations';

/** Accepts the suggestion (drafters, coordinators): `{overrideOutdated?}` → `{suggestion, versionId}`. */
export const POST = apiRoute<{ id: string }>(async ({ request, caller, params }) => acceptSuggestion(caller, params.id, await readOptionalJson(request)));
