import { apiRoute, readJson } from '@/lib/api/respond';
import { decideEndorsement } from '@/lib/endorsements/mutations';

/** `{"decision": "approve"|"decline", "reason"?}` (coordinators). */
export const POST = apiRoute<{ id: string }>(async ({ request, caller, params }) => ({ endorsement: await decideEndorsement(caller, params.id, await readJson(request)) }));
