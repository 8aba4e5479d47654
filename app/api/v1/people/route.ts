import { apiRoute, readJson } from '@/lib/api/respond';
import { invitePeople } from '@/lib/people/mutations';
import { listPeople } from '@/lib/people/queries';

/** Everyone in the network with their role and status (coordinators). */
export const GET = apiRoute(async ({ caller }) => ({ people: await listPeople(caller) }));

/** Invites people or changes their role (coordinators): `{emails, role, name?}` → `{invited, updated, unchanged, ...}`. */
export const POST = apiRoute(async ({ request, caller }) => invitePeople(caller, await readJson(request)));
