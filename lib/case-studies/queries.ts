/**
 * Reads of case studies. Every read goes through toCaseStudyDto with the caller, so what
 * a person sees (and whether contact details ride along) is decided in one place.
 */
import 'server-only';
import type { Caller } from '@/lib/auth/policy';
import { toCaseStudyDto, type CaseStudyDto } from '@/lib/case-studies/dto';
import { canModerateCaseStudies, canViewCaseStudy, submissionsOpen, PUBLISHED_STATUSES, type OpenState } from '@/lib/case-studies/policy';
import { listFiltersSchema, type ListFilters } from '@/lib/case-studies/schemas';
import { db, type Prisma } from '@/lib/db';
import { notFound, parseInput } from '@/lib/errors';
import type { CaseStudyStatus, Phase } from '@/lib/generated/prisma/enums';
import { caseStudyVisibility } from '@/lib/case-studies/visibility';

const personName = { select: { id: true, name: true } } as const;
const sectionRef = { select: { id: true, number: true, heading: true, position: true } } as const;

/** Exactly the columns toCaseStudyDto reads. */
export const caseStudySelect = {
  id: true,
  authorId: true,
  title: true,
  organisation: true,
  place: true,
  summary: true,
  evidence: true,
  links: true,
  themes: true,
  contactName: true,
  contactEmail: true,
  contactPhone: true,
  consentQuote: true,
  consentShow: true,
  attribution: true,
  status: true,
  submittedAt: true,
  createdAt: true,
  updatedAt: true,
  response: { select: { slug: true, title: true } },
  author: personName,
  sections: { select: { section: sectionRef } },
  decisions: { orderBy: { createdAt: 'asc' }, select: { id: true, decision: true, note: true, createdAt: true, actor: personName } },
  quotes: { orderBy: { createdAt: 'asc' }, select: { id: true, quote: true, createdAt: true, versionId: true, section: sectionRef } },
} satisfies Prisma.CaseStudySelect;

/** The Prisma form of who may see a case study (lib/case-studies/visibility.ts). */
export function visibleTo(caller: Caller): Prisma.CaseStudyWhereInput {
  return caseStudyVisibility(caller).where;
}

const publishedAndShown: Prisma.CaseStudyWhereInput = { status: { in: PUBLISHED_STATUSES }, consentShow: true };

export async function getCaseStudy(caller: Caller, id: string): Promise<CaseStudyDto> {
  const record = await db().caseStudy.findUnique({ where: { id }, select: caseStudySelect });
  // Someone who may not see it learns nothing, not even that it exists.
  if (!record || !canViewCaseStudy(caller, record)) throw notFound('That case study');
  return toCaseStudyDto(caller, record);
}

async function responseIdOf(slug: string): Promise<string> {
  const response = await db().response.findUnique({ where: { slug }, select: { id: true } });
  if (!response) throw notFound(`The response "${slug}"`);
  return response.id;
}

function filterWhere(caller: Caller, { status, sectionId, theme, mine }: ListFilters): Prisma.CaseStudyWhereInput[] {
  return [
    status ? { status: status.toUpperCase() as CaseStudyStatus } : {},
    sectionId ? { sections: { some: { sectionId } } } : {},
    theme ? { themes: { has: theme } } : {},
    mine ? { authorId: caller.id } : {},
  ];
}

const featuredFirst = <T extends { status: CaseStudyStatus }>(rows: T[]) =>
  [...rows].sort((a, b) => Number(b.status === 'FEATURED') - Number(a.status === 'FEATURED'));

/**
 * The case studies of a response the caller may see (the API's list): members get the
 * published ones (accepted or featured, shown with consent) plus their own; coordinators
 * get every submitted one plus their own drafts. Featured first, then newest first.
 */
export async function listCaseStudies(caller: Caller, slug: string, filters: unknown = {}): Promise<CaseStudyDto[]> {
  const parsed = parseInput(listFiltersSchema, filters);
  const responseId = await responseIdOf(slug);
  const rows = await db().caseStudy.findMany({
    where: { AND: [{ responseId }, visibleTo(caller), ...filterWhere(caller, parsed)] },
    orderBy: [{ submittedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    select: caseStudySelect,
    take: 500,
  });
  return featuredFirst(rows).map((row) => toCaseStudyDto(caller, row));
}

/** The browsable list every member sees: published case studies shown with consent, featured first. */
export async function listPublishedCaseStudies(caller: Caller, slug: string, filters: unknown = {}): Promise<CaseStudyDto[]> {
  const parsed = parseInput(listFiltersSchema, filters);
  const responseId = await responseIdOf(slug);
  const rows = await db().caseStudy.findMany({
    where: { AND: [{ responseId }, publishedAndShown, ...filterWhere(caller, { ...parsed, status: undefined, mine: undefined })] },
    orderBy: [{ submittedAt: 'desc' }],
    select: caseStudySelect,
    take: 500,
  });
  return featuredFirst(rows).map((row) => toCaseStudyDto(caller, row));
}

/** The moderation queue: every submitted case study (never drafts), oldest first. Coordinators only. */
export async function listModerationQueue(caller: Caller, slug: string, filters: unknown = {}): Promise<CaseStudyDto[]> {
  if (!canModerateCaseStudies(caller)) throw notFound('That page');
  const parsed = parseInput(listFiltersSchema, filters);
  const responseId = await responseIdOf(slug);
  const rows = await db().caseStudy.findMany({
    where: { AND: [{ responseId }, { status: { not: 'DRAFT' } }, ...filterWhere(caller, { ...parsed, mine: undefined })] },
    orderBy: [{ submittedAt: 'asc' }, { createdAt: 'asc' }],
    select: caseStudySelect,
    take: 500,
  });
  return rows.map((row) => toCaseStudyDto(caller, row));
}

/** Published case studies beside one section, with what the section page needs to link to the form. */
export async function listSectionCaseStudies(caller: Caller, sectionId: string): Promise<{ responseSlug: string; open: OpenState; caseStudies: CaseStudyDto[] }> {
  // One query: the section's response and the case studies linked to it.
  const section = await db().section.findUnique({
    where: { id: sectionId },
    select: {
      response: { select: { slug: true, phase: true, deadline: true } },
      caseStudyLinks: { where: { caseStudy: publishedAndShown }, orderBy: [{ caseStudy: { submittedAt: 'desc' } }], take: 50, select: { caseStudy: { select: caseStudySelect } } },
    },
  });
  if (!section) throw notFound('That section');
  const rows = section.caseStudyLinks.map((link) => link.caseStudy);
  return { responseSlug: section.response.slug, open: submissionsOpen(section.response), caseStudies: featuredFirst(rows).map((row) => toCaseStudyDto(caller, row)) };
}

export type CaseStudyFormContext = {
  response: { id: string; slug: string; title: string; phase: Phase; deadline: string | null };
  open: OpenState;
  sections: { id: string; number: string | null; heading: string }[];
  /** Themes already used in case studies the caller can see, to suggest. */
  themes: string[];
};

/** What the submission form needs: the response's sections, whether it is open, known themes. */
export async function getCaseStudyFormContext(caller: Caller, slug: string): Promise<CaseStudyFormContext> {
  const response = await db().response.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, phase: true, deadline: true, sections: { orderBy: { position: 'asc' }, select: { id: true, number: true, heading: true } } },
  });
  if (!response) throw notFound(`The response "${slug}"`);
  const themeRows = await db().caseStudy.findMany({ where: { AND: [{ responseId: response.id }, visibleTo(caller)] }, select: { themes: true }, take: 1000 });
  const themes = [...new Set(themeRows.flatMap((row) => row.themes))].sort();
  return {
    response: { id: response.id, slug: response.slug, title: response.title, phase: response.phase, deadline: response.deadline?.toISOString() ?? null },
    open: submissionsOpen(response),
    sections: response.sections,
    themes,
  };
}

/** Counts for the response page's case study link. */
export async function countCaseStudies(caller: Caller, slug: string): Promise<{ published: number; mine: number; waiting: number | null }> {
  const responseId = await responseIdOf(slug);
  const [published, mine, waiting] = await Promise.all([
    db().caseStudy.count({ where: { responseId, ...publishedAndShown } }),
    db().caseStudy.count({ where: { responseId, authorId: caller.id } }),
    canModerateCaseStudies(caller) ? db().caseStudy.count({ where: { responseId, status: 'SUBMITTED' } }) : Promise.resolve(null),
  ]);
  return { published, mine, waiting };
}
