/**
 * The complete archive of a response as JSON: the response, its sections, every version,
 * named versions, phase changes, every comment with its replies and earlier wordings,
 * suggestions, agreements, case studies with their decisions and quotations,
 * dispositions, and the people they mention. Enough to restore it (restore.ts).
 *
 * Written as a stream, one row per line, reading the database in keyset-paged batches,
 * so a response with tens of thousands of comments never sits in memory at once. The
 * order is fixed (creation time, then id) and nothing in it is "now": the same data
 * always gives the same bytes.
 *
 * Privacy: the complete archive is for coordinators and the operator's command line. Anyone
 * else's export says so ("complete": false) and cannot be restored: it has no contact
 * details or email addresses, no words of withdrawn comments, no earlier wordings of
 * edited comments, no moderation notes, and only the case studies that person may see
 * (accepted and shown to members, or their own), each as members see it: no submitter
 * (authorId null) or consent answers, and no organisation when the submitter chose anonymity.
 */
import 'server-only';
import { type Actor, type Caller, can } from '@/lib/auth/policy';
import { creditLine, organisationShownTo } from '@/lib/case-studies/dto';
import { canSeePrivateDetails } from '@/lib/case-studies/policy';
import { visibleTo } from '@/lib/case-studies/queries';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { storedBodySelect, VersionBodyStream } from '@/lib/versions/storage';

export const ARCHIVE_FORMAT = 'chorus-archive';
export const ARCHIVE_VERSION = 1;

const BATCH = 1000;

type Keyed = { id: string; createdAt: Date };
type Page<T> = (after: { createdAt: Date; id: string } | null, take: number) => Promise<T[]>;

/** Rows in (createdAt, id) order, a batch at a time. */
async function* keyset<T extends Keyed>(page: Page<T>): AsyncGenerator<T> {
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const rows = await page(after, BATCH);
    for (const row of rows) yield row;
    if (rows.length < BATCH) return;
    const last = rows[rows.length - 1];
    after = { createdAt: last.createdAt, id: last.id };
  }
}

/** Prisma `where` for "after this (createdAt, id)". */
function afterKey(after: { createdAt: Date; id: string } | null) {
  return after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {};
}

const order = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];
const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/** Who the archive is for: null is the operator at the command line. */
export type ArchiveOptions = { viewer: Actor };

/** The archive of `responseId`, as chunks of text, for `options.viewer` (see the module comment). */
export async function* archiveChunks(responseId: string, options: ArchiveOptions): AsyncGenerator<string> {
  const { viewer } = options;
  const complete = can(viewer, 'export:contact-details');
  const caseStudyScope: Prisma.CaseStudyWhereInput = complete ? { responseId } : { AND: [{ responseId }, { status: { in: ['ACCEPTED', 'FEATURED'] } }, visibleTo(viewer as Caller)] };
  const caseStudyIds = new Set<string>();
  const people = new Set<string>();
  const person = (id: string | null | undefined) => {
    if (id) people.add(id);
    return id ?? null;
  };
  const response = await db().response.findUniqueOrThrow({
    where: { id: responseId },
    select: { id: true, slug: true, title: true, consultationName: true, consultationUrl: true, deadline: true, phase: true, createdAt: true },
  });
  const sections = await db().section.findMany({
    where: { responseId },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: { id: true, position: true, number: true, heading: true, currentVersionId: true, createdAt: true },
  });
  const sectionIds = sections.map((section) => section.id);
  const inSections = { sectionId: { in: sectionIds } };

  yield `{"format":${JSON.stringify(ARCHIVE_FORMAT)},"version":${ARCHIVE_VERSION},"complete":${complete},\n`;
  yield `"response":${JSON.stringify({
    id: response.id,
    slug: response.slug,
    title: response.title,
    consultationName: response.consultationName,
    consultationUrl: response.consultationUrl,
    deadline: iso(response.deadline),
    phase: response.phase,
    createdAt: iso(response.createdAt),
  })},\n`;

  async function* list<T>(name: string, rows: AsyncIterable<T> | T[], map: (row: T) => unknown, last = false): AsyncGenerator<string> {
    yield `"${name}":[`;
    let first = true;
    for await (const row of rows) {
      yield `${first ? '\n' : ',\n'}${JSON.stringify(map(row))}`;
      first = false;
    }
    yield `${first ? '' : '\n'}]${last ? '' : ','}\n`;
  }

  yield* list('sections', sections, (s) => ({ id: s.id, position: s.position, number: s.number, heading: s.heading, currentVersionId: s.currentVersionId, createdAt: iso(s.createdAt) }));

  // Every version in full, however it is stored: rebuilt one step at a time from the
  // version before it in its section (VersionBodyStream).
  const bodies = new VersionBodyStream(db());
  yield* list(
    'sectionVersions',
    (async function* () {
      for await (const v of keyset((after, take) =>
        db().sectionVersion.findMany({
          where: { ...inSections, ...afterKey(after) },
          orderBy: order,
          take,
          select: { ...storedBodySelect, source: true, label: true, restoredFromId: true, createdAt: true, authors: { select: { userId: true } } },
        }),
      )) {
        yield { ...v, body: await bodies.body(v) };
      }
    })(),
    (v) => ({
      id: v.id,
      sectionId: v.sectionId,
      source: v.source,
      label: v.label,
      restoredFromId: v.restoredFromId,
      createdAt: iso(v.createdAt),
      authorIds: v.authors.map((a) => person(a.userId)).sort(),
      text: v.body.text,
      content: v.body.content,
    }),
  );

  const namedVersions = await db().namedVersion.findMany({
    where: { responseId },
    orderBy: order,
    select: { id: true, label: true, createdById: true, createdAt: true, sections: { orderBy: [{ position: 'asc' }, { sectionId: 'asc' }], select: { sectionId: true, versionId: true, position: true, number: true, heading: true } } },
  });
  yield* list('namedVersions', namedVersions, (n) => ({
    id: n.id,
    label: n.label,
    createdById: person(n.createdById),
    createdAt: iso(n.createdAt),
    sections: n.sections.map((s) => ({ sectionId: s.sectionId, versionId: s.versionId, position: s.position, number: s.number, heading: s.heading })),
  }));

  const phaseChanges = await db().phaseChange.findMany({ where: { responseId }, orderBy: order, select: { id: true, from: true, to: true, deadline: true, actorId: true, createdAt: true } });
  yield* list('phaseChanges', phaseChanges, (p) => ({ id: p.id, from: p.from, to: p.to, deadline: iso(p.deadline), actorId: person(p.actorId), createdAt: iso(p.createdAt) }));

  const withdrawn = new Set<string>();
  yield* list(
    'comments',
    keyset((after, take) =>
      db().comment.findMany({
        where: { ...inSections, ...afterKey(after) },
        orderBy: order,
        take,
        select: { id: true, sectionId: true, parentId: true, authorId: true, body: true, anchor: true, status: true, resolvedById: true, resolvedAt: true, editedAt: true, withdrawnAt: true, clientKey: true, createdAt: true },
      }),
    ),
    (c) => {
      if (c.withdrawnAt) withdrawn.add(c.id);
      return {
        id: c.id,
        sectionId: c.sectionId,
        parentId: c.parentId,
        authorId: person(c.authorId),
        body: c.withdrawnAt && !complete ? '' : c.body,
        anchor: c.anchor,
        status: c.status,
        resolvedById: person(c.resolvedById),
        resolvedAt: iso(c.resolvedAt),
        editedAt: iso(c.editedAt),
        withdrawnAt: iso(c.withdrawnAt),
        clientKey: c.clientKey,
        createdAt: iso(c.createdAt),
      };
    },
  );

  yield* list(
    'commentRevisions',
    (async function* () {
      if (!complete) return; // earlier wordings stay private to the complete archive
      for await (const r of keyset((after, take) =>
        db().commentRevision.findMany({ where: { comment: inSections, ...afterKey(after) }, orderBy: order, take, select: { id: true, commentId: true, body: true, createdAt: true } }),
      )) {
        yield r;
      }
    })(),
    (r) => ({ id: r.id, commentId: r.commentId, body: r.body, createdAt: iso(r.createdAt) }),
  );

  yield* list(
    'suggestions',
    keyset((after, take) =>
      db().suggestion.findMany({
        where: { ...inSections, ...afterKey(after) },
        orderBy: order,
        take,
        select: {
          id: true, sectionId: true, authorId: true, anchor: true, replacement: true, reason: true, status: true, baseVersionId: true,
          decidedById: true, decidedAt: true, declineReason: true, acceptedVersionId: true, clientKey: true, createdAt: true,
        },
      }),
    ),
    (s) => ({
      id: s.id,
      sectionId: s.sectionId,
      authorId: person(s.authorId),
      anchor: s.anchor,
      replacement: s.replacement,
      reason: s.reason,
      status: s.status,
      baseVersionId: s.baseVersionId,
      decidedById: person(s.decidedById),
      decidedAt: iso(s.decidedAt),
      declineReason: s.declineReason,
      acceptedVersionId: s.acceptedVersionId,
      clientKey: s.clientKey,
      createdAt: iso(s.createdAt),
    }),
  );

  yield* list(
    'agreements',
    keyset((after, take) =>
      db().agreement.findMany({
        where: { AND: [{ OR: [{ comment: inSections }, { suggestion: inSections }] }, afterKey(after)] },
        orderBy: order,
        take,
        select: { id: true, userId: true, commentId: true, suggestionId: true, createdAt: true, withdrawnAt: true },
      }),
    ),
    (a) => ({ id: a.id, userId: person(a.userId), commentId: a.commentId, suggestionId: a.suggestionId, createdAt: iso(a.createdAt), withdrawnAt: iso(a.withdrawnAt) }),
  );

  yield* list(
    'caseStudies',
    keyset((after, take) =>
      db().caseStudy.findMany({
        where: { AND: [caseStudyScope, afterKey(after)] },
        orderBy: order,
        take,
        select: {
          id: true, authorId: true, title: true, organisation: true, place: true, summary: true, evidence: true, links: true, themes: true,
          contactName: true, contactEmail: true, contactPhone: true, consentQuote: true, consentShow: true, attribution: true, status: true,
          clientKey: true, submittedAt: true, createdAt: true, updatedAt: true, sections: { select: { sectionId: true } },
        },
      }),
    ),
    (k) => {
      caseStudyIds.add(k.id);
      // Who submitted it and what they consented to are private to the submitter and
      // coordinators (lib/case-studies/policy.ts); anyone else's archive shows what members see.
      const privileged = complete || canSeePrivateDetails(viewer as Caller, k);
      return {
        id: k.id,
        authorId: privileged ? person(k.authorId) : null,
        title: k.title,
        organisation: complete ? k.organisation : organisationShownTo(viewer as Caller, k),
        place: k.place,
        summary: k.summary,
        evidence: k.evidence,
        links: k.links,
        themes: k.themes,
        contact: complete ? { name: k.contactName, email: k.contactEmail, phone: k.contactPhone } : null,
        consentQuote: privileged ? k.consentQuote : null,
        consentShow: privileged ? k.consentShow : null,
        attribution: k.attribution,
        creditLine: creditLine(k),
        status: k.status,
        clientKey: k.clientKey,
        submittedAt: iso(k.submittedAt),
        createdAt: iso(k.createdAt),
        updatedAt: iso(k.updatedAt),
        sectionIds: k.sections.map((s) => s.sectionId).sort(),
      };
    },
  );

  const inCaseStudies = { caseStudyId: { in: [...caseStudyIds] } };
  yield* list(
    'caseStudyDecisions',
    // Moderation notes are for coordinators and submitters: only in the complete archive.
    complete
      ? keyset((after, take) =>
          db().caseStudyDecision.findMany({ where: { ...inCaseStudies, ...afterKey(after) }, orderBy: order, take, select: { id: true, caseStudyId: true, decision: true, note: true, actorId: true, createdAt: true } }),
        )
      : [],
    (d) => ({ id: d.id, caseStudyId: d.caseStudyId, decision: d.decision, note: d.note, actorId: person(d.actorId), createdAt: iso(d.createdAt) }),
  );

  yield* list(
    'caseStudyQuotes',
    keyset((after, take) =>
      db().caseStudyQuote.findMany({ where: { ...inCaseStudies, ...afterKey(after) }, orderBy: order, take, select: { id: true, caseStudyId: true, sectionId: true, versionId: true, quote: true, createdById: true, createdAt: true } }),
    ),
    (q) => ({ id: q.id, caseStudyId: q.caseStudyId, sectionId: q.sectionId, versionId: q.versionId, quote: q.quote, createdById: person(q.createdById), createdAt: iso(q.createdAt) }),
  );

  yield* list(
    'dispositions',
    keyset((after, take) =>
      db().disposition.findMany({
        where: { AND: [inSections, afterKey(after), complete ? {} : { OR: [{ caseStudyId: null }, { caseStudyId: { in: [...caseStudyIds] } }] }] },
        orderBy: order,
        take,
        select: { id: true, sectionId: true, commentId: true, suggestionId: true, caseStudyId: true, kind: true, reply: true, versionId: true, actorId: true, createdAt: true, updatedAt: true },
      }),
    ),
    (d) => ({
      id: d.id,
      sectionId: d.sectionId,
      commentId: d.commentId,
      suggestionId: d.suggestionId,
      caseStudyId: d.caseStudyId,
      kind: d.kind,
      reply: d.reply,
      versionId: d.versionId,
      actorId: person(d.actorId),
      createdAt: iso(d.createdAt),
      updatedAt: iso(d.updatedAt),
    }),
  );

  // The consultation's form: its questions and which sections (or passages) answer them.
  yield* list(
    'consultationQuestions',
    await db().consultationQuestion.findMany({
      where: { responseId },
      orderBy: order,
      select: { id: true, position: true, number: true, text: true, wordLimit: true, removedAt: true, createdAt: true, updatedAt: true },
    }),
    (q) => ({ id: q.id, position: q.position, number: q.number, text: q.text, wordLimit: q.wordLimit, removedAt: iso(q.removedAt), createdAt: iso(q.createdAt), updatedAt: iso(q.updatedAt) }),
  );
  yield* list(
    'questionAnswers',
    await db().questionAnswer.findMany({
      where: { question: { responseId } },
      orderBy: order,
      select: { id: true, questionId: true, sectionId: true, passage: true, removedAt: true, createdAt: true },
    }),
    (a) => ({ id: a.id, questionId: a.questionId, sectionId: a.sectionId, passage: a.passage, removedAt: iso(a.removedAt), createdAt: iso(a.createdAt) }),
  );
  // Organisations that signed: everyone sees the approved signatories (the exports list
  // them); who submitted each, pending and declined ones and the reasons are the coordinators'.
  yield* list(
    'endorsements',
    await db().endorsement.findMany({
      where: complete ? { responseId } : { responseId, status: 'APPROVED' },
      orderBy: order,
      select: {
        id: true,
        organisation: true,
        signatoryName: true,
        signatoryRole: true,
        kind: true,
        reservations: true,
        status: true,
        submittedById: true,
        decidedById: true,
        decidedAt: true,
        declineReason: true,
        createdAt: true,
        updatedAt: true,
      },
    }),
    (e) => ({
      id: e.id,
      organisation: e.organisation,
      signatoryName: e.signatoryName,
      signatoryRole: e.signatoryRole,
      kind: e.kind,
      reservations: e.reservations,
      status: e.status,
      submittedById: complete ? person(e.submittedById) : null,
      decidedById: complete ? person(e.decidedById) : null,
      decidedAt: iso(e.decidedAt),
      declineReason: complete ? e.declineReason : null,
      createdAt: iso(e.createdAt),
      updatedAt: iso(e.updatedAt),
    }),
  );

  const ids = [...people].sort();
  async function* peopleRows() {
    for (let i = 0; i < ids.length; i += BATCH) {
      const rows = await db().user.findMany({
        where: { id: { in: ids.slice(i, i + BATCH) } },
        orderBy: { id: 'asc' },
        select: { id: true, name: true, email: true, role: true, notifyByEmail: true, invitedAt: true, removedAt: true, createdAt: true },
      });
      yield* rows;
    }
  }
  yield* list(
    'people',
    peopleRows(),
    (u) => ({
      id: u.id,
      name: u.name,
      email: complete ? u.email : null,
      role: u.role,
      notifyByEmail: u.notifyByEmail,
      invitedAt: iso(u.invitedAt),
      removedAt: iso(u.removedAt),
      createdAt: iso(u.createdAt),
    }),
    true,
  );
  yield '}\n';
}
