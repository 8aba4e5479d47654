/**
 * Shared set-up for the comments and suggestions integration tests: named people with API
 * tokens, a response with real paragraphs, and real edits of a section's text.
 */
import { GET as listCommentsRoute, POST as postCommentRoute } from '@/app/api/v1/sections/[id]/comments/route';
import { GET as listSuggestionsRoute, POST as postSuggestionRoute } from '@/app/api/v1/sections/[id]/suggestions/route';
import type { Caller } from '@/lib/auth/policy';
import { createApiToken } from '@/lib/auth/tokens';
import { db } from '@/lib/db';
import type { Phase, Role } from '@/lib/generated/prisma/enums';
import { replaceTextRange } from '@/lib/sections/edits';
import { applySectionEdit } from '@/lib/sections/mutations';
import { callRoute, createPerson, createResponse } from '@/tests/support/factories';

export type Actor = { person: Caller; token: string };

export async function actor(role: Role, name: string): Promise<Actor> {
  const person = await createPerson(role, { name });
  const { token } = await createApiToken(person, person.id, { name: 'test' });
  return { person, token };
}

export const DRAFT = [
  'Local charities carry the cost of crisis support. Yet the funding formula ignores them, and the funding formula must change.',
  '- Rents have risen by a third since 2019.\n- Waiting lists for social housing are longer than ever.',
  'We ask the department to publish its evidence and to fund local charities for three years at a time.',
].join('\n\n');

/** A response (open for comment unless told otherwise) with the draft above as its first section. */
export async function scene(phase: Phase = 'OPEN') {
  const alice = await actor('MEMBER', 'Alice Member');
  const bob = await actor('MEMBER', 'Bob Member');
  const drafter = await actor('DRAFTER', 'Dana Drafter');
  const coordinator = await actor('COORDINATOR', 'Cora Coordinator');
  const { response, sections } = await createResponse({ phase, sections: [DRAFT, 'A second section about transport.'], authorId: coordinator.person.id });
  return { alice, bob, drafter, coordinator, response, section: sections[0], other: sections[1] };
}

export const postComment = (who: Actor, sectionId: string, body: unknown, headers?: Record<string, string>) =>
  callRoute(postCommentRoute, { method: 'POST', token: who.token, body, params: { id: sectionId }, headers });
export const listComments = (who: Actor, sectionId: string) => callRoute(listCommentsRoute, { token: who.token, params: { id: sectionId } });
export const postSuggestion = (who: Actor, sectionId: string, body: unknown, headers?: Record<string, string>) =>
  callRoute(postSuggestionRoute, { method: 'POST', token: who.token, body, params: { id: sectionId }, headers });
export const listSuggestions = (who: Actor, sectionId: string) => callRoute(listSuggestionsRoute, { token: who.token, params: { id: sectionId } });

export async function sectionText(sectionId: string): Promise<string> {
  const section = await db().section.findUniqueOrThrow({ where: { id: sectionId }, select: { currentVersion: { select: { text: true } } } });
  return section.currentVersion?.text ?? '';
}

/** Edits the section the way a drafter's change is stored: replaces `words` (the nth occurrence) and commits a version. */
export async function editSection(sectionId: string, authorId: string, words: string, replacement: string, occurrence = 0) {
  return applySectionEdit({
    sectionId,
    authorIds: [authorId],
    source: 'EDIT',
    actorId: authorId,
    edit: (doc, text) => {
      let at = -1;
      for (let i = 0; i <= occurrence; i++) at = text.indexOf(words, at + 1);
      if (at < 0) throw new Error(`"${words}" is not in the section`);
      return replaceTextRange(doc, at, at + words.length, replacement);
    },
  });
}

/** The audit actions recorded for a target, oldest first. */
export async function auditActions(targetId: string): Promise<string[]> {
  const events = await db().auditEvent.findMany({ where: { targetId }, orderBy: { createdAt: 'asc' }, select: { action: true } });
  return events.map((event) => event.action);
}
