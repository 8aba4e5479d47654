import type { Metadata } from 'next';
import { PageLink } from '@/components/ui/page-link';
import { FeedbackCounts } from '@/components/comments/feedback-counts';
import { MergeProgressBadge } from '@/components/merge/progress-badge';
import { DeadlineCountdown } from '@/components/responses/deadline-countdown';
import { ResponseTools } from '@/components/responses/response-tools';
import { ContentsPresence, SectionPresence } from '@/components/sections/contents-presence';
import { can } from '@/lib/auth/policy';
import { requireUser } from '@/lib/auth/session';
import { countOpenFeedback } from '@/lib/feedback/queries';
import { getResponseProgress } from '@/lib/merge/queries';
import { excerptAtWord, sectionTitle } from '@/lib/format';
import { getResponse } from '@/lib/responses/queries';
import { linkClass, TextLink } from '@/components/ui/link';
import { PhaseBadge } from '@/components/responses/phase-badge';
import { orNotFound } from '@/lib/pages/or-not-found';

type Props = { params: Promise<{ slug: string }> };

async function load(slug: string) {
  const user = await requireUser(`/responses/${slug}`);
  return { user, response: await orNotFound(getResponse(user, slug)) };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const { response } = await load(slug);
  return { title: response.title };
}

export default async function ResponsePage({ params }: Props) {
  const { slug } = await params;
  const { user, response } = await load(slug);
  const feedbackCounts = await countOpenFeedback(user, response.id);
  const mergeProgress = can(user, 'feedback:dispose') ? await getResponseProgress(user, response.id) : null;
  return (
    <>
      <p className="text-sm text-muted">{response.consultationName}</p>
      <h1 className="mb-2 text-2xl font-semibold">{response.title}</h1>
      <p className="mb-6 text-sm">
        <PhaseBadge phase={response.phase} />
        {response.deadline ? <> · <DeadlineCountdown deadline={response.deadline} open={response.phase === 'OPEN'} /></> : null}
        {response.consultationUrl ? (
          <> · <a className={linkClass} href={response.consultationUrl} rel="noreferrer noopener">The consultation</a></>
        ) : null}
      </p>
      <p className="mb-6"><TextLink href={`/responses/${response.slug}/case-studies`}>Case studies</TextLink> — examples from members that support the response, and how to submit one.</p>
      <p className="mb-6"><TextLink href={`/responses/${response.slug}/versions`}>Named versions</TextLink> — the whole response as it stood at moments the drafting group labelled.</p>
      <ResponseTools slug={response.slug} canMerge={can(user, 'feedback:dispose')} readFrom={response.phase === 'OPEN' ? response.sections[0]?.id : null} />
      <h2 className="mb-3 text-lg font-semibold">Contents</h2>
      <ContentsPresence slug={response.slug}>
      <ol className="flex flex-col divide-y divide-line rounded-lg border border-line bg-white">
        {response.sections.map((section) => (
          <li key={section.id} className="p-4">
            <PageLink className="inline-flex min-h-6 items-center font-medium text-accent hover:underline" href={`/sections/${section.id}`}>{sectionTitle(section)}</PageLink>
            <p className="mt-1 line-clamp-2 text-sm text-muted">{excerptAtWord(section.text, 220)}</p>
            <FeedbackCounts counts={feedbackCounts[section.id]} />
            <MergeProgressBadge progress={mergeProgress?.sections[section.id]} />
            <SectionPresence sectionId={section.id} />
          </li>
        ))}
      </ol>
      </ContentsPresence>
    </>
  );
}
