import { apiRoute, readJson } from '@/lib/api/respond';
import { changeRole, removePerson } from '@/lib/people/mutations';

/** Changes the person's role (coordinators): `{role}`. Their open live connections follow within moments. */
export const PATCH = apiRoute<{ id: string }>(async ({ request, caller, params }) => {
  const body = (await readJson(request)) as Record<string, unknown> | null;
  await changeRole(caller, { ...(body && typeof body === 'object' ? body : {}), userId: params.id });
  return { ok: true };
});

/** Removes the person from the network (coordinators): sessions, tokens and live connections end; contributions stay. */
export const DELETE = apiRoute<{ id: string }>(async ({ caller, params }) => {
  await removePerson(caller, { userId: params.id });
  return { ok: true };
});
