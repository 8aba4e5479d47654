import type { ActionState } from '@/lib/api/action';
import type { AgreementState, CommentDto, SectionFeedbackData, SuggestionDto } from '@/lib/feedback/types';

/** What the person looking at the page may do (decided on the server from their role and the phase). */
export type Viewer = { id: string; canComment: boolean; canResolveAny: boolean; canDecide: boolean };

/** The server actions behind the section page's feedback (see app/(app)/sections/[id]/feedback-actions.ts). */
export type FeedbackActions = {
  createCommentAction(sectionId: string, input: unknown): Promise<ActionState<CommentDto>>;
  updateCommentAction(commentId: string, input: unknown): Promise<ActionState<CommentDto>>;
  withdrawCommentAction(commentId: string): Promise<ActionState<CommentDto>>;
  createSuggestionAction(sectionId: string, input: unknown): Promise<ActionState<SuggestionDto>>;
  acceptSuggestionAction(suggestionId: string, input: unknown): Promise<ActionState<SuggestionDto>>;
  declineSuggestionAction(suggestionId: string, input: unknown): Promise<ActionState<SuggestionDto>>;
  withdrawSuggestionAction(suggestionId: string): Promise<ActionState<SuggestionDto>>;
  setAgreementAction(kind: 'comment' | 'suggestion', id: string, agreed: boolean): Promise<ActionState<AgreementState>>;
  refreshFeedbackAction(sectionId: string): Promise<ActionState<SectionFeedbackData>>;
};

/** The same actions, bound to the page's state: each updates what is shown when it succeeds. */
export type FeedbackHandlers = {
  reply(threadId: string, body: string, clientKey: string): Promise<ActionState<CommentDto>>;
  editComment(commentId: string, body: string): Promise<ActionState<CommentDto>>;
  withdrawComment(commentId: string): Promise<ActionState<CommentDto>>;
  setThreadStatus(threadId: string, status: 'OPEN' | 'RESOLVED'): Promise<ActionState<CommentDto>>;
  setAgreement(kind: 'comment' | 'suggestion', id: string, agreed: boolean): Promise<ActionState<AgreementState>>;
  acceptSuggestion(suggestionId: string, overrideOutdated: boolean): Promise<ActionState<SuggestionDto>>;
  declineSuggestion(suggestionId: string, reason: string): Promise<ActionState<SuggestionDto>>;
  withdrawSuggestion(suggestionId: string): Promise<ActionState<SuggestionDto>>;
};
