/** Reads of suggestions, for any signed-in person of the network. */
import 'server-only';
import type { Caller } from '@/lib/auth/policy';
import { db, Prisma } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { readSectionFeedback } from '@/lib/feedback/queries';
import { suggestionDto, suggestionsJsonSql, type SuggestionRow } from '@/lib/feedback/read-model';
import type { SuggestionDto } from '@/lib/feedback/types';

/** The section's suggestions (open and decided; withdrawn ones left out), oldest first. */
export async function listSuggestions(caller: Caller, sectionId: string): Promise<SuggestionDto[]> {
  return (await readSectionFeedback(caller, sectionId, { comments: false, suggestions: true })).suggestions;
}

export async function getSuggestion(caller: Caller, suggestionId: string): Promise<SuggestionDto> {
  const rows = await db().$queryRaw<{ text: string | null; versionId: string | null; suggestions: SuggestionRow[] }[]>`
    select v.text, v.id as "versionId", ${suggestionsJsonSql(caller.id, Prisma.sql`g.id = t.id`)} as suggestions
    from "Suggestion" t
    join "Section" s on s.id = t."sectionId"
    left join "SectionVersion" v on v.id = s."currentVersionId"
    where t.id = ${suggestionId}`;
  const row = rows[0];
  if (!row) throw notFound('That suggestion');
  return suggestionDto(row.suggestions[0], caller, { text: row.text ?? '', versionId: row.versionId });
}
