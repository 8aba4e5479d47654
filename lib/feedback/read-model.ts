/**
 * Reading comments and suggestions efficiently: a section page with a thousand comments
 * is one SQL query — every comment and reply with its author's name, agreement count and
 * whether the viewer agreed, aggregated to JSON by PostgreSQL — and the anchors are then
 * placed in the current text in memory.
 */
import 'server-only';
import { resolveAnchor } from '@/lib/anchoring/text-quote';
import type { Caller } from '@/lib/auth/policy';
import { Prisma } from '@/lib/db';
import { readStoredAnchor, type StoredAnchor } from '@/lib/feedback/anchors';
import { isThreadShown } from '@/lib/feedback/shown';
import type { AnchorLocation, CommentDto, FeedbackOutcome, PersonName, PublicAnchor, SuggestionDto } from '@/lib/feedback/types';
import type { DispositionKind } from '@/lib/generated/prisma/enums';

const UNNAMED = 'A member';

const feedbackTables = {
  comment: { table: Prisma.raw('"Comment" c'), alias: Prisma.raw('c'), key: Prisma.raw('"commentId"') },
  suggestion: { table: Prisma.raw('"Suggestion" g'), alias: Prisma.raw('g'), key: Prisma.raw('"suggestionId"') },
};

/**
 * JSON rows, oldest first, of the comments (alias c) or suggestions (alias g) matching
 * `where`, each with its author's name (`u`), its own `fields` and `joins`, and what both
 * kinds carry: the agreement count and whether the viewer agreed (lateral `a`), and the
 * disposition a coordinator gave (`d`, by `ou`).
 */
function feedbackJsonSql(kind: keyof typeof feedbackTables, viewerId: string, fields: Prisma.Sql, joins: Prisma.Sql, where: Prisma.Sql): Prisma.Sql {
  const { table, alias, key } = feedbackTables[kind];
  return Prisma.sql`(
    select coalesce(json_agg(json_build_object(
      'id', ${alias}.id, 'sectionId', ${alias}."sectionId", 'authorId', ${alias}."authorId", 'authorName', u.name, 'createdAt', ${alias}."createdAt",
      ${fields},
      'agreeCount', coalesce(a.n, 0), 'agreedByMe', coalesce(a.mine, false),
      'outcomeKind', d.kind, 'outcomeReply', d.reply, 'outcomeByName', ou.name, 'outcomeAt', d."updatedAt"
    ) order by ${alias}."createdAt", ${alias}.id), '[]'::json)
    from ${table}
    join "User" u on u.id = ${alias}."authorId"
    ${joins}
    left join "Disposition" d on d.${key} = ${alias}.id
    left join "User" ou on ou.id = d."actorId"
    left join lateral (
      select count(*)::int as n, bool_or(ag."userId" = ${viewerId}) as mine
      from "Agreement" ag where ag.${key} = ${alias}.id and ag."withdrawnAt" is null
    ) a on true
    where ${where}
  )`;
}

/** JSON rows of the comments matching `where` (a condition on alias c). */
export function commentsJsonSql(viewerId: string, where: Prisma.Sql): Prisma.Sql {
  return feedbackJsonSql(
    'comment',
    viewerId,
    Prisma.sql`'parentId', c."parentId", 'body', case when c."withdrawnAt" is null then c.body else '' end,
      'anchor', c.anchor, 'status', c.status, 'editedAt', c."editedAt", 'withdrawn', c."withdrawnAt" is not null,
      'resolvedAt', c."resolvedAt", 'resolvedByName', ru.name`,
    Prisma.sql`left join "User" ru on ru.id = c."resolvedById"`,
    where,
  );
}

/** JSON rows of the suggestions matching `where` (a condition on alias g). */
export function suggestionsJsonSql(viewerId: string, where: Prisma.Sql): Prisma.Sql {
  return feedbackJsonSql(
    'suggestion',
    viewerId,
    Prisma.sql`'anchor', g.anchor, 'replacement', g.replacement, 'reason', g.reason, 'status', g.status, 'baseVersionId', g."baseVersionId",
      'decidedByName', du.name, 'decidedAt', g."decidedAt", 'declineReason', g."declineReason", 'acceptedVersionId', g."acceptedVersionId"`,
    Prisma.sql`left join "User" du on du.id = g."decidedById"`,
    where,
  );
}

export type CommentRow = {
  id: string;
  sectionId: string;
  parentId: string | null;
  authorId: string;
  authorName: string | null;
  body: string;
  anchor: unknown;
  status: 'OPEN' | 'RESOLVED';
  editedAt: string | null;
  withdrawn: boolean;
  createdAt: string;
  resolvedAt: string | null;
  resolvedByName: string | null;
  agreeCount: number;
  agreedByMe: boolean;
} & OutcomeColumns;

/** The disposition a coordinator gave, if any (absent from rows read without it). */
type OutcomeColumns = { outcomeKind?: DispositionKind | null; outcomeReply?: string | null; outcomeByName?: string | null; outcomeAt?: string | null };

/**
 * What became of a piece of feedback, for its author only: the person who wrote it is the
 * one waiting to hear (others read the report).
 */
function outcome(row: OutcomeColumns & { authorId: string }, viewer: Pick<Caller, 'id'>): FeedbackOutcome | null {
  if (!row.outcomeKind || row.authorId !== viewer.id) return null;
  return { kind: row.outcomeKind, reply: row.outcomeReply ?? null, by: row.outcomeByName || row.outcomeAt ? person(row.outcomeByName ?? null) : null, at: isoDate(row.outcomeAt ?? null) };
}

export type SuggestionRow = {
  id: string;
  sectionId: string;
  authorId: string;
  authorName: string | null;
  anchor: unknown;
  replacement: string;
  reason: string | null;
  status: SuggestionDto['status'];
  baseVersionId: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  declineReason: string | null;
  acceptedVersionId: string | null;
  createdAt: string;
  agreeCount: number;
  agreedByMe: boolean;
} & OutcomeColumns;

/** How PostgreSQL's JSON renders a `timestamp` column: no zone, 0–6 digits after the second. */
const PG_JSON_TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?$/;

/**
 * PostgreSQL's JSON renders `timestamp` columns (UTC in Chorus) without a zone. That form is
 * rewritten as text (a busy section's page reads a thousand of them, and `new Date` costs on
 * the server); anything else goes through Date. Both give what `toISOString` gives.
 */
export function isoDate(value: string | Date): string;
export function isoDate(value: string | Date | null): string | null;
export function isoDate(value: string | Date | null): string | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  const timestamp = PG_JSON_TIMESTAMP.exec(value);
  if (timestamp) return `${timestamp[1]}.${(timestamp[2] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`).toISOString();
}

const person = (name: string | null): PersonName => ({ name: name?.trim() || UNNAMED });

function publicAnchor(anchor: StoredAnchor): PublicAnchor {
  return { exact: anchor.exact, prefix: anchor.prefix, suffix: anchor.suffix, start: anchor.start, end: anchor.end };
}

/** Where `anchor` is in the current text; made on the current version it is where it was. */
export function locate(anchor: StoredAnchor, text: string, versionId: string | null): AnchorLocation {
  if (versionId && anchor.versionId === versionId) return { status: 'anchored', start: anchor.start, end: anchor.end };
  const found = resolveAnchor(text, anchor);
  return { status: found.status, start: found.start, end: found.end };
}

export type Current = { text: string; versionId: string | null };

const place = (anchor: StoredAnchor | null, current: Current): AnchorLocation | null => (anchor ? locate(anchor, current.text, current.versionId) : null);

/** Where a thread's passage is now; null for a comment on the whole section (and for a reply). */
export function threadLocation(row: { parentId: string | null; anchor: unknown }, current: Current): AnchorLocation | null {
  return place(row.parentId ? null : readStoredAnchor(row.anchor), current);
}

const NO_ANCHOR: StoredAnchor = { exact: '', prefix: '', suffix: '', start: 0, end: 0, versionId: null };
const suggestionAnchor = (anchor: unknown): StoredAnchor => readStoredAnchor(anchor) ?? NO_ANCHOR;

/** Where an open suggestion's passage is now; null once it is decided. */
export function suggestionLocation(row: { anchor: unknown; status: SuggestionDto['status'] }, current: Current): AnchorLocation | null {
  return row.status === 'OPEN' ? locate(suggestionAnchor(row.anchor), current.text, current.versionId) : null;
}

export function commentDto(row: CommentRow, viewer: Pick<Caller, 'id'>, current: Current): CommentDto {
  const anchor = row.parentId ? null : readStoredAnchor(row.anchor);
  return {
    id: row.id,
    sectionId: row.sectionId,
    parentId: row.parentId,
    body: row.withdrawn ? '' : row.body,
    author: row.withdrawn ? null : person(row.authorName),
    anchor: anchor ? publicAnchor(anchor) : null,
    location: place(anchor, current),
    status: row.status,
    agreeCount: row.agreeCount,
    agreedByMe: row.agreedByMe,
    mine: row.authorId === viewer.id,
    edited: row.editedAt !== null,
    editedAt: isoDate(row.editedAt),
    withdrawn: row.withdrawn,
    createdAt: isoDate(row.createdAt),
    resolvedBy: row.resolvedByName || row.resolvedAt ? person(row.resolvedByName) : null,
    resolvedAt: isoDate(row.resolvedAt),
    replies: [],
    outcome: row.withdrawn ? null : outcome(row, viewer),
  };
}

/** Who wrote something just stored, as the read model names them. */
type NewAuthor = Pick<Caller, 'id' | 'name'>;

/**
 * The DTO of a comment or reply just stored: exactly what the read model would answer for
 * it if it were read back (nobody has agreed, edited, resolved or answered it yet), without
 * the extra query. Keeps the columns of commentsJsonSql and the fresh row in one file.
 */
export function newCommentDto(
  comment: { id: string; sectionId: string; parentId: string | null; body: string; anchor: unknown; createdAt: Date },
  author: NewAuthor,
  current: Current,
): CommentDto {
  return commentDto(
    {
      ...comment,
      authorId: author.id,
      authorName: author.name,
      status: 'OPEN',
      editedAt: null,
      withdrawn: false,
      createdAt: comment.createdAt.toISOString(),
      resolvedAt: null,
      resolvedByName: null,
      agreeCount: 0,
      agreedByMe: false,
    },
    author,
    current,
  );
}

/**
 * Threads in order of writing, each with its replies; with `dropWithdrawn`, only those the
 * margin shows (isThreadShown: a withdrawn thread stays while it has a live reply).
 */
export function buildThreads(rows: CommentRow[], viewer: Pick<Caller, 'id'>, current: Current, options = { dropWithdrawn: true }): CommentDto[] {
  const threads: CommentDto[] = [];
  const byId = new Map<string, CommentDto>();
  for (const row of rows) {
    if (row.parentId) continue;
    const thread = commentDto(row, viewer, current);
    byId.set(row.id, thread);
    threads.push(thread);
  }
  for (const row of rows) {
    if (!row.parentId) continue;
    byId.get(row.parentId)?.replies.push(commentDto(row, viewer, current));
  }
  if (!options.dropWithdrawn) return threads;
  return threads.filter(isThreadShown);
}

export function suggestionDto(row: SuggestionRow, viewer: Pick<Caller, 'id'>, current: Current): SuggestionDto {
  const anchor = suggestionAnchor(row.anchor);
  const location = suggestionLocation(row, current);
  const outdated = location !== null && location.status !== 'anchored';
  return {
    id: row.id,
    sectionId: row.sectionId,
    author: person(row.authorName),
    anchor: publicAnchor(anchor),
    location,
    outdated,
    currentWords: outdated && location.start !== null ? current.text.slice(location.start, location.end!) : null,
    kind: anchor.exact === '' ? 'insert' : row.replacement === '' ? 'delete' : 'replace',
    replacement: row.replacement,
    reason: row.reason,
    status: row.status,
    agreeCount: row.agreeCount,
    agreedByMe: row.agreedByMe,
    mine: row.authorId === viewer.id,
    createdAt: isoDate(row.createdAt),
    decidedBy: row.decidedByName || row.decidedAt ? person(row.decidedByName) : null,
    decidedAt: isoDate(row.decidedAt),
    declineReason: row.declineReason,
    acceptedVersionId: row.acceptedVersionId,
    outcome: outcome(row, viewer),
  };
}

/** The DTO of a suggestion just stored, as newCommentDto is for comments: open, undecided, without agreements. */
export function newSuggestionDto(
  suggestion: { id: string; sectionId: string; anchor: unknown; replacement: string; reason: string | null; baseVersionId: string | null; createdAt: Date },
  author: NewAuthor,
  current: Current,
): SuggestionDto {
  return suggestionDto(
    {
      ...suggestion,
      authorId: author.id,
      authorName: author.name,
      status: 'OPEN',
      decidedByName: null,
      decidedAt: null,
      declineReason: null,
      acceptedVersionId: null,
      createdAt: suggestion.createdAt.toISOString(),
      agreeCount: 0,
      agreedByMe: false,
    },
    author,
    current,
  );
}
