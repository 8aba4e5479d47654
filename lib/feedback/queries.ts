/**
 * Reads of a section's feedback — comments and suggestions — for any signed-in person
 * of the network. The section page gets everything in one SQL query.
 */
import 'server-only';
import type { Caller } from '@/lib/auth/policy';
import { db, Prisma } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { buildThreads, commentsJsonSql, suggestionDto, suggestionsJsonSql, type CommentRow, type Current, type SuggestionRow } from '@/lib/feedback/read-model';
import type { CommentDto, FeedbackCounts, SuggestionDto } from '@/lib/feedback/types';
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

/** The section's current text with its threads and/or suggestions (withdrawn ones left out). */
export async function readSectionFeedback(caller: Caller, sectionId: string, parts: { comments: boolean; suggestions: boolean }): Promise<SectionFeedback> {
  const comments = parts.comments ? commentsJsonSql(caller.id, Prisma.sql`c."sectionId" = s.id`) : Prisma.sql`'[]'::json`;
  // Withdrawn suggestions are left out here, in SQL: isSuggestionShown (lib/feedback/shown.ts) is the rule.
  const suggestions = parts.suggestions
    ? suggestionsJsonSql(caller.id, Prisma.sql`g."sectionId" = s.id and g.status <> 'WITHDRAWN'`)
    : Prisma.sql`'[]'::json`;
  const rows = await db().$queryRaw<FeedbackRow[]>`
    select v.text, v.id as "versionId", r.phase::text as phase, ${comments} as comments, ${suggestions} as suggestions
    from "Section" s
    join "Response" r on r.id = s."responseId"
    left join "SectionVersion" v on v.id = s."currentVersionId"
    where s.id = ${sectionId}`;
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
 * Everything the section page shows beside the text, in one SQL query: threads with their
 * replies, suggestions, agreement counts and the viewer's own agreements, each anchor
 * placed in the current text.
 */
export async function getSectionFeedback(caller: Caller, sectionId: string): Promise<SectionFeedback> {
  return readSectionFeedback(caller, sectionId, { comments: true, suggestions: true });
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
