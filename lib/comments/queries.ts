/** Reads of comments, for any signed-in person of the network. */
import 'server-only';
import type { Caller } from '@/lib/auth/policy';
import { db, Prisma } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { readSectionFeedback } from '@/lib/feedback/queries';
import { buildThreads, commentDto, commentsJsonSql, type CommentRow, type Current } from '@/lib/feedback/read-model';
import type { CommentDto } from '@/lib/feedback/types';

/** The section's threads, oldest first, each with its replies. */
export async function listComments(caller: Caller, sectionId: string): Promise<CommentDto[]> {
  return (await readSectionFeedback(caller, sectionId, { comments: true, suggestions: false })).comments;
}

/** One comment as the API and the page show it (a thread comes with its replies), withdrawn or not. */
export async function getComment(caller: Caller, commentId: string): Promise<CommentDto> {
  const rows = await db().$queryRaw<{ text: string | null; versionId: string | null; comments: CommentRow[] }[]>`
    select v.text, v.id as "versionId",
      ${commentsJsonSql(caller.id, Prisma.sql`(c.id = t.id or c."parentId" = t.id)`)} as comments
    from "Comment" t
    join "Section" s on s.id = t."sectionId"
    left join "SectionVersion" v on v.id = s."currentVersionId"
    where t.id = ${commentId}`;
  const row = rows[0];
  if (!row) throw notFound('That comment');
  const current: Current = { text: row.text ?? '', versionId: row.versionId };
  const target = row.comments.find((comment) => comment.id === commentId)!;
  if (target.parentId) return commentDto(target, caller, current);
  return buildThreads(row.comments, caller, current, { dropWithdrawn: false })[0];
}
