/**
 * Storing a new comment or suggestion in one round trip to the database.
 *
 * Posting is the busiest write in Chorus (everyone comments in the last hours before a
 * deadline), so it is one statement rather than a client-side transaction of six: the SQL
 * function chorus_post_feedback (prisma/migrations/…_feedback_in_one_statement) takes the
 * author's lock, applies the 30-a-minute limit to the stored rows, inserts the item, its
 * audit event and any notifications, and commits — all or nothing, as before. A resend
 * with the same clientKey is recognised by the unique (authorId, clientKey) key, not by a
 * read beforehand.
 */
import 'server-only';
import type { AuditInput } from '@/lib/audit';
import { sql } from '@/lib/db';
import { newId } from '@/lib/db/ids';
import { AppError } from '@/lib/errors';
import { FEEDBACK_PER_MINUTE, FEEDBACK_WINDOW_MS, rateLimitedError } from '@/lib/feedback/rate-limit';
import type { Notice } from '@/lib/notifications/mutations';

type CommentRow = { sectionId: string; authorId: string; parentId: string | null; body: string; anchor: unknown; clientKey?: string };
type SuggestionRow = { sectionId: string; authorId: string; anchor: unknown; replacement: string; reason?: string; baseVersionId: string | null; clientKey?: string };

export type FeedbackItem = { kind: 'comment'; row: CommentRow } | { kind: 'suggestion'; row: SuggestionRow };

/** What happened: a new row, or the row this author stored earlier with the same clientKey. */
export type PostedFeedback = { created: true; id: string; createdAt: Date } | { created: false; id: string };

/**
 * Inserts `item` with its audit event (`targetId` is the new row's id) and `notices`, or
 * throws the 429 of the rate limit. Validation and permissions are the caller's, before.
 */
export async function postFeedback(item: FeedbackItem, audit: Omit<AuditInput, 'targetId'>, notices: Notice[] = []): Promise<PostedFeedback> {
  const now = new Date();
  const createdAt = now.toISOString();
  const id = newId();
  const row = { ...item.row, id, status: 'OPEN', clientKey: item.row.clientKey ?? null, createdAt };
  const auditRow = { id: newId(), actorId: audit.actorId, action: audit.action, targetType: audit.targetType ?? null, targetId: id, data: audit.data ?? null, createdAt };
  const noticeRows = notices.map(({ userId, kind, title, body, link }) => ({ id: newId(), userId, kind, title, body, link, createdAt }));
  const [answer] = await sql<{ result: 'created' | 'existing' | 'rate_limited'; item_id: string | null; retry_from: number | null }>(
    'select result, item_id, retry_from from chorus_post_feedback($1, $2::jsonb, $3::jsonb, $4::jsonb, $5::timestamp(3), $6)',
    [item.kind, JSON.stringify(row), JSON.stringify(auditRow), JSON.stringify(noticeRows), new Date(now.getTime() - FEEDBACK_WINDOW_MS).toISOString(), FEEDBACK_PER_MINUTE],
    { prepare: 'chorus_post_feedback' },
  );
  if (answer.result === 'rate_limited') throw rateLimitedError(new Date(answer.retry_from!), now);
  if (answer.result === 'existing') return { created: false, id: answer.item_id! };
  return { created: true, id, createdAt: now };
}

/**
 * Runs the checks that come before posting. When one fails with an expected error and the
 * person already stored something under this request's clientKey (`resent` finds it), that
 * first answer is returned instead: a resend gets what the first request got, even if the
 * section changed or closed in between.
 */
export async function checkUnlessResent<Checked, Resent>(check: () => Promise<Checked>, resent: () => Promise<Resent | null>): Promise<{ checked: Checked } | { resent: Resent }> {
  try {
    return { checked: await check() };
  } catch (error) {
    if (error instanceof AppError) {
      const first = await resent();
      if (first) return { resent: first };
    }
    throw error;
  }
}
