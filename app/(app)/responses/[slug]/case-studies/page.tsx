import type { Metadata } from 'next';
import { PageLink } from '@/components/ui/page-link';
import { CaseStudyCard } from '@/components/case-studies/case-study-card';
import { CaseStudyFilters } from '@/components/case-studies/case-study-filters';
import { buttonClass } from '@/components/ui/button';
import { requireUser } from '@/lib/auth/session';
import { canModerateCaseStudies } from '@/lib/case-studies/policy';
import { getCaseStudyFormContext, listPublishedCaseStudies } from '@/lib/case-studies/queries';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { TextLink } from '@/components/ui/link';
import { orNotFound } from '@/lib/pages/or-not-found';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Case studies' };

const one = (value: string | string[] | undefined) => (typeof value === 'string' && value ? value : undefined);

export default async function CaseStudiesPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const user = await requireUser(`/responses/${slug}/case-studies`);
  const filters = { sectionId: one(query.section), theme: one(query.theme) };
  const context = await orNotFound(getCaseStudyFormContext(user, slug));
  const caseStudies = await orNotFound(listPublishedCaseStudies(user, slug, filters));
  const filtered = Boolean(filters.sectionId || filters.theme);
  return (
    <>
      <Breadcrumb items={[{ href: `/responses/${slug}`, label: context.response.title }]} />
      <h1 className="mb-2 text-2xl font-semibold">Case studies</h1>
      <p className="mb-4 text-muted">Examples from members of the network that support the response. Featured ones are marked.</p>
      <p className="mb-6 flex flex-wrap items-center gap-4">
        {context.open.open ? <PageLink className={buttonClass()} href={`/responses/${slug}/case-studies/new`}>Submit a case study</PageLink> : <span className="text-sm">{context.open.reason}</span>}
        <TextLink standalone href={`/responses/${slug}/case-studies/mine`}>Your case studies</TextLink>
        {canModerateCaseStudies(user) ? <TextLink standalone href={`/responses/${slug}/case-studies/queue`}>Moderation queue</TextLink> : null}
      </p>
      <CaseStudyFilters action={`/responses/${slug}/case-studies`} sections={context.sections} themes={context.themes} values={filters} />
      <h2 className="sr-only">Accepted case studies</h2>
      <p role="status" className="mb-3 text-sm text-muted">
        {caseStudies.length === 1 ? '1 case study' : `${caseStudies.length} case studies`}{filtered ? ' match the filters' : ''}.
      </p>
      {caseStudies.length ? (
        <ul className="grid gap-4 md:grid-cols-2">
          {caseStudies.map((caseStudy) => (
            <li key={caseStudy.id}><CaseStudyCard caseStudy={caseStudy} showSummary /></li>
          ))}
        </ul>
      ) : (
        <p>No accepted case studies {filtered ? 'match these filters' : 'yet'}.</p>
      )}
    </>
  );
}
