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
import { buildThreads, commentsJsonSql, suggestionDto, suggestionLocation, suggestionsJsonSql, threadLocation, type CommentRow, type Current, type SuggestionRow } from '@/lib/feedback/read-model';
import { isSuggestionShown, isThreadShown } from '@/lib/feedback/shown';
import { compareReading, FIRST_SCREEN_ITEMS, readingKey, type ReadingKey } from '@/lib/feedback/reading-order';
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
export async function readSectionFeedback(caller: Caller, sectionId: string, parts: Wanted, shown?: Current): Promise<SectionFeedback> {
  const only = (ids: boolean | string[], column: Prisma.Sql) => (Array.isArray(ids) ? Prisma.sql` and ${column} = any(${ids}::text[])` : Prisma.empty);
  const comments = parts.comments
    ? commentsJsonSql(
        caller.id,
        Array.isArray(parts.comments)
          ? // The threads named and their replies, found through the id and parentId indexes (not by testing every comment of the section).
            Prisma.sql`c."sectionId" = s.id and (c.id = any(${parts.comments}::text[]) or c."parentId" = any(${parts.comments}::text[]))`
          : Prisma.sql`c."sectionId" = s.id`,
      )
    : Prisma.sql`'[]'::json`;
  // Withdrawn suggestions are left out here, in SQL: isSuggestionShown (lib/feedback/shown.ts) is the rule.
  const suggestions = parts.suggestions
    ? suggestionsJsonSql(caller.id, Prisma.sql`g."sectionId" = s.id and g.status <> 'WITHDRAWN'${only(parts.suggestions, Prisma.sql`g.id`)}`)
    : Prisma.sql`'[]'::json`;
  // Given the text the page shows (`shown`), anchors are placed in that, not read again.
  const text = shown ? Prisma.sql`null as text, null as "versionId"` : Prisma.sql`v.text, v.id as "versionId"`;
  const query = Prisma.sql`
    select ${text}, r.phase::text as phase, ${comments} as comments, ${suggestions} as suggestions
    from "Section" s
    join "Response" r on r.id = s."responseId"
    left join "SectionVersion" v on v.id = s."currentVersionId"
    where s.id = ${sectionId}`;
  // One statement text per combination of parts, so each is planned once per connection.
  const part = (ids: boolean | string[]) => (Array.isArray(ids) ? 'listed' : ids ? 'all' : 'none');
  const rows = await sql<FeedbackRow>(query.text, query.values, { prepare: `chorus_feedback_${part(parts.comments)}_${part(parts.suggestions)}${shown ? '_in_shown' : ''}` });
  const row = rows[0];
  if (!row) throw notFound('That section');
  const current = shown ?? currentOf(row);
  return {
    ...current,
    phase: row.phase,
    comments: buildThreads(row.comments, caller, current),
    suggestions: row.suggestions.map((suggestion) => suggestionDto(suggestion, caller, current)),
  };
}

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
  kind: 'comment' | 'suggestion';
  id: string;
  /** Seconds since 1970 (UTC), to the millisecond: cheaper to read than a formatted time. */
  createdAt: number;
  /** The anchor as stored (null: a comment on the whole section); the locations read it themselves. */
  anchor: unknown;
  withdrawn: boolean;
  liveReply: boolean;
  status: SuggestionDto['status'] | null;
};

/**
 * The section's threads and suggestions in reading order, placed in `shown` (the text the
 * page shows), read with just what places them (when written, the anchor) and decides
 * whether the margin shows them (lib/feedback/shown.ts): a busy section's first screen is
 * chosen from this before anything is read in full. On every view of a busy section, so
 * kept cheap for PostgreSQL: times as numbers (formatting a thousand of them was half the
 * statement's time), each anchor as stored, and the threads with a reply found by one pass
 * over the section's replies rather than a probe per thread.
 */
async function readingOrderOf(sectionId: string, shown: Current) {
  const rows = await sql<OrderRow>(
    `select 'comment' as kind, c.id, date_part('epoch', c."createdAt") as "createdAt", c.anchor,
       c."withdrawnAt" is not null as withdrawn, reply."parentId" is not null as "liveReply", null as status
     from "Comment" c
     -- Replies are filed under their thread's section: hash this section's, not every comment in the database.
     left join (select distinct x."parentId" from "Comment" x where x."sectionId" = $1 and x."parentId" is not null and x."withdrawnAt" is null) reply
       on reply."parentId" = c.id
     where c."sectionId" = $1 and c."parentId" is null
     union all
     select 'suggestion', g.id, date_part('epoch', g."createdAt"), g.anchor, false, false, g.status::text
     from "Suggestion" g where g."sectionId" = $1`,
    [sectionId],
    { prepare: 'chorus_feedback_reading_order' },
  );
  return rows
    .filter((row) =>
      row.kind === 'comment' ? isThreadShown({ withdrawn: row.withdrawn, replies: row.liveReply ? [{ withdrawn: false }] : [] }) : isSuggestionShown({ status: row.status! }),
    )
    .map((row) => {
      const location = row.kind === 'comment' ? threadLocation({ parentId: null, anchor: row.anchor }, shown) : suggestionLocation({ anchor: row.anchor, status: row.status! }, shown);
      return { kind: row.kind, id: row.id, key: readingKey({ id: row.id, createdAt: new Date(Math.round(row.createdAt * 1000)).toISOString() }, location) };
    })
    .sort((a, b) => compareReading(a.key, b.key));
}

function sectionFeedbackData(feedback: SectionFeedback, later: SectionFeedbackData['later']): SectionFeedbackData & { phase: Phase } {
  const shown = inReadingOrder(feedback);
  return { phase: feedback.phase, textFingerprint: textFingerprint(feedback.text), versionId: feedback.versionId, comments: commentsOf(shown), suggestions: suggestionsOf(shown), later };
}

/**
 * What the section page shows beside the text: threads with their replies, suggestions,
 * agreement counts and the viewer's own agreements, each anchor placed in `shown` (the text
 * the page has read with the section and shows) — the first FIRST_SCREEN_ITEMS of them in
 * reading order, and where the rest starts. Two queries: the reading order, then the first
 * screen in full.
 */
export async function getSectionFeedback(caller: Caller, sectionId: string, shown: Current): Promise<SectionFeedbackData & { phase: Phase }> {
  const order = await readingOrderOf(sectionId, shown);
  const first = order.slice(0, FIRST_SCREEN_ITEMS);
  const wanted = (kind: 'comment' | 'suggestion') => first.filter((entry) => entry.kind === kind).map((entry) => entry.id);
  const feedback = await readSectionFeedback(caller, sectionId, { comments: wanted('comment'), suggestions: wanted('suggestion') }, shown);
  const later = order.length > first.length ? { after: first[first.length - 1].key, count: order.length - first.length } : null;
  return sectionFeedbackData(feedback, later);
}

/** Everything the section page shows beside the text (when it comes back into view), placed in the current text. */
export async function getAllSectionFeedback(caller: Caller, sectionId: string): Promise<SectionFeedbackData & { phase: Phase }> {
  return sectionFeedbackData(await readSectionFeedback(caller, sectionId, { comments: true, suggestions: true }), null);
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
