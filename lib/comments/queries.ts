/** Reads of comments, for any signed-in person of the network. */
import 'server-only';
import type { Caller } from '@/lib/auth/policy';
import { Prisma } from '@/lib/db';
import { readFeedbackItem, readSectionFeedback } from '@/lib/feedback/queries';
import { buildThreads, commentDto, commentsJsonSql, type CommentRow } from '@/lib/feedback/read-model';
import type { CommentDto } from '@/lib/feedback/types';

/** The section's threads, oldest first, each with its replies. */
export async function listComments(caller: Caller, sectionId: string): Promise<CommentDto[]> {
  return (await readSectionFeedback(caller, sectionId, { comments: true, suggestions: false })).comments;
}

/** One comment as the API and the page show it (a thread comes with its replies), withdrawn or not. */
export async function getComment(caller: Caller, commentId: string): Promise<CommentDto> {
  const { current, rows } = await readFeedbackItem<CommentRow>('Comment', commentId, commentsJsonSql(caller.id, Prisma.sql`(c.id = t.id or c."parentId" = t.id)`), 'That comment');
  const target = rows.find((comment) => comment.id === commentId)!;
  if (target.parentId) return commentDto(target, caller, current);
  return buildThreads(rows, caller, current, { dropWithdrawn: false })[0];
}
