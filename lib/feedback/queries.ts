/**
 * Reads of a section's feedback — comments and suggestions — for any signed-in person
 * of the network. The section page reads everything in one SQL query and sends the first
 * screen of it in reading order; the rest follows once the page is in the browser.
 */
import 'server-only';
import { textFingerprint } from '@/lib/anchoring/fingerprint';
import type { Caller } from '@/lib/auth/policy';
import { db, Prisma, sql } from '@/lib/db';
import { notFound, parseInput } from '@/lib/errors';
import { buildThreads, commentsJsonSql, isoDate, suggestionDto, suggestionLocation, suggestionsJsonSql, threadLocation, type CommentRow, type Current, type SuggestionRow } from '@/lib/feedback/read-model';
import { isSuggestionShown, isThreadShown } from '@/lib/feedback/shown';
import { compareReading, readingKey, type ReadingKey } from '@/lib/feedback/reading-order';
import { readingKeySchema } from '@/lib/feedback/schemas';
import type { CommentDto, FeedbackCounts, SectionFeedbackData, SuggestionDto } from '@/lib/feedback/types';
import type { Phase } from '@/lib/generated/prisma/enums';

export type SectionFeedback = Current & { phase: Phase; comments: CommentDto[]; suggestions: SuggestionDto[] };

/** The current text of a section as read beside its feedback (no version yet: empty). */
const currentOf = (row: { text: string | null; versionId: string | null }): Current => ({ text: row.text ?? '', versionId: row.versionId });

/**
 * One comment or suggestion (`table` row `id`, alias t) read as the JSON rows `json` selects,
 * with the current text of its section (alias s) to place anchors in, in one query; `missing`
 * names it in the 404.
 */
export async function readFeedbackItem<Row>(table: 'Comment' | 'Suggestion', id: string, json: Prisma.Sql, missing: string): Promise<{ current: Current; rows: Row[] }> {
  const rows = await db().$queryRaw<{ text: string | null; versionId: string | null; items: Row[] }[]>`
    select v.text, v.id as "versionId", ${json} as items
    from ${Prisma.raw(`"${table}"`)} t
    join "Section" s on s.id = t."sectionId"
    left join "SectionVersion" v on v.id = s."currentVersionId"
    where t.id = ${id}`;
  if (!rows[0]) throw notFound(missing);
  return { current: currentOf(rows[0]), rows: rows[0].items };
}

type FeedbackRow = { text: string | null; versionId: string | null; phase: Phase; comments: CommentRow[]; suggestions: SuggestionRow[] };

/** Threads (with their replies) and suggestions to read in full: all of them, or these only. */
type Wanted = { comments: boolean | string[]; suggestions: boolean | string[] };

/**
 * The section's current text with its threads and/or suggestions (withdrawn ones left out),
 * all of them or the ones `parts` names. Run through pg itself: on a busy section the answer
 * is a megabyte of JSON, which the driver hands over parsed.
 */
export async function readSectionFeedback(caller: Caller, sectionId: string, parts: Wanted): Promise<SectionFeedback> {
  const only = (ids: boolean | string[], column: Prisma.Sql) => (Array.isArray(ids) ? Prisma.sql` and ${column} = any(${ids}::text[])` : Prisma.empty);
  const comments = parts.comments
    ? commentsJsonSql(caller.id, Prisma.sql`c."sectionId" = s.id${only(parts.comments, Prisma.sql`coalesce(c."parentId", c.id)`)}`)
    : Prisma.sql`'[]'::json`;
  // Withdrawn suggestions are left out here, in SQL: isSuggestionShown (lib/feedback/shown.ts) is the rule.
  const suggestions = parts.suggestions
    ? suggestionsJsonSql(caller.id, Prisma.sql`g."sectionId" = s.id and g.status <> 'WITHDRAWN'${only(parts.suggestions, Prisma.sql`g.id`)}`)
    : Prisma.sql`'[]'::json`;
  const query = Prisma.sql`
    select v.text, v.id as "versionId", r.phase::text as phase, ${comments} as comments, ${suggestions} as suggestions
    from "Section" s
    join "Response" r on r.id = s."responseId"
    left join "SectionVersion" v on v.id = s."currentVersionId"
    where s.id = ${sectionId}`;
  const rows = await sql<FeedbackRow>(query.text, query.values);
  const row = rows[0];
  if (!row) throw notFound('That section');
  const current = currentOf(row);
  return {
    ...current,
    phase: row.phase,
    comments: buildThreads(row.comments, caller, current),
    suggestions: row.suggestions.map((suggestion) => suggestionDto(suggestion, caller, current)),
  };
}

/**
 * How many threads and suggestions a section page sends with its first screen: more than
 * a screen holds beside the text, few enough that a section with a thousand comments
 * opens as fast as a quiet one.
 */
export const FIRST_SCREEN_ITEMS = 100;

type Entry = { key: ReadingKey } & ({ comment: CommentDto } | { suggestion: SuggestionDto });

/** The section's threads and suggestions in reading order. */
function inReadingOrder(feedback: SectionFeedback): Entry[] {
  return [
    ...feedback.comments.map((comment) => ({ key: readingKey(comment, comment.location), comment })),
    ...feedback.suggestions.map((suggestion) => ({ key: readingKey(suggestion, suggestion.location), suggestion })),
  ].sort((a, b) => compareReading(a.key, b.key));
}

const commentsOf = (entries: Entry[]) => entries.flatMap((entry) => ('comment' in entry ? [entry.comment] : []));
const suggestionsOf = (entries: Entry[]) => entries.flatMap((entry) => ('suggestion' in entry ? [entry.suggestion] : []));

type OrderRow = {
  text: string | null;
  versionId: string | null;
  threads: { id: string; createdAt: string; anchor: unknown; withdrawn: boolean; liveReply: boolean }[];
  suggestions: { id: string; createdAt: string; anchor: unknown; status: SuggestionDto['status'] }[];
};

/**
 * The section's threads and suggestions in reading order, read with just what places them
 * (when written, the anchor) and decides whether the margin shows them (lib/feedback/shown.ts):
 * a busy section's first screen is chosen from this before anything is read in full.
 */
async function readingOrderOf(sectionId: string) {
  const [row] = await sql<OrderRow>(
    `select v.text, v.id as "versionId",
       (select coalesce(json_agg(json_build_object('id', c.id, 'createdAt', c."createdAt", 'anchor', c.anchor, 'withdrawn', c."withdrawnAt" is not null,
          'liveReply', exists (select 1 from "Comment" x where x."parentId" = c.id and x."withdrawnAt" is null))), '[]'::json)
        from "Comment" c where c."sectionId" = s.id and c."parentId" is null) as threads,
       (select coalesce(json_agg(json_build_object('id', g.id, 'createdAt', g."createdAt", 'anchor', g.anchor, 'status', g.status)), '[]'::json)
        from "Suggestion" g where g."sectionId" = s.id) as suggestions
     from "Section" s
     left join "SectionVersion" v on v.id = s."currentVersionId"
     where s.id = $1`,
    [sectionId],
    { prepare: 'chorus_feedback_reading_order' },
  );
  if (!row) throw notFound('That section');
  const current = currentOf(row);
  const threads = row.threads
    .filter((thread) => isThreadShown({ withdrawn: thread.withdrawn, replies: thread.liveReply ? [{ withdrawn: false }] : [] }))
    .map((thread) => ({ kind: 'comment' as const, id: thread.id, key: readingKey({ id: thread.id, createdAt: isoDate(thread.createdAt) }, threadLocation({ parentId: null, anchor: thread.anchor }, current)) }));
  const suggestions = row.suggestions
    .filter(isSuggestionShown)
    .map((suggestion) => ({ kind: 'suggestion' as const, id: suggestion.id, key: readingKey({ id: suggestion.id, createdAt: isoDate(suggestion.createdAt) }, suggestionLocation(suggestion, current)) }));
  return [...threads, ...suggestions].sort((a, b) => compareReading(a.key, b.key));
}

/**
 * What the section page shows beside the text: threads with their replies, suggestions,
 * agreement counts and the viewer's own agreements, each anchor placed in the current
 * text — the first `firstScreen` of them in reading order, and where the rest starts. On a
 * busy section, two queries: the reading order, then the first screen in full.
 */
export async function getSectionFeedback(caller: Caller, sectionId: string, options: { firstScreen?: number } = {}): Promise<SectionFeedbackData & { phase: Phase }> {
  const firstScreen = options.firstScreen ?? FIRST_SCREEN_ITEMS;
  const order = Number.isFinite(firstScreen) ? await readingOrderOf(sectionId) : null;
  const first = order?.slice(0, firstScreen);
  const wanted = (kind: 'comment' | 'suggestion') => first?.filter((entry) => entry.kind === kind).map((entry) => entry.id) ?? true;
  const feedback = await readSectionFeedback(caller, sectionId, { comments: wanted('comment'), suggestions: wanted('suggestion') });
  const shown = inReadingOrder(feedback);
  const later = order && first && order.length > first.length ? { after: first[first.length - 1].key, count: order.length - first.length } : null;
  return {
    phase: feedback.phase,
    textFingerprint: textFingerprint(feedback.text),
    versionId: feedback.versionId,
    comments: commentsOf(shown),
    suggestions: suggestionsOf(shown),
    later,
  };
}

/** Everything the section page shows beside the text (when it comes back into view). */
export async function getAllSectionFeedback(caller: Caller, sectionId: string): Promise<SectionFeedbackData & { phase: Phase }> {
  return getSectionFeedback(caller, sectionId, { firstScreen: Number.POSITIVE_INFINITY });
}

/**
 * The threads and suggestions after `after` in reading order: the rest of a busy
 * section's margin, which the page asks for once its first screen is shown.
 */
export async function getLaterFeedback(caller: Caller, sectionId: string, after: unknown): Promise<Pick<SectionFeedbackData, 'textFingerprint' | 'comments' | 'suggestions'>> {
  const cursor = parseInput(readingKeySchema, after);
  const feedback = await readSectionFeedback(caller, sectionId, { comments: true, suggestions: true });
  const rest = inReadingOrder(feedback).filter((entry) => compareReading(entry.key, cursor) > 0);
  return { textFingerprint: textFingerprint(feedback.text), comments: commentsOf(rest), suggestions: suggestionsOf(rest) };
}

/** Open threads and open suggestions per section of a response (for the contents page). */
export async function countOpenFeedback(caller: Caller, responseId: string): Promise<Record<string, FeedbackCounts>> {
  void caller;
  const rows = await db().$queryRaw<{ id: string; comments: number; suggestions: number }[]>`
    select s.id,
      (select count(*)::int from "Comment" c where c."sectionId" = s.id and c."parentId" is null and c.status = 'OPEN' and c."withdrawnAt" is null) as comments,
      (select count(*)::int from "Suggestion" g where g."sectionId" = s.id and g.status = 'OPEN') as suggestions
    from "Section" s
    where s."responseId" = ${responseId}`;
  return Object.fromEntries(rows.map((row) => [row.id, { comments: row.comments, suggestions: row.suggestions }]));
}
