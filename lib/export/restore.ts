/**
 * Restoring a response from its JSON archive (archive.ts) into an empty database: every
 * row comes back with its id and times, so exporting the restored response gives the
 * same archive again. Refused unless the database holds no people and no responses, and
 * unless the archive is complete (a coordinator's or the command line's export).
 * One transaction: a failure leaves the database empty.
 */
import 'server-only';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION } from '@/lib/export/archive';
import { Prisma } from '@/lib/generated/prisma/client';
import { planStorage, serialBody, withoutFullCopy, type VersionBase } from '@/lib/versions/storage';

const rows = z.array(z.record(z.string(), z.unknown()));

const archiveSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT, { error: `This is not a Chorus archive (expected "format": "${ARCHIVE_FORMAT}")` }),
  version: z.literal(ARCHIVE_VERSION, { error: `This archive's version is not one this Chorus can restore (expected ${ARCHIVE_VERSION})` }),
  complete: z.literal(true, {
    error: 'This archive was exported without contact details (by someone who is not a coordinator), so it cannot be restored. Export it as a coordinator or with `npm run chorus -- export <slug> --format json`.',
  }),
  response: z.record(z.string(), z.unknown()),
  sections: rows,
  sectionVersions: rows,
  namedVersions: rows,
  phaseChanges: rows,
  comments: rows,
  commentRevisions: rows,
  suggestions: rows,
  agreements: rows,
  caseStudies: rows,
  caseStudyDecisions: rows,
  caseStudyQuotes: rows,
  dispositions: rows,
  // Archives written before the consultation form existed have none of these.
  consultationQuestions: rows.default([]),
  questionAnswers: rows.default([]),
  endorsements: rows.default([]),
  people: rows,
});

// The archive's rows, loosely typed: they were written by archive.ts and are checked by the database's constraints.
type Row = Record<string, any>;

const CHUNK = 1000;
const date = (value: unknown) => (value ? new Date(value as string) : null);
const json = (value: unknown) => (value === null || value === undefined ? undefined : (value as Prisma.InputJsonValue));

async function insert<T>(items: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += CHUNK) await write(items.slice(i, i + CHUNK));
}

/**
 * How to store the archive's versions (which carries each in full): as they would have
 * been stored had they been written here one after another (lib/versions/storage.ts),
 * each section's versions in the archive's order, every section's current version whole.
 */
function storedVersionForms(versions: Row[], currentIds: Set<string>) {
  const forms = new Map<string, { content: Prisma.InputJsonValue | typeof withoutFullCopy.content; text: string | null; baseId: string | null; delta: Prisma.InputJsonValue | typeof Prisma.DbNull; depth: number }>();
  const previous = new Map<string, VersionBase>();
  for (const v of versions) {
    const body = typeof v.text === 'string' && v.content !== null && typeof v.content === 'object' ? serialBody({ content: v.content, text: v.text }) : null;
    // Anything malformed is stored as it is, for the database's constraints to judge.
    const form = body ? planStorage(previous.get(v.sectionId) ?? null, body) : { baseId: null, delta: null, depth: 0 };
    const whole = !form.delta || currentIds.has(v.id);
    forms.set(v.id, {
      ...(whole ? { content: v.content as Prisma.InputJsonValue, text: v.text } : withoutFullCopy),
      baseId: form.baseId,
      delta: (form.delta as Prisma.InputJsonValue | null) ?? Prisma.DbNull,
      depth: form.depth,
    });
    if (body) previous.set(v.sectionId, { id: v.id, depth: form.depth, body });
    else previous.delete(v.sectionId);
  }
  return forms;
}

/** Parses archive text, with a message naming what is wrong. */
export function parseArchive(text: string) {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'The file is not valid JSON: is it a Chorus archive?');
  }
  const result = archiveSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError('bad_request', issue.path.length <= 1 && issue.message && !issue.message.startsWith('Invalid') ? issue.message : `The archive is not complete or not valid: ${issue.path.join('.')}: ${issue.message}`);
  }
  return result.data;
}

async function assertEmpty(tx: Tx) {
  const [responses, people] = await Promise.all([tx.response.count(), tx.user.count()]);
  if (responses || people) {
    throw new AppError('conflict', `The database is not empty (it holds ${responses} responses and ${people} people): restore only into an empty database.`);
  }
}

export async function restoreArchive(text: string): Promise<{ slug: string; sections: number; versions: number; comments: number; suggestions: number; caseStudies: number; people: number }> {
  const archive = parseArchive(text);
  const r = archive.response as Row;
  return db().$transaction(
    async (tx) => {
      await assertEmpty(tx);
      await insert(archive.people as Row[], (chunk) =>
        tx.user.createMany({
          data: chunk.map((u) => ({
            id: u.id,
            email: u.email,
            name: u.name,
            role: u.role,
            notifyByEmail: u.notifyByEmail,
            invitedAt: date(u.invitedAt)!,
            removedAt: date(u.removedAt),
            createdAt: date(u.createdAt)!,
          })),
        }),
      );
      await tx.response.create({
        data: {
          id: r.id,
          slug: r.slug,
          title: r.title,
          consultationName: r.consultationName,
          consultationUrl: r.consultationUrl,
          deadline: date(r.deadline),
          phase: r.phase,
          createdAt: date(r.createdAt)!,
        },
      });
      const sections = archive.sections as Row[];
      await tx.section.createMany({
        data: sections.map((s) => ({ id: s.id, responseId: r.id, position: s.position, number: s.number, heading: s.heading, createdAt: date(s.createdAt)! })),
      });
      const versions = archive.sectionVersions as Row[];
      const stored = storedVersionForms(versions, new Set(sections.map((s) => s.currentVersionId as string | null).filter((id): id is string => !!id)));
      await insert(versions, (chunk) =>
        tx.sectionVersion.createMany({
          data: chunk.map((v) => ({
            id: v.id,
            sectionId: v.sectionId,
            ...stored.get(v.id as string)!,
            source: v.source,
            label: v.label,
            restoredFromId: v.restoredFromId,
            createdAt: date(v.createdAt)!,
          })),
        }),
      );
      await insert(
        versions.flatMap((v) => (v.authorIds as string[]).map((userId) => ({ versionId: v.id as string, userId }))),
        (chunk) => tx.sectionVersionAuthor.createMany({ data: chunk }),
      );
      for (const s of sections) if (s.currentVersionId) await tx.section.update({ where: { id: s.id }, data: { currentVersionId: s.currentVersionId } });

      for (const n of archive.namedVersions as Row[]) {
        await tx.namedVersion.create({
          data: {
            id: n.id,
            responseId: r.id,
            label: n.label,
            createdById: n.createdById,
            createdAt: date(n.createdAt)!,
            sections: { create: (n.sections as Row[]).map((s) => ({ sectionId: s.sectionId, versionId: s.versionId, position: s.position, number: s.number, heading: s.heading })) },
          },
        });
      }
      await tx.phaseChange.createMany({
        data: (archive.phaseChanges as Row[]).map((p) => ({ id: p.id, responseId: r.id, from: p.from, to: p.to, deadline: date(p.deadline), actorId: p.actorId, createdAt: date(p.createdAt)! })),
      });

      const comments = archive.comments as Row[];
      const commentData = (c: Row) => ({
        id: c.id,
        sectionId: c.sectionId,
        authorId: c.authorId,
        parentId: c.parentId,
        body: c.body,
        anchor: json(c.anchor),
        status: c.status,
        resolvedById: c.resolvedById,
        resolvedAt: date(c.resolvedAt),
        editedAt: date(c.editedAt),
        withdrawnAt: date(c.withdrawnAt),
        clientKey: c.clientKey,
        createdAt: date(c.createdAt)!,
      });
      // Threads before replies: a reply points at its thread's first comment.
      await insert(comments.filter((c) => !c.parentId), (chunk) => tx.comment.createMany({ data: chunk.map(commentData) }));
      await insert(comments.filter((c) => c.parentId), (chunk) => tx.comment.createMany({ data: chunk.map(commentData) }));
      await insert(archive.commentRevisions as Row[], (chunk) =>
        tx.commentRevision.createMany({ data: chunk.map((c) => ({ id: c.id, commentId: c.commentId, body: c.body, createdAt: date(c.createdAt)! })) }),
      );
      await insert(archive.suggestions as Row[], (chunk) =>
        tx.suggestion.createMany({
          data: chunk.map((s) => ({
            id: s.id,
            sectionId: s.sectionId,
            authorId: s.authorId,
            anchor: s.anchor as Prisma.InputJsonValue,
            replacement: s.replacement,
            reason: s.reason,
            status: s.status,
            baseVersionId: s.baseVersionId,
            decidedById: s.decidedById,
            decidedAt: date(s.decidedAt),
            declineReason: s.declineReason,
            acceptedVersionId: s.acceptedVersionId,
            clientKey: s.clientKey,
            createdAt: date(s.createdAt)!,
          })),
        }),
      );
      await insert(archive.agreements as Row[], (chunk) =>
        tx.agreement.createMany({
          data: chunk.map((a) => ({ id: a.id, userId: a.userId, commentId: a.commentId, suggestionId: a.suggestionId, createdAt: date(a.createdAt)!, withdrawnAt: date(a.withdrawnAt) })),
        }),
      );
      const caseStudies = archive.caseStudies as Row[];
      await insert(caseStudies, (chunk) =>
        tx.caseStudy.createMany({
          data: chunk.map((k) => ({
            id: k.id,
            responseId: r.id,
            authorId: k.authorId,
            title: k.title,
            organisation: k.organisation,
            place: k.place,
            summary: k.summary,
            evidence: k.evidence,
            links: k.links,
            themes: k.themes,
            contactName: k.contact.name,
            contactEmail: k.contact.email,
            contactPhone: k.contact.phone,
            consentQuote: k.consentQuote,
            consentShow: k.consentShow,
            attribution: k.attribution,
            status: k.status,
            clientKey: k.clientKey,
            submittedAt: date(k.submittedAt),
            createdAt: date(k.createdAt)!,
            updatedAt: date(k.updatedAt)!,
          })),
        }),
      );
      await insert(
        caseStudies.flatMap((k) => (k.sectionIds as string[]).map((sectionId) => ({ caseStudyId: k.id as string, sectionId }))),
        (chunk) => tx.caseStudySection.createMany({ data: chunk }),
      );
      await insert(archive.caseStudyDecisions as Row[], (chunk) =>
        tx.caseStudyDecision.createMany({ data: chunk.map((d) => ({ id: d.id, caseStudyId: d.caseStudyId, decision: d.decision, note: d.note, actorId: d.actorId, createdAt: date(d.createdAt)! })) }),
      );
      await insert(archive.caseStudyQuotes as Row[], (chunk) =>
        tx.caseStudyQuote.createMany({
          data: chunk.map((q) => ({ id: q.id, caseStudyId: q.caseStudyId, sectionId: q.sectionId, versionId: q.versionId, quote: q.quote, createdById: q.createdById, createdAt: date(q.createdAt)! })),
        }),
      );
      await insert(archive.dispositions as Row[], (chunk) =>
        tx.disposition.createMany({
          data: chunk.map((d) => ({
            id: d.id,
            sectionId: d.sectionId,
            commentId: d.commentId,
            suggestionId: d.suggestionId,
            caseStudyId: d.caseStudyId,
            kind: d.kind,
            reply: d.reply,
            versionId: d.versionId,
            actorId: d.actorId,
            createdAt: date(d.createdAt)!,
            updatedAt: date(d.updatedAt)!,
          })),
        }),
      );
      await insert(archive.consultationQuestions as Row[], (chunk) =>
        tx.consultationQuestion.createMany({
          data: chunk.map((q) => ({ id: q.id, responseId: r.id, position: q.position, number: q.number, text: q.text, wordLimit: q.wordLimit, removedAt: date(q.removedAt), createdAt: date(q.createdAt)!, updatedAt: date(q.updatedAt)! })),
        }),
      );
      await insert(archive.questionAnswers as Row[], (chunk) =>
        tx.questionAnswer.createMany({
          data: chunk.map((a) => ({ id: a.id, questionId: a.questionId, sectionId: a.sectionId, passage: json(a.passage) ?? Prisma.DbNull, removedAt: date(a.removedAt), createdAt: date(a.createdAt)! })),
        }),
      );
      await insert(archive.endorsements as Row[], (chunk) =>
        tx.endorsement.createMany({
          data: chunk.map((e) => ({
            id: e.id,
            responseId: r.id,
            organisation: e.organisation,
            signatoryName: e.signatoryName,
            signatoryRole: e.signatoryRole,
            kind: e.kind,
            reservations: e.reservations,
            status: e.status,
            submittedById: e.submittedById,
            decidedById: e.decidedById,
            decidedAt: date(e.decidedAt),
            declineReason: e.declineReason,
            createdAt: date(e.createdAt)!,
            updatedAt: date(e.updatedAt)!,
          })),
        }),
      );
      const counts = {
        slug: r.slug as string,
        sections: sections.length,
        versions: versions.length,
        comments: comments.length,
        suggestions: archive.suggestions.length,
        caseStudies: caseStudies.length,
        people: archive.people.length,
      };
      await recordAudit(tx, { actorId: null, action: 'response.restore', targetType: 'response', targetId: r.id, data: counts });
      return counts;
    },
    { timeout: 600_000, maxWait: 10_000 },
  );
}
