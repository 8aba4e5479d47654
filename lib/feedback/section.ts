/**
 * The section a piece of feedback is about — and, for a reply, the comment replied to and
 * who is in its thread — read in one query, so posting costs one round trip before the write.
 *
 * Each web process also keeps the sections it read lately (`recentFeedbackSection`): a new
 * comment can be checked against that copy and stored with no read at all, because the
 * storing statement stores it only if the copy is still current (chorus_submit_once's
 * section check) and otherwise answers 'stale', and the post is checked again on a fresh
 * read. So a copy may be out of date, but nothing is ever stored on the strength of one.
 */
import 'server-only';
import { sql } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { Phase } from '@/lib/generated/prisma/enums';
import { sectionTitle } from '@/lib/format';
import type { PMDoc } from '@/lib/sections/content';

export type FeedbackSection = {
  id: string;
  title: string;
  responseTitle: string;
  phase: Phase;
  versionId: string | null;
  /** The current plain text (textFromDoc of the current version): what anchors point into. */
  text: string;
  /** The current version's editor document, when asked for (`withContent`). */
  content: PMDoc | null;
  /**
   * With `replyTo`: that comment (null when there is none), the first comment of its
   * thread, and everyone else whose words are in the thread and not withdrawn.
   */
  replyTo: { id: string; sectionId: string; threadId: string; participantIds: string[] } | null;
};

type Row = {
  id: string;
  number: string | null;
  heading: string;
  responseTitle: string;
  phase: Phase;
  versionId: string | null;
  text: string | null;
  content: PMDoc | null;
  parentId: string | null;
  parentSectionId: string | null;
  threadId: string | null;
  participantIds: string[] | null;
};

/**
 * Reads the section (404 when there is none). `replyTo` with `callerId` also reads the comment
 * replied to and the thread's other participants; `withContent` the editor document.
 */
export async function loadFeedbackSection(sectionId: string, options: { replyTo?: string; callerId?: string; withContent?: boolean } = {}): Promise<FeedbackSection> {
  const rows = await sql<Row>(
    `select s.id, s.number, s.heading, r.title as "responseTitle", r.phase::text as phase, v.id as "versionId", v.text,
            case when $3::boolean then v.content end as content,
            p.id as "parentId", p."sectionId" as "parentSectionId", coalesce(p."parentId", p.id) as "threadId",
            case when p.id is not null then array(
              select distinct c."authorId" from "Comment" c
              where (c.id = coalesce(p."parentId", p.id) or c."parentId" = coalesce(p."parentId", p.id))
                and c."withdrawnAt" is null and c."authorId" is distinct from $4::text
            ) end as "participantIds"
     from "Section" s
     join "Response" r on r.id = s."responseId"
     left join "SectionVersion" v on v.id = s."currentVersionId"
     left join "Comment" p on p.id = $2::text
     where s.id = $1::text`,
    [sectionId, options.replyTo ?? null, Boolean(options.withContent), options.callerId ?? null],
    { prepare: 'chorus_feedback_section' },
  );
  const row = rows[0];
  if (!row) {
    recent.delete(sectionId);
    throw notFound('That section');
  }
  const section: FeedbackSection = {
    id: row.id,
    title: sectionTitle(row),
    responseTitle: row.responseTitle,
    phase: row.phase,
    versionId: row.versionId,
    text: row.text ?? '',
    content: row.content,
    replyTo: row.parentId ? { id: row.parentId, sectionId: row.parentSectionId!, threadId: row.threadId!, participantIds: row.participantIds ?? [] } : null,
  };
  remember({ ...section, content: null, replyTo: null });
  return section;
}

/** How many sections a process keeps: the ones being commented on now, text included. */
const RECENT_MOST = 200;
const recent = new Map<string, FeedbackSection>();

function remember(section: FeedbackSection) {
  // Re-inserted, so the Map's order is from least to most recently read.
  recent.delete(section.id);
  recent.set(section.id, section);
  if (recent.size > RECENT_MOST) recent.delete(recent.keys().next().value!);
}

/**
 * This process's last read of the section (without its editor document or a reply's
 * thread), or null. Possibly out of date: use it only with a write that checks it is still
 * current (submitOnce's `checkedAgainst`), and `forgetFeedbackSection` when it is not.
 */
export function recentFeedbackSection(sectionId: string): FeedbackSection | null {
  return recent.get(sectionId) ?? null;
}

export function forgetFeedbackSection(sectionId: string) {
  recent.delete(sectionId);
}
