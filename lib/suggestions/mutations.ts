/**
 * Suggestions: a member proposes new words for a passage (or text to insert at a point)
 * instead of editing; drafters and coordinators accept — which changes the section's text
 * through applySectionEdit, as a new version credited to the proposer and the acceptor —
 * or decline with a reason the proposer sees. Each function checks its own permissions
 * and records an audit event in the same transaction as the change.
 */
import 'server-only';
import { resolveAnchor } from '@/lib/anchoring/text-quote';
import { recordAudit } from '@/lib/audit';
import type { Caller } from '@/lib/auth/policy';
import { checkUnlessResent, submitOnce } from '@/lib/contributions/submit-once';
import { db } from '@/lib/db';
import { AppError, forbidden, notFound, parseInput } from '@/lib/errors';
import { anchorInText, readStoredAnchor } from '@/lib/feedback/anchors';
import { assertOpenForFeedback } from '@/lib/feedback/policy';
import { newSuggestionDto } from '@/lib/feedback/read-model';
import { loadFeedbackSection } from '@/lib/feedback/section';
import type { SuggestionDto } from '@/lib/feedback/types';
import { sectionTitle } from '@/lib/format';
import type { PMDoc } from '@/lib/sections/content';
import { EditOutOfRangeError, replaceTextRange } from '@/lib/sections/edits';
import { applySectionEdit } from '@/lib/sections/mutations';
import { afterResponse } from '@/lib/http/after-response';
import { createNotifications, emailNotices, type Notice } from '@/lib/notifications/mutations';
import { acceptSuggestionSchema, createSuggestionSchema, declineSuggestionSchema, type CreateSuggestionInput } from '@/lib/suggestions/schemas';
import { mayDecideSuggestion, mayWithdrawSuggestion } from '@/lib/suggestions/policy';
import { getSuggestion } from '@/lib/suggestions/queries';

export type CreatedSuggestion = { suggestion: SuggestionDto; created: boolean };

const ONE_BLOCK = 'A suggestion must lie within one paragraph or list item: select words from a single paragraph';

function badField(field: string, message: string): AppError {
  return new AppError('bad_request', `Invalid input: ${field}: ${message}`, { fields: { [field]: message } });
}

/**
 * Proposes `replacement` for the quoted words (empty: delete them), or text to insert at
 * a point (`anchor.exact` empty). The passage must be in the section now and lie within
 * one paragraph or list item. With a `clientKey` already used by this person, returns the
 * suggestion it created (`created: false`).
 */
export async function createSuggestion(caller: Caller, sectionId: string, input: unknown): Promise<CreatedSuggestion> {
  const data = parseInput(createSuggestionSchema, input);
  const replay = async () => {
    if (!data.clientKey) return null;
    const existing = await db().suggestion.findUnique({ where: { authorId_clientKey: { authorId: caller.id, clientKey: data.clientKey } }, select: { id: true } });
    return existing ? { suggestion: await getSuggestion(caller, existing.id), created: false } : null;
  };

  const checked = await checkUnlessResent(() => prepareSuggestion(caller, sectionId, data), replay);
  if ('resent' in checked) return checked.resent;
  const { section, anchor } = checked.checked;

  const posted = await submitOnce(
    {
      kind: 'suggestion',
      row: { sectionId: section.id, authorId: caller.id, anchor, replacement: data.replacement, reason: data.reason, baseVersionId: section.versionId, clientKey: data.clientKey },
    },
    { actorId: caller.id, action: 'suggestion.create', targetType: 'suggestion', data: { sectionId: section.id } },
  );
  if (!posted.created) return { suggestion: await getSuggestion(caller, posted.id), created: false };
  return {
    created: true,
    suggestion: newSuggestionDto(
      { id: posted.id, sectionId: section.id, anchor, replacement: data.replacement, reason: data.reason ?? null, baseVersionId: section.versionId, createdAt: posted.createdAt },
      caller,
      { text: section.text, versionId: section.versionId },
    ),
  };
}

/** Everything checked before a suggestion is stored: the section, the phase, the passage, and that it lies within one block. */
async function prepareSuggestion(caller: Caller, sectionId: string, data: CreateSuggestionInput) {
  const section = await loadFeedbackSection(sectionId, { withContent: true });
  assertOpenForFeedback(caller, section.phase);
  const anchor = anchorInText(section.text, data.anchor, section.versionId);
  if (section.text.slice(anchor.start, anchor.end).includes('\n\n')) throw badField('anchor.exact', ONE_BLOCK);
  const doc: PMDoc = section.content ?? { type: 'doc', content: [] };
  try {
    replaceTextRange(doc, anchor.start, anchor.end, data.replacement);
  } catch (error) {
    if (error instanceof EditOutOfRangeError) throw badField(data.anchor.exact ? 'anchor.exact' : 'anchor.start', ONE_BLOCK);
    throw error;
  }
  return { section, anchor };
}

type SuggestionFacts = {
  id: string;
  sectionId: string;
  authorId: string;
  anchor: unknown;
  replacement: string;
  status: 'OPEN' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN';
  number: string | null;
  heading: string;
  responseTitle: string;
};

async function loadSuggestion(suggestionId: string): Promise<SuggestionFacts> {
  const rows = await db().$queryRaw<SuggestionFacts[]>`
    select g.id, g."sectionId", g."authorId", g.anchor, g.replacement, g.status::text as status, s.number, s.heading, r.title as "responseTitle"
    from "Suggestion" g
    join "Section" s on s.id = g."sectionId"
    join "Response" r on r.id = s."responseId"
    where g.id = ${suggestionId}`;
  if (!rows[0]) throw notFound('That suggestion');
  return rows[0];
}

function assertStillOpen(suggestion: { status: string }) {
  if (suggestion.status !== 'OPEN') throw new AppError('conflict', `This suggestion has already been ${suggestion.status.toLowerCase()}`);
}

function quote(text: string, length = 200): string {
  return `"${text.length > length ? `${text.slice(0, length - 1)}…` : text}"`;
}

/**
 * What the proposer hears when a drafter or coordinator decides their suggestion (nothing
 * when they decided their own): who, on which section, and `details` (the new words, the reason).
 */
function decisionNotice(caller: Caller, suggestion: SuggestionFacts, outcome: 'accepted' | 'declined', details: string): Notice | null {
  if (suggestion.authorId === caller.id) return null;
  const title = sectionTitle(suggestion);
  const who = caller.name?.trim() || 'A drafter';
  // A reason is the decider's own words: it stands in a paragraph of its own.
  const separator = outcome === 'declined' ? '\n\n' : ' ';
  return {
    userId: suggestion.authorId,
    kind: `suggestion.${outcome}`,
    title: `${who} ${outcome} your suggestion on ${title}`,
    body: `${who} ${outcome} your suggestion on "${title}" (${suggestion.responseTitle}).${separator}${details}`,
    link: `/sections/${suggestion.sectionId}#suggestion-${suggestion.id}`,
  };
}

/**
 * Accepts a suggestion (drafters and coordinators): the section's text changes through
 * applySectionEdit — so people editing the section live receive the change — and the new
 * SectionVersion (source SUGGESTION) credits both the proposer and the acceptor. The
 * suggestion records that version, a Disposition INCORPORATED links to it, and the
 * proposer is notified.
 *
 * The passage is found again in the text as it is at that moment. If its words changed
 * since the suggestion was made, acceptance is refused (409) unless `overrideOutdated`
 * is set after looking at the words now there; a passage that is gone cannot be accepted.
 */
export async function acceptSuggestion(caller: Caller, suggestionId: string, input: unknown = {}): Promise<{ suggestion: SuggestionDto; versionId: string }> {
  const { overrideOutdated } = parseInput(acceptSuggestionSchema, input ?? {});
  if (!mayDecideSuggestion(caller)) throw forbidden('Only drafters and coordinators can accept suggestions');
  const suggestion = await loadSuggestion(suggestionId);
  assertStillOpen(suggestion);
  const anchor = readStoredAnchor(suggestion.anchor);
  if (!anchor) throw new AppError('conflict', 'This suggestion has no passage to apply to');
  const notice = decisionNotice(caller, suggestion, 'accepted', `The text now includes your words: ${quote(suggestion.replacement || '(the words were deleted)')}.`);

  let range: { start: number; end: number } | null = null;
  const version = await applySectionEdit({
    sectionId: suggestion.sectionId,
    authorIds: [suggestion.authorId, caller.id],
    source: 'SUGGESTION',
    actorId: caller.id,
    edit: (doc, text) => {
      const found = resolveAnchor(text, anchor);
      if (found.status === 'detached') {
        throw new AppError('conflict', `The passage this suggestion changes is no longer in the section (it said ${quote(anchor.exact)}). Decline it, or make the change by editing.`);
      }
      if (found.status === 'changed' && !overrideOutdated) {
        const now = text.slice(found.start, found.end);
        throw new AppError(
          'conflict',
          `The passage has changed since this suggestion was made: it said ${quote(anchor.exact)} and now reads ${quote(now)}. Check the suggestion against the current words, then accept it with overrideOutdated to replace them, or decline it.`,
        );
      }
      try {
        range = { start: found.start, end: found.end };
        return replaceTextRange(doc, found.start, found.end, suggestion.replacement);
      } catch (error) {
        if (error instanceof EditOutOfRangeError) throw new AppError('conflict', `The passage now spans more than one paragraph; the suggestion cannot be applied as it is. ${ONE_BLOCK}.`);
        throw error;
      }
    },
    after: async (tx, version) => {
      const now = new Date();
      // Only one decision wins, even when two drafters click at the same moment.
      const { count } = await tx.suggestion.updateMany({
        where: { id: suggestion.id, status: 'OPEN' },
        data: { status: 'ACCEPTED', decidedById: caller.id, decidedAt: now, acceptedVersionId: version.id },
      });
      if (!count) throw new AppError('conflict', 'This suggestion has just been decided by someone else');
      // It may already have had another disposition in the merge workspace ("noted"); accepting settles it.
      const incorporated = { sectionId: suggestion.sectionId, kind: 'INCORPORATED' as const, versionId: version.id, actorId: caller.id };
      await tx.disposition.upsert({ where: { suggestionId: suggestion.id }, create: { suggestionId: suggestion.id, ...incorporated }, update: incorporated });
      await recordAudit(tx, {
        actorId: caller.id,
        action: 'suggestion.accept',
        targetType: 'suggestion',
        targetId: suggestion.id,
        data: { versionId: version.id, ...(overrideOutdated ? { overrideOutdated: true } : {}), ...(range ? { range } : {}) },
      });
      if (notice) await createNotifications(tx, [notice]);
    },
  });
  if (notice) await afterResponse(() => emailNotices([notice]));
  return { suggestion: await getSuggestion(caller, suggestion.id), versionId: version.id };
}

/** Declines a suggestion (drafters and coordinators) with a reason its author sees. */
export async function declineSuggestion(caller: Caller, suggestionId: string, input: unknown): Promise<SuggestionDto> {
  const { reason } = parseInput(declineSuggestionSchema, input);
  if (!mayDecideSuggestion(caller)) throw forbidden('Only drafters and coordinators can decline suggestions');
  const suggestion = await loadSuggestion(suggestionId);
  assertStillOpen(suggestion);
  const notice = decisionNotice(caller, suggestion, 'declined', `Their reason: ${reason}`);
  await db().$transaction(async (tx) => {
    const { count } = await tx.suggestion.updateMany({
      where: { id: suggestion.id, status: 'OPEN' },
      data: { status: 'DECLINED', decidedById: caller.id, decidedAt: new Date(), declineReason: reason },
    });
    if (!count) throw new AppError('conflict', 'This suggestion has just been decided by someone else');
    await recordAudit(tx, { actorId: caller.id, action: 'suggestion.decline', targetType: 'suggestion', targetId: suggestion.id, data: { reason } });
    if (notice) await createNotifications(tx, [notice]);
  });
  if (notice) await afterResponse(() => emailNotices([notice]));
  return getSuggestion(caller, suggestion.id);
}

/** Its author takes back an open suggestion. It disappears from the section; nothing is deleted. */
export async function withdrawSuggestion(caller: Caller, suggestionId: string): Promise<SuggestionDto> {
  const suggestion = await loadSuggestion(suggestionId);
  if (suggestion.status === 'WITHDRAWN' && caller.id === suggestion.authorId) return getSuggestion(caller, suggestion.id);
  if (caller.id !== suggestion.authorId) throw forbidden('Only its author can withdraw a suggestion');
  if (!mayWithdrawSuggestion(caller, suggestion)) assertStillOpen(suggestion);
  await db().$transaction(async (tx) => {
    const { count } = await tx.suggestion.updateMany({ where: { id: suggestion.id, status: 'OPEN' }, data: { status: 'WITHDRAWN' } });
    if (!count) throw new AppError('conflict', 'This suggestion has just been decided');
    await recordAudit(tx, { actorId: caller.id, action: 'suggestion.withdraw', targetType: 'suggestion', targetId: suggestion.id });
  });
  return getSuggestion(caller, suggestion.id);
}
