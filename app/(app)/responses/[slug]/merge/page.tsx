import type { Metadata } from 'next';
import { PageLink } from '@/components/ui/page-link';
import { MergeProgressBadge, MergeProgressBar } from '@/components/merge/progress-badge';
import { PhaseControls } from '@/components/merge/phase-controls';
import { DeadlineCountdown } from '@/components/responses/deadline-countdown';
import { can } from '@/lib/auth/policy';
import { requireUser } from '@/lib/auth/session';
import { sectionTitle } from '@/lib/format';
import { getMergeOverview } from '@/lib/merge/queries';
import { changePhaseAction } from './actions';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { TextLink } from '@/components/ui/link';
import { PhaseBadge } from '@/components/responses/phase-badge';
import { orNotFound } from '@/lib/pages/or-not-found';

type Props = { params: Promise<{ slug: string }> };

async function load(slug: string) {
  const user = await requireUser(`/responses/${slug}/merge`);
  return { user, overview: await orNotFound(getMergeOverview(user, slug), { also: ['forbidden'] }) };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const { overview } = await load(slug);
  return { title: `Merge feedback: ${overview.response.title}` };
}

export default async function MergeOverviewPage({ params }: Props) {
  const { slug } = await params;
  const { user, overview } = await load(slug);
  const { response, sections, progress } = overview;
  return (
    <>
      <Breadcrumb items={[{ href: `/responses/${response.slug}`, label: response.title }]} />
      <h1 className="mb-2 text-2xl font-semibold">Merge feedback</h1>
      <p className="mb-6 text-sm">
        <PhaseBadge phase={response.phase} />
        {response.deadline ? <> · <DeadlineCountdown deadline={response.deadline} open={response.phase === 'OPEN'} /></> : null}
      </p>
      <div className="grid gap-8 md:grid-cols-[2fr_1fr]">
        <section aria-labelledby="progress-heading">
          <h2 id="progress-heading" className="mb-3 text-lg font-semibold">Where work remains</h2>
          <div className="mb-4"><MergeProgressBar progress={progress} label="The whole response" /></div>
          <ol className="flex flex-col divide-y divide-line rounded-lg border border-line bg-white">
            {sections.map((section) => (
              <li key={section.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <div>
                  <PageLink className="inline-flex min-h-6 items-center font-medium text-accent hover:underline" href={`/responses/${response.slug}/merge/${section.id}`}>
                    {sectionTitle(section) || 'Introduction'}
                  </PageLink>
                  <div><MergeProgressBadge progress={section.progress} /></div>
                </div>
                <span className="text-sm text-muted">{section.progress.total ? `${section.progress.handled} of ${section.progress.total} handled` : 'No feedback'}</span>
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="phase-heading">
          <h2 id="phase-heading" className="mb-3 text-lg font-semibold">Phase</h2>
          {can(user, 'response:change-phase') ? (
            <PhaseControls phase={response.phase} changePhase={changePhaseAction.bind(null, response.slug)} />
          ) : (
            <p className="text-sm text-muted">The coordinator opens, closes and finalises the response.</p>
          )}
          <h2 className="mb-2 mt-8 text-lg font-semibold">When the work is done</h2>
          <ul className="flex flex-col gap-1 text-sm">
            <li><TextLink standalone href={`/responses/${response.slug}/export`}>Export the submission</TextLink></li>
            <li><TextLink standalone href={`/responses/${response.slug}/report`}>You said, we did</TextLink></li>
          </ul>
        </section>
      </div>
    </>
  );
}
