import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { createCaseStudyAction, updateCaseStudyAction } from '@/app/(app)/case-studies/actions';
import { CaseStudyForm } from '@/components/case-studies/case-study-form';
import { ClosedNotice } from '@/components/case-studies/closed-notice';
import { StatusBadge } from '@/components/case-studies/status-badge';
import { requireUser } from '@/lib/auth/session';
import { editableByViewer, formValuesFromDto } from '@/lib/case-studies/dto';
import { getCaseStudy, getCaseStudyFormContext } from '@/lib/case-studies/queries';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { orNotFound } from '@/lib/pages/or-not-found';

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: 'Change a case study' };

export default async function EditCaseStudyPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/case-studies/${id}/edit`);
  const caseStudy = await orNotFound(getCaseStudy(user, id));
  const context = await orNotFound(getCaseStudyFormContext(user, caseStudy.responseSlug));
  if (!caseStudy.mine) notFound();
  const status = caseStudy.status;
  return (
    <>
      <Breadcrumb items={[{ href: `/responses/${caseStudy.responseSlug}/case-studies/mine`, label: 'Your case studies' }, { href: `/case-studies/${caseStudy.id}`, label: caseStudy.title || 'Untitled draft' }]} />
      <h1 className="mb-2 text-2xl font-semibold">{status === 'draft' ? 'Finish your case study' : 'Change your case study'}</h1>
      <p className="mb-4"><StatusBadge status={status} /></p>
      {status === 'changes_requested' && caseStudy.latestNote ? (
        <div className="mb-6 rounded-md border border-amber-700 bg-amber-50 p-3">
          <p className="font-medium">The coordinator asks you to change:</p>
          <blockquote className="mt-1 whitespace-pre-line">{caseStudy.latestNote}</blockquote>
        </div>
      ) : null}
      {!editableByViewer(caseStudy) ? (
        <p>This case study has been {status === 'declined' ? 'declined' : 'accepted'} and can no longer be changed.</p>
      ) : !context.open.open ? (
        <ClosedNotice reason={context.open.reason} slug={caseStudy.responseSlug} />
      ) : (
        <CaseStudyForm
          slug={caseStudy.responseSlug}
          sections={context.sections}
          knownThemes={context.themes}
          initial={formValuesFromDto(caseStudy)}
          existing={{ id: caseStudy.id, status: status as 'draft' | 'submitted' | 'changes_requested' }}
          createAction={createCaseStudyAction}
          updateAction={updateCaseStudyAction}
        />
      )}
    </>
  );
}
