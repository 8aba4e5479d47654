/** Reads about live collaboration for pages and the API. */
import 'server-only';
import type { Caller } from '@/lib/auth/policy';
import { livePresence } from '@/lib/collab/client';
import type { PresentPerson } from '@/lib/collab/presence';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';

export type SectionPresence = Record<string, Omit<PresentPerson, 'id'>[]>;

/** Who is in each section of a response right now (by name, colour, editing or viewing). */
export async function listPresence(caller: Caller, responseSlug: string): Promise<SectionPresence> {
  void caller;
  const response = await db().response.findUnique({ where: { slug: responseSlug }, select: { sections: { select: { id: true } } } });
  if (!response) throw notFound(`The response "${responseSlug}"`);
  const ids = response.sections.map((section) => section.id);
  const live = await livePresence(ids);
  return Object.fromEntries(ids.map((id) => [id, (live[id] ?? []).map(({ name, colour, mode }) => ({ name, colour, mode }))]));
}
