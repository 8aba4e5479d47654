import type { Metadata } from 'next';
import { createCaseStudyAction, updateCaseStudyAction } from '@/app/(app)/case-studies/actions';
import { CaseStudyForm } from '@/components/case-studies/case-study-form';
import { ClosedNotice } from '@/components/case-studies/closed-notice';
import { requireUser } from '@/lib/auth/session';
import { getCaseStudyFormContext } from '@/lib/case-studies/queries';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { orNotFound } from '@/lib/pages/or-not-found';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Submit a case study' };

export default async function NewCaseStudyPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { section } = await searchParams;
  const user = await requireUser(`/responses/${slug}/case-studies/new`);
  const context = await orNotFound(getCaseStudyFormContext(user, slug));
  // "This supports section 3": arriving from a section preselects it.
  const preselected = context.sections.filter((candidate) => candidate.id === section).map((candidate) => candidate.id);
  return (
    <>
      <Breadcrumb items={[{ href: `/responses/${slug}`, label: context.response.title }, { href: `/responses/${slug}/case-studies`, label: 'Case studies' }]} />
      <h1 className="mb-2 text-2xl font-semibold">Submit a case study</h1>
      {context.open.open ? (
        <CaseStudyForm
          slug={slug}
          sections={context.sections}
          knownThemes={context.themes}
          initial={{
            title: '',
            organisation: '',
            place: '',
            summary: '',
            evidence: '',
            links: [],
            sectionIds: preselected,
            themes: [],
            contact: { name: user.name ?? '', email: user.email, phone: '' },
            consent: { quote: null, showToMembers: null, attribution: null },
          }}
          createAction={createCaseStudyAction}
          updateAction={updateCaseStudyAction}
        />
      ) : (
        <ClosedNotice reason={context.open.reason} slug={slug} />
      )}
    </>
  );
}
