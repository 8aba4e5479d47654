/** Reads about live collaboration for pages and the API. */
import 'server-only';
import type { Caller } from '@/lib/auth/policy';
import { colourFor, dedupePresence, type PresentPerson } from '@/lib/collab/presence';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';

export type SectionPresence = Record<string, Omit<PresentPerson, 'id'>[]>;

/**
 * Who is in each section of a response right now (by name, colour, editing or viewing), as
 * the collaboration processes publish it (lib/collab/presence-board.ts). Every signed-in
 * person may see who is present; `caller` is the signed-in person the page is for.
 */
export async function listPresence(caller: Caller, responseSlug: string): Promise<SectionPresence> {
  void caller;
  const response = await db().response.findUnique({ where: { slug: responseSlug }, select: { sections: { select: { id: true } } } });
  if (!response) throw notFound(`The response "${responseSlug}"`);
  const ids = response.sections.map((section) => section.id);
  const rows = await db().collabPresence.findMany({
    where: { sectionId: { in: ids }, expiresAt: { gt: new Date() } },
    select: { sectionId: true, userId: true, name: true, mode: true },
  });
  return Object.fromEntries(
    ids.map((id) => {
      const people: PresentPerson[] = rows
        .filter((row) => row.sectionId === id)
        .map((row) => ({ id: row.userId, name: row.name, colour: colourFor(row.userId), mode: row.mode === 'editing' ? 'editing' : 'viewing' }));
      return [id, dedupePresence(people).map(({ name, colour, mode }) => ({ name, colour, mode }))];
    }),
  );
}
