'use server';

/**
 * The section page's doors onto comments and suggestions: each calls the same lib/
 * function as the /api/v1 routes and returns the changed item for the page to show,
 * without re-rendering a page that may hold a thousand comments.
 */
import { runAction, type ActionState } from '@/lib/api/action';
import { createComment, updateComment, withdrawComment } from '@/lib/comments/mutations';
import { agree, withdrawAgreement } from '@/lib/feedback/agreements';
import { getAllSectionFeedback } from '@/lib/feedback/queries';
import type { AgreementState, CommentDto, SectionFeedbackData, SuggestionDto } from '@/lib/feedback/types';
import { acceptSuggestion, createSuggestion, declineSuggestion, withdrawSuggestion } from '@/lib/suggestions/mutations';

export async function createCommentAction(sectionId: string, input: unknown): Promise<ActionState<CommentDto>> {
  return runAction(async (caller) => (await createComment(caller, sectionId, input)).comment);
}

export async function updateCommentAction(commentId: string, input: unknown): Promise<ActionState<CommentDto>> {
  return runAction((caller) => updateComment(caller, commentId, input));
}

export async function withdrawCommentAction(commentId: string): Promise<ActionState<CommentDto>> {
  return runAction((caller) => withdrawComment(caller, commentId));
}

export async function createSuggestionAction(sectionId: string, input: unknown): Promise<ActionState<SuggestionDto>> {
  return runAction(async (caller) => (await createSuggestion(caller, sectionId, input)).suggestion);
}

export async function acceptSuggestionAction(suggestionId: string, input: unknown): Promise<ActionState<SuggestionDto>> {
  return runAction(async (caller) => (await acceptSuggestion(caller, suggestionId, input)).suggestion);
}

export async function declineSuggestionAction(suggestionId: string, input: unknown): Promise<ActionState<SuggestionDto>> {
  return runAction((caller) => declineSuggestion(caller, suggestionId, input));
}

export async function withdrawSuggestionAction(suggestionId: string): Promise<ActionState<SuggestionDto>> {
  return runAction((caller) => withdrawSuggestion(caller, suggestionId));
}

export async function setAgreementAction(kind: 'comment' | 'suggestion', id: string, agreed: boolean): Promise<ActionState<AgreementState>> {
  if (kind !== 'comment' && kind !== 'suggestion') return { error: 'Unknown kind of feedback' };
  return runAction((caller) => (agreed ? agree(caller, { kind, id }) : withdrawAgreement(caller, { kind, id })));
}

/** The section's feedback as it is now, all of it (when the page comes back into view). */
export async function refreshFeedbackAction(sectionId: string): Promise<ActionState<SectionFeedbackData>> {
  return runAction((caller) => getAllSectionFeedback(caller, sectionId));
}
