/**
 * Writing comments: start a thread on a passage or the whole section, reply, edit (the
 * earlier text is kept), withdraw (the thread survives as "withdrawn"), resolve and reopen.
 * Each function checks its own permissions and records an audit event in the same
 * transaction as the change.
 */
import 'server-only';
import { recordAudit } from '@/lib/audit';
import type { Caller } from '@/lib/auth/policy';
import { getComment } from '@/lib/comments/queries';
import { mayEditComment, mayResolveThread, mayWithdrawComment } from '@/lib/comments/policy';
import { createCommentSchema, updateCommentSchema, type CreateCommentInput } from '@/lib/comments/schemas';
import { checkUnlessResent, submitOnce } from '@/lib/contributions/submit-once';
import { db } from '@/lib/db';
import { AppError, forbidden, notFound, parseInput } from '@/lib/errors';
import { anchorInText } from '@/lib/feedback/anchors';
import { assertOpenForFeedback } from '@/lib/feedback/policy';
import { newCommentDto } from '@/lib/feedback/read-model';
import { forgetFeedbackSection, loadFeedbackSection, recentFeedbackSection, type FeedbackSection } from '@/lib/feedback/section';
import type { CommentDto } from '@/lib/feedback/types';
import type { Phase } from '@/lib/generated/prisma/enums';
import { afterResponse } from '@/lib/http/after-response';
import { emailNotices, type Notice } from '@/lib/notifications/mutations';

export type CreatedComment = { comment: CommentDto; created: boolean };

function badField(field: string, message: string): AppError {
  return new AppError('bad_request', `Invalid input: ${field}: ${message}`, { fields: { [field]: message } });
}

function excerpt(text: string, length = 500): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/**
 * Posts a comment on a section: a new thread (on a passage, or the whole section without
 * an anchor) or, with `parentId`, a reply in that comment's thread. With a `clientKey`
 * already used by this person, returns the comment it created (`created: false`).
 *
 * Two round trips to the database: the section (with the comment replied to and its
 * thread's participants), then one statement that applies the rate limit and stores the
 * comment, its audit event and the reply notifications (lib/contributions/submit-once.ts).
 * A new thread on a section this process read lately is checked against that copy and
 * costs only the storing statement, which stores it only if the copy is still current; if
 * not, the comment is checked again on a fresh read (lib/feedback/section.ts).
 */
export async function createComment(caller: Caller, sectionId: string, input: unknown): Promise<CreatedComment> {
  const data = parseInput(createCommentSchema, input);

  const copy = data.parentId ? null : recentFeedbackSection(sectionId);
  const onCopy = copy && checkedOrNull(() => checkComment(caller, copy, data));
  if (copy && onCopy) {
    const stored = await storeComment(caller, data, onCopy, copy);
    if (stored !== 'stale') return stored;
    forgetFeedbackSection(sectionId);
  }

  const replay = async () => {
    if (!data.clientKey) return null;
    const existing = await db().comment.findUnique({ where: { authorId_clientKey: { authorId: caller.id, clientKey: data.clientKey } }, select: { id: true } });
    return existing ? { comment: await getComment(caller, existing.id), created: false } : null;
  };
  const checked = await checkUnlessResent(
    async () => checkComment(caller, await loadFeedbackSection(sectionId, { replyTo: data.parentId, callerId: caller.id }), data),
    replay,
  );
  if ('resent' in checked) return checked.resent;
  return storeComment(caller, data, checked.checked);
}

/**
 * The checks on a copy of the section, or null when one fails: a copy may be out of date,
 * so its refusal is not the answer; the fresh read's is.
 */
function checkedOrNull<T>(check: () => T): T | null {
  try {
    return check();
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

type CheckedComment = ReturnType<typeof checkComment>;

/** Stores a checked comment (only if `copy` is still current, when given) and answers it as the poster sees it. */
async function storeComment(caller: Caller, data: CreateCommentInput, checked: CheckedComment): Promise<CreatedComment>;
async function storeComment(caller: Caller, data: CreateCommentInput, checked: CheckedComment, copy: FeedbackSection): Promise<CreatedComment | 'stale'>;
async function storeComment(caller: Caller, data: CreateCommentInput, checked: CheckedComment, copy?: FeedbackSection): Promise<CreatedComment | 'stale'> {
  const { section, threadId, anchor, notices } = checked;
  const contribution = { kind: 'comment' as const, row: { sectionId: section.id, authorId: caller.id, parentId: threadId, body: data.body, anchor, clientKey: data.clientKey } };
  const audit = {
    actorId: caller.id,
    action: threadId ? 'comment.reply' : 'comment.create',
    targetType: 'comment',
    data: { sectionId: section.id, ...(threadId ? { threadId } : {}), ...(anchor ? { exact: excerpt(anchor.exact, 200) } : {}) },
  };
  const posted = copy ? await submitOnce(contribution, audit, notices, copy) : await submitOnce(contribution, audit, notices);
  if (posted === 'stale') return 'stale';
  if (!posted.created) return { comment: await getComment(caller, posted.id), created: false };
  await afterResponse(() => emailNotices(notices));
  return {
    created: true,
    comment: newCommentDto(
      { id: posted.id, sectionId: section.id, parentId: threadId, body: data.body, anchor, createdAt: posted.createdAt },
      caller,
      { text: section.text, versionId: section.versionId },
    ),
  };
}

/** Everything checked before a comment is stored: the phase, the thread, the passage; and who hears about a reply. */
function checkComment(caller: Caller, section: FeedbackSection, data: CreateCommentInput) {
  assertOpenForFeedback(caller, section.phase);
  let threadId: string | null = null;
  let notices: Notice[] = [];
  if (data.parentId) {
    if (data.anchor) throw badField('anchor', 'A reply belongs to its thread and has no passage of its own: leave out "anchor"');
    const parent = section.replyTo;
    if (!parent) throw notFound('The comment you are replying to');
    if (parent.sectionId !== section.id) throw badField('parentId', 'That comment is on another section');
    threadId = parent.threadId;
    // Everyone whose words are in the thread hears about the reply, except the one replying.
    const who = caller.name?.trim() || 'A member';
    notices = parent.participantIds.map((userId) => ({
      userId,
      kind: 'comment.reply',
      title: `${who} replied to your comment on ${section.title}`,
      body: `${who} replied in a thread on "${section.title}" (${section.responseTitle}):\n\n${excerpt(data.body)}`,
      link: `/sections/${section.id}#comment-${threadId}`,
    }));
  }
  const anchor = !threadId && data.anchor ? anchorInText(section.text, data.anchor, section.versionId) : null;
  return { section, threadId, anchor, notices };
}

type CommentFacts = { id: string; authorId: string; parentId: string | null; body: string; status: 'OPEN' | 'RESOLVED'; withdrawnAt: Date | null; phase: Phase };

async function loadComment(commentId: string): Promise<CommentFacts> {
  const rows = await db().$queryRaw<CommentFacts[]>`
    select c.id, c."authorId", c."parentId", c.body, c.status::text as status, c."withdrawnAt", r.phase::text as phase
    from "Comment" c
    join "Section" s on s.id = c."sectionId"
    join "Response" r on r.id = s."responseId"
    where c.id = ${commentId}`;
  if (!rows[0]) throw notFound('That comment');
  return rows[0];
}

/**
 * Changes a comment's text (its author only, while the response is open for comment; the
 * earlier text is kept as a CommentRevision) and/or its thread's status (resolved or open:
 * the thread's author, drafters and coordinators).
 */
export async function updateComment(caller: Caller, commentId: string, input: unknown): Promise<CommentDto> {
  const data = parseInput(updateCommentSchema, input);
  const comment = await loadComment(commentId);
  const newBody = data.body !== undefined && data.body !== comment.body ? data.body : undefined;
  if (data.body !== undefined) {
    if (!mayEditComment(caller, comment)) {
      if (caller.id === comment.authorId) throw new AppError('conflict', 'This comment was withdrawn and can no longer be edited');
      throw forbidden('Only its author can edit a comment');
    }
    assertOpenForFeedback(caller, comment.phase);
  }
  const newStatus = data.status !== undefined && data.status !== comment.status ? data.status : undefined;
  if (data.status !== undefined) {
    if (comment.parentId) throw badField('status', "A reply is resolved with its thread: change the status of the thread's first comment");
    if (!mayResolveThread(caller, comment)) throw forbidden('Only the person who started the thread, drafters and coordinators can resolve or reopen it');
  }
  if (newBody !== undefined || newStatus !== undefined) {
    await db().$transaction(async (tx) => {
      if (newBody !== undefined) {
        await tx.commentRevision.create({ data: { commentId, body: comment.body } });
        await tx.comment.update({ where: { id: commentId }, data: { body: newBody, editedAt: new Date() } });
        await recordAudit(tx, { actorId: caller.id, action: 'comment.edit', targetType: 'comment', targetId: commentId });
      }
      if (newStatus !== undefined) {
        const resolved = newStatus === 'RESOLVED';
        await tx.comment.update({
          where: { id: commentId },
          data: { status: newStatus, resolvedById: resolved ? caller.id : null, resolvedAt: resolved ? new Date() : null },
        });
        await recordAudit(tx, { actorId: caller.id, action: resolved ? 'comment.resolve' : 'comment.reopen', targetType: 'comment', targetId: commentId });
      }
    });
  }
  return getComment(caller, commentId);
}

/**
 * Withdraws a comment (its author only). Its text disappears for everyone; a thread with
 * replies stays, shown as withdrawn. Nothing is deleted. Withdrawing twice changes nothing.
 */
export async function withdrawComment(caller: Caller, commentId: string): Promise<CommentDto> {
  const comment = await loadComment(commentId);
  if (!mayWithdrawComment(caller, comment)) throw forbidden('Only its author can withdraw a comment');
  if (!comment.withdrawnAt) {
    await db().$transaction(async (tx) => {
      await tx.comment.update({ where: { id: commentId }, data: { withdrawnAt: new Date() } });
      await recordAudit(tx, { actorId: caller.id, action: 'comment.withdraw', targetType: 'comment', targetId: commentId });
    });
  }
  return getComment(caller, commentId);
}
