import type { Metadata } from 'next';
import { PageLink } from '@/components/ui/page-link';
import { StatusBadge } from '@/components/case-studies/status-badge';
import { requireUser } from '@/lib/auth/session';
import { editableByViewer } from '@/lib/case-studies/dto';
import { getCaseStudyFormContext, listCaseStudies } from '@/lib/case-studies/queries';
import { formatDateTime } from '@/lib/format';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { TextLink } from '@/components/ui/link';
import { cardClass } from '@/components/ui/card';
import { orNotFound } from '@/lib/pages/or-not-found';

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: 'Your case studies' };

export default async function MyCaseStudiesPage({ params }: Props) {
  const { slug } = await params;
  const user = await requireUser(`/responses/${slug}/case-studies/mine`);
  const context = await orNotFound(getCaseStudyFormContext(user, slug));
  const mine = await orNotFound(listCaseStudies(user, slug, { mine: true }));
  return (
    <>
      <Breadcrumb items={[{ href: `/responses/${slug}`, label: context.response.title }, { href: `/responses/${slug}/case-studies`, label: 'Case studies' }]} />
      <h1 className="mb-4 text-2xl font-semibold">Your case studies</h1>
      {context.open.open ? (
        <p className="mb-6"><TextLink href={`/responses/${slug}/case-studies/new`}>Submit another case study</TextLink></p>
      ) : (
        <p className="mb-6 text-sm">{context.open.reason}</p>
      )}
      {mine.length ? (
        <ul className="flex flex-col gap-4">
          {mine.map((caseStudy) => (
            <li key={caseStudy.id} className={cardClass()}>
              <h2 className="text-lg font-semibold">
                <PageLink className="text-accent hover:underline" href={`/case-studies/${caseStudy.id}`}>{caseStudy.title || 'Untitled draft'}</PageLink>
              </h2>
              <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-muted">
                <StatusBadge status={caseStudy.status} />
                {caseStudy.submittedAt ? `Submitted ${formatDateTime(caseStudy.submittedAt)}` : `Last saved ${formatDateTime(caseStudy.updatedAt)}`}
              </p>
              {caseStudy.latestNote && (caseStudy.status === 'changes_requested' || caseStudy.status === 'declined') ? (
                <div className="mt-2 text-sm">
                  <p className="font-medium">{caseStudy.status === 'declined' ? 'Reason from the coordinator:' : 'What the coordinator asks you to change:'}</p>
                  <blockquote className="mt-1 border-l-4 border-line pl-3 whitespace-pre-line">{caseStudy.latestNote}</blockquote>
                </div>
              ) : null}
              {editableByViewer(caseStudy) && context.open.open ? (
                <p className="mt-2 text-sm">
                  <TextLink href={`/case-studies/${caseStudy.id}/edit`}>
                    {caseStudy.status === 'draft' ? 'Finish and submit' : caseStudy.status === 'changes_requested' ? 'Change and resubmit' : 'Change it'}
                    <span className="sr-only">: {caseStudy.title || 'untitled draft'}</span>
                  </TextLink>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>You have not submitted any case studies to this response yet.</p>
      )}
    </>
  );
}
