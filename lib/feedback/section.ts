/**
 * The section a piece of feedback is about — and, for a reply, the comment replied to and
 * who is in its thread — read in one query, so posting costs one round trip before the write.
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
  if (!row) throw notFound('That section');
  return {
    id: row.id,
    title: sectionTitle(row),
    responseTitle: row.responseTitle,
    phase: row.phase,
    versionId: row.versionId,
    text: row.text ?? '',
    content: row.content,
    replyTo: row.parentId ? { id: row.parentId, sectionId: row.parentSectionId!, threadId: row.threadId!, participantIds: row.participantIds ?? [] } : null,
  };
}
