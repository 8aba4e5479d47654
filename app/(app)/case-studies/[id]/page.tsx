import type { Metadata } from 'next';
import { decideCaseStudyAction, quoteCaseStudyAction } from '@/app/(app)/case-studies/actions';
import { CaseStudyRecord } from '@/components/case-studies/case-study-record';
import { DecisionForm } from '@/components/case-studies/decision-form';
import { QuoteForm, type QuotableSection } from '@/components/case-studies/quote-form';
import { requireUser } from '@/lib/auth/session';
import type { Caller } from '@/lib/auth/policy';
import { ANONYMOUS_CREDIT, editableByViewer } from '@/lib/case-studies/dto';
import { canModerateCaseStudies } from '@/lib/case-studies/policy';
import { getCaseStudy } from '@/lib/case-studies/queries';
import { sectionTitle } from '@/lib/format';
import { isTextFrozen } from '@/lib/responses/phase';
import { getResponse } from '@/lib/responses/queries';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { TextLink } from '@/components/ui/link';
import { cardClass } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { orNotFound } from '@/lib/pages/or-not-found';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load(id: string) {
  const user = await requireUser(`/case-studies/${id}`);
  return { user, caseStudy: await orNotFound(getCaseStudy(user, id)) };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const { caseStudy } = await load(id);
  return { title: caseStudy.title || 'Case study' };
}

/** Each section with its paragraphs, so the coordinator can say where a quotation goes; none once the text is frozen. */
async function quotableSections(user: Caller, slug: string): Promise<QuotableSection[] | null> {
  const response = await getResponse(user, slug);
  if (isTextFrozen(response.phase)) return null;
  return response.sections.map((section) => ({
    id: section.id,
    title: sectionTitle(section),
    paragraphs: section.text ? section.text.split('\n\n').map((text) => ({ text, preview: text.length > 60 ? `${text.slice(0, 60)}…` : text })) : [],
  }));
}

const savedMessages: Record<string, string> = {
  submitted: 'Thank you: your case study has been submitted. A coordinator will look at it and you will be notified of their decision.',
  resubmitted: 'Thank you: your changes have been sent back to the coordinator.',
};

export default async function CaseStudyPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { saved } = await searchParams;
  const { user, caseStudy } = await load(id);
  const moderator = canModerateCaseStudies(user);
  const published = caseStudy.status === 'accepted' || caseStudy.status === 'featured';
  const quotable = moderator && published && caseStudy.consent?.quote;
  const sections = quotable ? await quotableSections(user, caseStudy.responseSlug) : null;
  return (
    <article className="max-w-3xl">
      <Breadcrumb
        items={[
          { href: `/responses/${caseStudy.responseSlug}`, label: caseStudy.responseTitle },
          { href: `/responses/${caseStudy.responseSlug}/case-studies`, label: 'Case studies' },
          ...(caseStudy.mine ? [{ href: `/responses/${caseStudy.responseSlug}/case-studies/mine`, label: 'Yours' }] : []),
        ]}
      />
      {typeof saved === 'string' && savedMessages[saved] ? (
        <Notice tone="success" role="status" className="mb-4">{savedMessages[saved]}</Notice>
      ) : null}
      {caseStudy.mine && caseStudy.status === 'changes_requested' && caseStudy.latestNote ? (
        <div className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3">
          <p className="font-medium">The coordinator asks you to change this case study:</p>
          <blockquote className="mt-1 whitespace-pre-line">{caseStudy.latestNote}</blockquote>
        </div>
      ) : null}
      <CaseStudyRecord caseStudy={caseStudy} />
      {editableByViewer(caseStudy) ? (
        <p className="mt-6">
          <TextLink href={`/case-studies/${caseStudy.id}/edit`}>
            {caseStudy.status === 'draft' ? 'Finish and submit' : caseStudy.status === 'changes_requested' ? 'Change and resubmit' : 'Change it'}
          </TextLink>
        </p>
      ) : null}
      {moderator && caseStudy.status !== 'draft' ? (
        <section aria-labelledby="decide-heading" className={`${cardClass()} mt-8`}>
          <h2 id="decide-heading" className="mb-3 text-lg font-semibold">Decide</h2>
          <DecisionForm caseStudyId={caseStudy.id} title={caseStudy.title} action={decideCaseStudyAction.bind(null, caseStudy.id)} />
        </section>
      ) : null}
      {quotable ? (
        <section aria-labelledby="quote-heading" className={`${cardClass()} mt-8`}>
          <h2 id="quote-heading" className="mb-1 text-lg font-semibold">Quote it in the draft</h2>
          <p className="mb-3 text-sm text-muted">Inserts a short quotation, credited as the submitter agreed, as a new version of the section.</p>
          {sections ? (
            <QuoteForm
              sections={sections}
              defaultSectionId={caseStudy.sections[0]?.id ?? null}
              credit={caseStudy.creditLine ?? ANONYMOUS_CREDIT}
              action={quoteCaseStudyAction.bind(null, caseStudy.id)}
            />
          ) : (
            <p>The response is final: its text can no longer change.</p>
          )}
        </section>
      ) : null}
    </article>
  );
}
