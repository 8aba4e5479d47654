/**
 * Storing a new contribution (a comment, a suggestion or a case study) once, in one round
 * trip to the database.
 *
 * Contributing is the busiest write in Chorus (everyone comments in the last hours before a
 * deadline), so it is one statement rather than a client-side transaction: the SQL function
 * chorus_submit_once (prisma/migrations/…_contributions_submit_once) takes the author's
 * lock, recognises a resend by the unique (authorId, clientKey) key rather than by a read
 * beforehand, applies the kind's allowance (lib/contributions/allowances.ts) to the stored
 * rows, inserts the item, its audit event and any notifications, and commits — all or
 * nothing. Validation and permissions are the caller's, before (checkUnlessResent). A caller
 * that checked against a section read earlier (lib/feedback/section.ts) names it, and the
 * item is stored only if that section is still current ('stale' otherwise).
 */
import 'server-only';
import type { AuditInput } from '@/lib/audit';
import type { CaseStudyRecord } from '@/lib/case-studies/dto';
import { allowanceFor, rateLimitedError } from '@/lib/contributions/allowances';
import { sql } from '@/lib/db';
import { newId } from '@/lib/db/ids';
import { AppError } from '@/lib/errors';
import type { Notice } from '@/lib/notifications/mutations';

type CommentRow = { sectionId: string; authorId: string; parentId: string | null; body: string; anchor: unknown; clientKey?: string | null };
type SuggestionRow = { sectionId: string; authorId: string; anchor: unknown; replacement: string; reason?: string; baseVersionId: string | null; clientKey?: string | null };
/** The stored columns of a case study (as the DTO mapper reads them), with its response and the sections it supports (CaseStudySection rows). */
type CaseStudyRow = Omit<CaseStudyRecord, 'id' | 'createdAt' | 'updatedAt' | 'response' | 'author' | 'sections' | 'decisions' | 'quotes'> & {
  responseId: string;
  sectionIds: string[];
  clientKey?: string | null;
};

export type Contribution = { kind: 'comment'; row: CommentRow } | { kind: 'suggestion'; row: SuggestionRow } | { kind: 'case-study'; row: CaseStudyRow };

/** What happened: a new row, or the row this author stored earlier with the same clientKey. */
export type Submitted = { created: true; id: string; createdAt: Date } | { created: false; id: string };

/** The facts about a section a contribution was checked against: its current version and its response's phase. */
export type CheckedSection = { id: string; versionId: string | null; phase: string };

/**
 * Inserts `contribution` with its audit event (`targetId` is the new row's id) and
 * `notices`, or answers the row stored earlier under its clientKey, or throws the 429 of
 * its allowance.
 */
export async function submitOnce(contribution: Contribution, audit: Omit<AuditInput, 'targetId'>, notices?: Notice[]): Promise<Submitted>;
/** The same, stored only if `checkedAgainst` is still the section's version and phase: 'stale' (nothing stored) otherwise. */
export async function submitOnce(contribution: Contribution, audit: Omit<AuditInput, 'targetId'>, notices: Notice[], checkedAgainst: CheckedSection): Promise<Submitted | 'stale'>;
export async function submitOnce(contribution: Contribution, audit: Omit<AuditInput, 'targetId'>, notices: Notice[] = [], checkedAgainst?: CheckedSection): Promise<Submitted | 'stale'> {
  const allowance = allowanceFor(contribution.kind);
  const now = new Date();
  const createdAt = now.toISOString();
  const id = newId();
  // Comments and suggestions start open; a case study says its own status.
  const row = { status: 'OPEN', ...contribution.row, id, clientKey: contribution.row.clientKey ?? null, createdAt, updatedAt: createdAt };
  const auditRow = { id: newId(), actorId: audit.actorId, action: audit.action, targetType: audit.targetType ?? null, targetId: id, data: audit.data ?? null, createdAt };
  const noticeRows = notices.map(({ userId, kind, title, body, link }) => ({ id: newId(), userId, kind, title, body, link, createdAt }));
  const [answer] = await sql<{ result: 'created' | 'existing' | 'rate_limited' | 'stale'; item_id: string | null; retry_from: number | null }>(
    'select result, item_id, retry_from from chorus_submit_once($1, $2::jsonb, $3::jsonb, $4::jsonb, $5::text[], $6::timestamp(3), $7, $8::jsonb)',
    [
      contribution.kind,
      JSON.stringify(row),
      JSON.stringify(auditRow),
      JSON.stringify(noticeRows),
      allowance.kinds,
      new Date(now.getTime() - allowance.windowMs).toISOString(),
      allowance.most,
      checkedAgainst ? JSON.stringify({ id: checkedAgainst.id, versionId: checkedAgainst.versionId, phase: checkedAgainst.phase }) : null,
    ],
    { prepare: 'chorus_submit_once' },
  );
  if (answer.result === 'rate_limited') throw rateLimitedError(allowance, new Date(answer.retry_from!), now);
  if (answer.result === 'existing') return { created: false, id: answer.item_id! };
  if (answer.result === 'stale') return 'stale';
  return { created: true, id, createdAt: now };
}

/**
 * Runs the checks that come before submitting. When one fails with an expected error and the
 * person already stored something under this request's clientKey (`resent` finds it), that
 * first answer is returned instead: a resend gets what the first request got, even if the
 * section changed or the response closed in between.
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
