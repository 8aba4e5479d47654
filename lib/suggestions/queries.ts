/** Reads of suggestions, for any signed-in person of the network. */
import 'server-only';
import type { Caller } from '@/lib/auth/policy';
import { Prisma } from '@/lib/db';
import { readFeedbackItem, readSectionFeedback } from '@/lib/feedback/queries';
import { suggestionDto, suggestionsJsonSql, type SuggestionRow } from '@/lib/feedback/read-model';
import type { SuggestionDto } from '@/lib/feedback/types';

/** The section's suggestions (open and decided; withdrawn ones left out), oldest first. */
export async function listSuggestions(caller: Caller, sectionId: string): Promise<SuggestionDto[]> {
  return (await readSectionFeedback(caller, sectionId, { comments: false, suggestions: true })).suggestions;
}

export async function getSuggestion(caller: Caller, suggestionId: string): Promise<SuggestionDto> {
  const { current, rows } = await readFeedbackItem<SuggestionRow>('Suggestion', suggestionId, suggestionsJsonSql(caller.id, Prisma.sql`g.id = t.id`), 'That suggestion');
  return suggestionDto(rows[0], caller, current);
}
