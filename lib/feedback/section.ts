/** The section a piece of feedback is about, read in one query. */
import 'server-only';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { Phase } from '@/lib/generated/prisma/enums';
import { sectionTitle } from '@/lib/format';

export type FeedbackSection = {
  id: string;
  title: string;
  responseTitle: string;
  phase: Phase;
  versionId: string | null;
  /** The current plain text (textFromDoc of the current version): what anchors point into. */
  text: string;
};

export async function loadFeedbackSection(sectionId: string): Promise<FeedbackSection> {
  const rows = await db().$queryRaw<{ id: string; number: string | null; heading: string; responseTitle: string; phase: Phase; versionId: string | null; text: string | null }[]>`
    select s.id, s.number, s.heading, r.title as "responseTitle", r.phase::text as phase, v.id as "versionId", v.text
    from "Section" s
    join "Response" r on r.id = s."responseId"
    left join "SectionVersion" v on v.id = s."currentVersionId"
    where s.id = ${sectionId}`;
  const row = rows[0];
  if (!row) throw notFound('That section');
  return { id: row.id, title: sectionTitle(row), responseTitle: row.responseTitle, phase: row.phase, versionId: row.versionId, text: row.text ?? '' };
}
