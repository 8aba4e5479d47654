/**
 * Writing case studies: submitting (and saving drafts), editing and resubmitting,
 * moderating, and quoting one in a section. Each function checks the caller's right to do
 * it on this case study, validates with the schemas the form uses, and records an audit
 * event in the same transaction as the write.
 */
import 'server-only';
import { recordAudit } from '@/lib/audit';
import { can, type Caller } from '@/lib/auth/policy';
import { quotationCredit, quotationParagraph, toCaseStudyDto, type CaseStudyDto } from '@/lib/case-studies/dto';
import {
  canModerateCaseStudies,
  canViewCaseStudy,
  EDITABLE_STATUSES,
  quoteRefusal,
  statusAfterDecision,
  statusLabels,
  submissionsOpen,
} from '@/lib/case-studies/policy';
import { caseStudySelect } from '@/lib/case-studies/queries';
import { checkUnlessResent, submitOnce } from '@/lib/contributions/submit-once';
import {
  caseStudyDraftSchema,
  caseStudySubmitSchema,
  createFlagsSchema,
  decisionSchema,
  quoteSchema,
  updateFlagsSchema,
  type CaseStudyDraftInput,
} from '@/lib/case-studies/schemas';
import { db, Prisma, type Tx } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError, forbidden, notFound, parseInput } from '@/lib/errors';
import type { Attribution, CaseStudyStatus } from '@/lib/generated/prisma/enums';
import { sendMail } from '@/lib/mail';
import { insertBlocksAfter } from '@/lib/sections/edits';
import { applySectionEdit } from '@/lib/sections/mutations';

const attributionEnum: Record<CaseStudyDraftInput['consent']['attribution'], Attribution> = {
  named: 'NAMED',
  organisation: 'ORGANISATION',
  anonymous: 'ANONYMOUS',
};

function assertOpen(response: { phase: Parameters<typeof submissionsOpen>[0]['phase']; deadline: Date | null }) {
  const state = submissionsOpen(response);
  if (!state.open) throw new AppError('closed', state.reason);
}

/** Every id must be a section of this response; otherwise a 400 naming the field. */
async function assertSectionsOfResponse(client: Pick<Tx, 'section'>, responseId: string, sectionIds: string[]) {
  if (!sectionIds.length) return;
  const found = await client.section.findMany({ where: { id: { in: sectionIds }, responseId }, select: { id: true } });
  if (found.length !== sectionIds.length) {
    const message = 'Choose sections of this response only';
    throw new AppError('bad_request', `Invalid input: sectionIds: ${message}`, { fields: { sectionIds: message } });
  }
}

/** The columns a parsed input writes (shared by create and update). */
function columnsFrom(data: CaseStudyDraftInput) {
  return {
    title: data.title,
    organisation: data.organisation,
    place: data.place,
    summary: data.summary,
    evidence: data.evidence,
    links: data.links,
    themes: data.themes,
    contactName: data.contact.name,
    contactEmail: data.contact.email,
    contactPhone: data.contact.phone,
    consentQuote: data.consent.quote,
    consentShow: data.consent.showToMembers,
    attribution: attributionEnum[data.consent.attribution],
  };
}

async function findByClientKey(caller: Caller, clientKey: string) {
  return db().caseStudy.findUnique({ where: { authorId_clientKey: { authorId: caller.id, clientKey } }, select: { ...caseStudySelect, responseId: true } });
}

async function replay(caller: Caller, responseId: string, clientKey: string): Promise<CaseStudyDto | null> {
  const existing = await findByClientKey(caller, clientKey);
  if (!existing) return null;
  if (existing.responseId !== responseId) throw new AppError('conflict', 'That client key was already used for a case study in another response');
  return toCaseStudyDto(caller, existing);
}

export type CreateOptions = {
  /** The Idempotency-Key header; takes precedence over the body's clientKey. */
  idempotencyKey?: string | null;
};

/**
 * Submits a case study to the response `slug` (or saves it as a draft with `draft: true`).
 * Sending the same client key again returns the case study created the first time
 * (`created: false`) instead of a second one. Stored like comments and suggestions
 * (lib/contributions/submit-once.ts), with the case-study allowance.
 */
export async function createCaseStudy(caller: Caller, slug: string, input: unknown, options: CreateOptions = {}): Promise<{ caseStudy: CaseStudyDto; created: boolean }> {
  if (!can(caller, 'case-study:create')) throw forbidden('You cannot submit case studies');
  const flags = parseInput(createFlagsSchema, { draft: (input as { draft?: unknown } | null)?.draft, clientKey: options.idempotencyKey || (input as { clientKey?: unknown } | null)?.clientKey });
  const clientKey = flags.clientKey ?? null;
  const response = await db().response.findUnique({ where: { slug }, select: { id: true, phase: true, deadline: true } });
  if (!response) throw notFound(`The response "${slug}"`);
  const resent = async () => (clientKey ? replay(caller, response.id, clientKey) : null);

  const checked = await checkUnlessResent(async () => {
    assertOpen(response);
    const data: CaseStudyDraftInput = parseInput(flags.draft ? caseStudyDraftSchema : caseStudySubmitSchema, input);
    await assertSectionsOfResponse(db(), response.id, data.sectionIds);
    return data;
  }, resent);
  if ('resent' in checked) return { caseStudy: checked.resent, created: false };
  const data = checked.checked;

  const status: CaseStudyStatus = flags.draft ? 'DRAFT' : 'SUBMITTED';
  const submitted = await submitOnce(
    {
      kind: 'case-study',
      row: {
        ...columnsFrom(data),
        responseId: response.id,
        authorId: caller.id,
        status,
        clientKey,
        submittedAt: status === 'SUBMITTED' ? new Date() : null,
        sectionIds: data.sectionIds,
      },
    },
    {
      actorId: caller.id,
      action: status === 'DRAFT' ? 'case-study.draft' : 'case-study.submit',
      targetType: 'case-study',
      data: { responseId: response.id, sectionIds: data.sectionIds },
    },
  );
  if (!submitted.created) {
    // The same clientKey was stored first (possibly by a copy of this request racing it).
    const earlier = await resent();
    if (!earlier) throw new Error(`The case study ${submitted.id} stored under this client key was not found`);
    return { caseStudy: earlier, created: false };
  }
  const record = await db().caseStudy.findUniqueOrThrow({ where: { id: submitted.id }, select: caseStudySelect });
  return { caseStudy: toCaseStudyDto(caller, record), created: true };
}

/** The stored case study as form input, so a partial change can be merged and validated whole. */
function inputFromRecord(record: {
  title: string; organisation: string; place: string | null; summary: string; evidence: string | null; links: string[]; themes: string[];
  contactName: string; contactEmail: string; contactPhone: string | null; consentQuote: boolean; consentShow: boolean; attribution: Attribution;
  sections: { section: { id: string } }[];
}) {
  return {
    title: record.title,
    organisation: record.organisation,
    place: record.place,
    summary: record.summary,
    evidence: record.evidence,
    links: record.links,
    themes: record.themes,
    sectionIds: record.sections.map(({ section }) => section.id),
    contact: { name: record.contactName, email: record.contactEmail, phone: record.contactPhone },
    consent: { quote: record.consentQuote, showToMembers: record.consentShow, attribution: record.attribution.toLowerCase() },
  };
}

async function lockCaseStudy(tx: Tx, id: string) {
  await tx.$queryRaw`select id from "CaseStudy" where id = ${id} for update`;
}

/**
 * Changes a case study by its submitter, while it is a draft, submitted or waiting for
 * changes. Fields not sent keep their values. With `submit: true` a draft is submitted
 * and a case study with changes requested goes back to the coordinator. The earlier
 * values are kept in the audit event, so no version of the case study is lost.
 */
export async function updateCaseStudy(caller: Caller, id: string, input: unknown): Promise<CaseStudyDto> {
  const { submit, ...patch } = parseInput(updateFlagsSchema, input);
  delete (patch as { clientKey?: unknown }).clientKey;
  delete (patch as { draft?: unknown }).draft;
  const record = await db().$transaction(async (tx) => {
    await lockCaseStudy(tx, id);
    const existing = await tx.caseStudy.findUnique({ where: { id }, select: { ...caseStudySelect, response: { select: { id: true, slug: true, title: true, phase: true, deadline: true } } } });
    if (!existing || !canViewCaseStudy(caller, existing)) throw notFound('That case study');
    if (existing.authorId !== caller.id) throw forbidden('Only the person who submitted a case study can change it');
    if (!EDITABLE_STATUSES.includes(existing.status)) {
      throw new AppError('conflict', `This case study is ${statusLabels[existing.status].toLowerCase()} and can no longer be changed`);
    }
    assertOpen(existing.response);
    const before = inputFromRecord(existing);
    const merged = {
      ...before,
      ...patch,
      contact: { ...before.contact, ...(patch.contact ?? {}) },
      consent: { ...before.consent, ...(patch.consent ?? {}) },
    };
    const status: CaseStudyStatus = submit ? 'SUBMITTED' : existing.status;
    const data: CaseStudyDraftInput = parseInput(status === 'DRAFT' ? caseStudyDraftSchema : caseStudySubmitSchema, merged);
    await assertSectionsOfResponse(tx, existing.response.id, data.sectionIds);
    await tx.caseStudySection.deleteMany({ where: { caseStudyId: id, sectionId: { notIn: data.sectionIds } } });
    await tx.caseStudySection.createMany({ data: data.sectionIds.map((sectionId) => ({ caseStudyId: id, sectionId })), skipDuplicates: true });
    const updated = await tx.caseStudy.update({
      where: { id },
      data: { ...columnsFrom(data), status, ...(submit ? { submittedAt: new Date() } : {}) },
      select: caseStudySelect,
    });
    const action = !submit ? 'case-study.update' : existing.status === 'DRAFT' ? 'case-study.submit' : 'case-study.resubmit';
    await recordAudit(tx, {
      actorId: caller.id,
      action,
      targetType: 'case-study',
      targetId: id,
      data: { from: existing.status, to: status, before: before as Prisma.InputJsonValue },
    });
    return updated;
  });
  return toCaseStudyDto(caller, record);
}

const decisionWording: Record<string, { title: (name: string) => string; verb: string }> = {
  ACCEPTED: { title: (t) => `Your case study "${t}" was accepted`, verb: 'accepted' },
  FEATURED: { title: (t) => `Your case study "${t}" is featured`, verb: 'accepted and featured' },
  CHANGES_REQUESTED: { title: (t) => `Changes requested to your case study "${t}"`, verb: 'asked for changes to' },
  DECLINED: { title: (t) => `Your case study "${t}" was declined`, verb: 'declined' },
};

/**
 * A coordinator's decision on a submitted case study. Records who decided what and when,
 * notifies the submitter in the app (a Notification row) and by email unless they
 * turned email off. Coordinators may decide in any phase of the response.
 */
export async function decideCaseStudy(caller: Caller, id: string, input: unknown): Promise<CaseStudyDto> {
  if (!canModerateCaseStudies(caller)) throw forbidden('Only coordinators can decide on case studies');
  const { decision, note } = parseInput(decisionSchema, input);
  const { record, notice } = await db().$transaction(async (tx) => {
    await lockCaseStudy(tx, id);
    const existing = await tx.caseStudy.findUnique({ where: { id }, select: { status: true, authorId: true, consentShow: true, title: true, author: { select: { email: true, notifyByEmail: true, removedAt: true } } } });
    if (!existing || !canViewCaseStudy(caller, existing) || existing.status === 'DRAFT') throw notFound('That case study');
    const next = statusAfterDecision(existing.status, decision);
    if ('error' in next) throw new AppError('conflict', next.error);
    await tx.caseStudyDecision.create({ data: { caseStudyId: id, decision, note, actorId: caller.id } });
    const updated = await tx.caseStudy.update({ where: { id }, data: { status: next.status }, select: caseStudySelect });
    await recordAudit(tx, { actorId: caller.id, action: 'case-study.decision', targetType: 'case-study', targetId: id, data: { decision, note, from: existing.status, to: next.status } });
    const wording = decisionWording[next.status];
    const link = `/case-studies/${id}`;
    const title = wording.title(existing.title);
    const body = note ? `${caller.name ?? 'A coordinator'} ${wording.verb} it: ${note}` : `${caller.name ?? 'A coordinator'} ${wording.verb} it.`;
    await tx.notification.create({ data: { userId: existing.authorId, kind: 'case-study.decision', title, body, link } });
    const mail = existing.author.notifyByEmail && !existing.author.removedAt ? { to: existing.author.email, title, body, link } : null;
    return { record: updated, notice: mail };
  });
  if (notice) await emailDecision(notice, record.status);
  return toCaseStudyDto(caller, record);
}

async function emailDecision(notice: { to: string; title: string; body: string; link: string }, status: CaseStudyStatus) {
  const url = new URL(notice.link, env().NEXTAUTH_URL).toString();
  const next = status === 'CHANGES_REQUESTED' ? 'You can change it and submit it again here:' : 'See it here:';
  try {
    await sendMail({
      to: notice.to,
      subject: notice.title,
      text: `${notice.body}\n\n${next}\n${url}\n\nYou receive this email because you submitted a case study to Chorus. You can turn these emails off in your settings.`,
    });
  } catch (error) {
    // The decision stands and the in-app notification exists; a mail outage must not undo it.
    console.error('[case-studies] could not email the decision', error);
  }
}

/**
 * Where the paragraph `afterParagraph` now starts in the section's text (null: the end).
 * Looked up in the text as it is at the moment of the edit, since it may have moved.
 */
function paragraphOffset(currentText: string, afterParagraph: string | null): number | null {
  if (afterParagraph === null) return null;
  const blocks = currentText.split('\n\n');
  let offset = 0;
  for (const block of blocks) {
    if (block === afterParagraph) return offset;
    offset += block.length + 2;
  }
  const message = 'The paragraph you chose has changed since; choose where to insert the quotation again';
  throw new AppError('conflict', message, { fields: { afterParagraph: message } });
}

/**
 * Quotes an accepted case study in a section: inserts a short paragraph with the quotation
 * and its consented credit into the section's text (a new section version, source QUOTE)
 * and keeps the link between the case study, the section and that version.
 */
export async function quoteCaseStudy(caller: Caller, id: string, input: unknown) {
  if (!canModerateCaseStudies(caller)) throw forbidden('Only coordinators can quote case studies');
  const { sectionId, quote, afterParagraph } = parseInput(quoteSchema, input);
  const caseStudy = await db().caseStudy.findUnique({ where: { id }, select: { responseId: true, status: true, consentQuote: true, authorId: true, consentShow: true, title: true, attribution: true, contactName: true, organisation: true } });
  if (!caseStudy || !canViewCaseStudy(caller, caseStudy)) throw notFound('That case study');
  const refusal = quoteRefusal(caseStudy);
  if (refusal) throw new AppError('conflict', refusal);
  const section = await db().section.findUnique({ where: { id: sectionId }, select: { responseId: true } });
  if (!section || section.responseId !== caseStudy.responseId) {
    throw new AppError('bad_request', 'Invalid input: sectionId: Choose a section of this response', { fields: { sectionId: 'Choose a section of this response' } });
  }
  const block = quotationParagraph(quote, quotationCredit(caseStudy));
  const version = await applySectionEdit({
    sectionId,
    edit: (current, currentText) => insertBlocksAfter(current, paragraphOffset(currentText, afterParagraph), [block]),
    authorIds: [caller.id],
    source: 'QUOTE',
    actorId: caller.id,
    after: async (tx, stored) => {
      // Check again under the section lock: the case study may have been declined meanwhile.
      const now = await tx.caseStudy.findUniqueOrThrow({ where: { id }, select: { status: true, consentQuote: true } });
      const late = quoteRefusal(now);
      if (late) throw new AppError('conflict', late);
      const created = await tx.caseStudyQuote.create({ data: { caseStudyId: id, sectionId, versionId: stored.id, quote, createdById: caller.id } });
      await recordAudit(tx, { actorId: caller.id, action: 'case-study.quote', targetType: 'case-study', targetId: id, data: { sectionId, versionId: stored.id, quoteId: created.id } });
    },
  });
  const quoteRow = await db().caseStudyQuote.findFirstOrThrow({ where: { versionId: version.id, caseStudyId: id }, select: { id: true } });
  return { quoteId: quoteRow.id, sectionId, versionId: version.id, text: version.text };
}
