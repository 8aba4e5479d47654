/**
 * The one mapper from a stored case study to what leaves the server, for every page and
 * every API answer. It takes the viewer as well as the record, so the privacy rules live
 * in exactly one place:
 *
 * - contact details, consent answers, the submitter's account, the coordinator's notes
 *   and the quotation history go only to the submitter and to coordinators;
 * - for everyone else the case study is credited as its submitter agreed:
 *     named        → "<contact name>, <organisation>"
 *     organisation → "<organisation>"
 *     anonymous    → nobody (and the organisation field itself is withheld).
 * Drafters are "everyone else" here: editing the text does not entitle anyone to know who
 * submitted a case study, so the merge workspace and the drafters' archive show what
 * members see.
 *
 * Pure: no I/O, unit-tested in tests/unit/case-study-dto.test.ts.
 */
import type { Attribution, CaseStudyStatus } from '@/lib/generated/prisma/enums';
import { canSeePrivateDetails, type Viewer } from '@/lib/case-studies/policy';
import type { AttributionValue, CaseStudyFormValues, DecisionValue, StatusValue } from '@/lib/case-studies/schemas';
import type { PMNode } from '@/lib/sections/content';

/** The columns the mapper needs; queries select exactly these (caseStudySelect). */
export type CaseStudyRecord = {
  id: string;
  authorId: string;
  title: string;
  organisation: string;
  place: string | null;
  summary: string;
  evidence: string | null;
  links: string[];
  themes: string[];
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
  consentQuote: boolean;
  consentShow: boolean;
  attribution: Attribution;
  status: CaseStudyStatus;
  submittedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  response: { slug: string; title: string };
  author: { id: string; name: string | null };
  sections: { section: { id: string; number: string | null; heading: string; position: number } }[];
  decisions: { id: string; decision: string; note: string | null; createdAt: Date; actor: { id: string; name: string | null } }[];
  quotes: { id: string; quote: string; createdAt: Date; versionId: string; section: { id: string; number: string | null; heading: string } }[];
};

export type CaseStudySectionRef = { id: string; number: string | null; heading: string };

export type CaseStudyDecisionDto = { id: string; decision: DecisionValue; note: string | null; decidedAt: string; decidedBy: { id: string; name: string | null } };

export type CaseStudyDto = {
  id: string;
  responseSlug: string;
  responseTitle: string;
  status: StatusValue;
  featured: boolean;
  title: string;
  /** Null when the viewer may not see it (anonymous case studies, for other members). */
  organisation: string | null;
  place: string | null;
  summary: string;
  evidence: string | null;
  links: string[];
  themes: string[];
  sections: CaseStudySectionRef[];
  attribution: AttributionValue;
  /** How the case study is credited to other members and in quotations; null: anonymous. */
  creditLine: string | null;
  submittedAt: string | null;
  updatedAt: string;
  /** True when the viewer is the submitter. */
  mine: boolean;
  /** Only for the submitter and coordinators. */
  contact?: { name: string; email: string; phone: string | null };
  consent?: { quote: boolean; showToMembers: boolean; attribution: AttributionValue };
  submittedBy?: { id: string; name: string | null };
  createdAt?: string;
  decisions?: CaseStudyDecisionDto[];
  /** The coordinator's note on the latest decision, if any. */
  latestNote?: string | null;
  quotes?: { id: string; quote: string; quotedAt: string; versionId: string; section: CaseStudySectionRef }[];
};

const attributionValue: Record<Attribution, AttributionValue> = { NAMED: 'named', ORGANISATION: 'organisation', ANONYMOUS: 'anonymous' };

export function statusValue(status: CaseStudyStatus): StatusValue {
  return status.toLowerCase() as StatusValue;
}

/** The credit other members see, as the submitter consented. */
export function creditLine(record: Pick<CaseStudyRecord, 'attribution' | 'contactName' | 'organisation'>): string | null {
  const organisation = record.organisation.trim();
  const name = record.contactName.trim();
  switch (record.attribution) {
    case 'NAMED':
      return [name, organisation].filter(Boolean).join(', ') || null;
    case 'ORGANISATION':
      return organisation || null;
    default:
      return null;
  }
}

/** The attribution printed after a quotation in the draft. */
export function quotationCredit(record: Pick<CaseStudyRecord, 'attribution' | 'contactName' | 'organisation'>): string {
  return creditLine(record) ?? ANONYMOUS_CREDIT;
}

export const ANONYMOUS_CREDIT = 'a case study submitted anonymously';

/** The paragraph inserted into the draft: the quotation in italics, then its credit. */
export function quotationParagraph(quote: string, credit: string): PMNode {
  const words = quote.replace(/^["“”]+|["“”]+$/g, '').trim();
  return {
    type: 'paragraph',
    content: [
      { type: 'text', text: `“${words}”`, marks: [{ type: 'italic' }] },
      { type: 'text', text: ` — ${credit}` },
    ],
  };
}

/**
 * The organisation as `viewer` may see it: withheld from everyone but the submitter and
 * coordinators when the submitter chose to be anonymous. Every page, API answer and export
 * that names a case study's organisation goes through here (or through toCaseStudyDto).
 */
export function organisationShownTo(viewer: Viewer, record: Pick<CaseStudyRecord, 'authorId' | 'status' | 'consentShow' | 'attribution' | 'organisation'>): string | null {
  return canSeePrivateDetails(viewer, record) || record.attribution !== 'ANONYMOUS' ? record.organisation : null;
}

export function toCaseStudyDto(viewer: Viewer, record: CaseStudyRecord): CaseStudyDto {
  const privileged = canSeePrivateDetails(viewer, record);
  const sections = [...record.sections]
    .map(({ section }) => section)
    .sort((a, b) => a.position - b.position)
    .map(({ id, number, heading }) => ({ id, number, heading }));
  const dto: CaseStudyDto = {
    id: record.id,
    responseSlug: record.response.slug,
    responseTitle: record.response.title,
    status: statusValue(record.status),
    featured: record.status === 'FEATURED',
    title: record.title,
    organisation: organisationShownTo(viewer, record),
    place: record.place,
    summary: record.summary,
    evidence: record.evidence,
    links: record.links,
    themes: record.themes,
    sections,
    attribution: attributionValue[record.attribution],
    creditLine: creditLine(record),
    submittedAt: record.submittedAt?.toISOString() ?? null,
    updatedAt: record.updatedAt.toISOString(),
    mine: viewer.id === record.authorId,
  };
  if (!privileged) return dto;
  const decisions = [...record.decisions]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((decision) => ({
      id: decision.id,
      decision: decision.decision as DecisionValue,
      note: decision.note,
      decidedAt: decision.createdAt.toISOString(),
      decidedBy: { id: decision.actor.id, name: decision.actor.name },
    }));
  return {
    ...dto,
    contact: { name: record.contactName, email: record.contactEmail, phone: record.contactPhone },
    consent: { quote: record.consentQuote, showToMembers: record.consentShow, attribution: attributionValue[record.attribution] },
    submittedBy: { id: record.author.id, name: record.author.name },
    createdAt: record.createdAt.toISOString(),
    decisions,
    latestNote: decisions.at(-1)?.note ?? null,
    quotes: record.quotes.map((quote) => ({
      id: quote.id,
      quote: quote.quote,
      quotedAt: quote.createdAt.toISOString(),
      versionId: quote.versionId,
      section: { id: quote.section.id, number: quote.section.number, heading: quote.section.heading },
    })),
  };
}

/** The form's starting values for editing a case study the viewer may see in full. */
export function formValuesFromDto(dto: CaseStudyDto): CaseStudyFormValues {
  return {
    title: dto.title,
    organisation: dto.organisation ?? '',
    place: dto.place ?? '',
    summary: dto.summary,
    evidence: dto.evidence ?? '',
    links: dto.links,
    sectionIds: dto.sections.map((section) => section.id),
    themes: dto.themes,
    contact: { name: dto.contact?.name ?? '', email: dto.contact?.email ?? '', phone: dto.contact?.phone ?? '' },
    // A draft stores "no" and "anonymous" for questions not answered yet: ask them again
    // rather than present a default as the person's choice.
    consent:
      dto.status === 'draft'
        ? {
            quote: dto.consent?.quote ? true : null,
            showToMembers: dto.consent?.showToMembers ? true : null,
            attribution: dto.consent && dto.consent.attribution !== 'anonymous' ? dto.consent.attribution : null,
          }
        : {
            quote: dto.consent?.quote ?? null,
            showToMembers: dto.consent?.showToMembers ?? null,
            attribution: dto.consent?.attribution ?? null,
          },
  };
}

/** True when the viewer may change this case study (theirs, and not yet decided). */
export function editableByViewer(dto: Pick<CaseStudyDto, 'mine' | 'status'>): boolean {
  return dto.mine && (dto.status === 'draft' || dto.status === 'submitted' || dto.status === 'changes_requested');
}
