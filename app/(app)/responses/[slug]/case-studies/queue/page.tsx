import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { decideCaseStudyAction } from '@/app/(app)/case-studies/actions';
import { CaseStudyFilters } from '@/components/case-studies/case-study-filters';
import { CaseStudyRecord } from '@/components/case-studies/case-study-record';
import { ModerationQueue } from '@/components/case-studies/moderation-queue';
import { requireUser } from '@/lib/auth/session';
import { canModerateCaseStudies } from '@/lib/case-studies/policy';
import { getCaseStudyFormContext, listModerationQueue } from '@/lib/case-studies/queries';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { TextLink } from '@/components/ui/link';
import { orNotFound } from '@/lib/pages/or-not-found';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Case study moderation' };

const one = (value: string | string[] | undefined) => (typeof value === 'string' && value ? value : undefined);

export default async function ModerationQueuePage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const user = await requireUser(`/responses/${slug}/case-studies/queue`);
  if (!canModerateCaseStudies(user)) notFound();
  // Waiting for a decision is what a coordinator usually wants first.
  const status = query.status === undefined ? 'submitted' : one(query.status);
  const filters = { status, sectionId: one(query.section), theme: one(query.theme) };
  const context = await orNotFound(getCaseStudyFormContext(user, slug));
  const queue = await orNotFound(listModerationQueue(user, slug, filters), { also: ['bad_request'] });
  return (
    <>
      <Breadcrumb items={[{ href: `/responses/${slug}`, label: context.response.title }, { href: `/responses/${slug}/case-studies`, label: 'Case studies' }]} />
      <h1 className="mb-4 text-2xl font-semibold">Case study moderation</h1>
      <CaseStudyFilters
        action={`/responses/${slug}/case-studies/queue`}
        sections={context.sections}
        themes={context.themes}
        values={filters}
        statuses={['submitted', 'changes_requested', 'accepted', 'featured', 'declined']}
      />
      <p role="status" className="mb-4 text-sm text-muted">{queue.length === 1 ? '1 case study' : `${queue.length} case studies`}, oldest first.</p>
      <ModerationQueue
        items={queue.map((caseStudy) => ({
          id: caseStudy.id,
          title: caseStudy.title,
          decide: decideCaseStudyAction.bind(null, caseStudy.id),
          record: (
            <>
              <CaseStudyRecord caseStudy={caseStudy} headingLevel={2} />
              <p className="mt-2 text-sm"><TextLink href={`/case-studies/${caseStudy.id}`}>Open the full record<span className="sr-only">: {caseStudy.title}</span></TextLink></p>
            </>
          ),
        }))}
      />
    </>
  );
}
