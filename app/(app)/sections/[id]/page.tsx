import type { Metadata } from 'next';
import { cache } from 'react';
import { SectionCaseStudies } from '@/components/case-studies/section-case-studies';
import { SectionFeedback } from '@/components/comments/section-feedback';
import { PhaseNotice } from '@/components/responses/phase-notice';
import { SectionEditor } from '@/components/editor/section-editor';
import { SectionContent } from '@/components/sections/section-content';
import { requireUser } from '@/lib/auth/session';
import { displayName } from '@/lib/collab/presence';
import { mintCollabToken } from '@/lib/collab/tokens';
import { feedbackViewer } from '@/lib/feedback/policy';
import { getSectionFeedback } from '@/lib/feedback/queries';
import { laterFeedbackUrl } from '@/lib/feedback/reading-order';
import { formatDateTime, sectionTitle } from '@/lib/format';
import { getSection } from '@/lib/sections/queries';
import * as feedbackActions from './feedback-actions';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { TextLink } from '@/components/ui/link';
import { mayEditSectionText } from '@/lib/sections/policy';
import { orNotFound } from '@/lib/pages/or-not-found';

type Props = { params: Promise<{ id: string }> };

/** Once per request: generateMetadata and the page both need the section (cache saves the second set of queries). */
const load = cache(async (id: string) => {
  const user = await requireUser(`/sections/${id}`);
  return { user, section: await orNotFound(getSection(user, id)) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const { section } = await load(id);
  return { title: sectionTitle(section) };
}

export default async function SectionPage({ params }: Props) {
  const { id } = await params;
  const { user, section } = await load(id);
  // Anchors are placed in the text this page shows (read once, with the section).
  const feedback = await getSectionFeedback(user, section.id, { text: section.text, versionId: section.versionId });
  // A busy section: the browser fetches the rest of the margin while the page's scripts load
  // (components/comments/hooks/use-later-feedback.ts asks for the same address). An element,
  // not react-dom's preload(): that hint reached the browser only with the page's data, once
  // the scripts were running, as the page's head had been sent before the section was read.
  const later = feedback.later ? laterFeedbackUrl(section.id, feedback.later.after) : null;
  return (
    <article>
      {later ? <link rel="preload" as="fetch" href={later} crossOrigin="anonymous" /> : null}
      <Breadcrumb items={[{ href: `/responses/${section.responseSlug}`, label: section.responseTitle }]} />
      <h1 className="mb-1 text-2xl font-semibold">{sectionTitle(section)}</h1>
      <p className="mb-6 text-sm text-muted">
        Last changed {formatDateTime(section.updatedAt)} · <TextLink href={`/sections/${section.id}/history`}>History</TextLink>
      </p>
      <PhaseNotice slug={section.responseSlug} phase={section.responsePhase} />
      <SectionFeedback sectionId={section.id} initial={feedback} actions={{ ...feedbackActions }} {...feedbackViewer(user, feedback.phase)}>
        <SectionEditor
          collab={section.collab}
          token={mintCollabToken(user)}
          user={{ id: user.id, name: displayName(user.name) }}
          canEdit={mayEditSectionText(user, section.responsePhase)}
          label={`Text of ${sectionTitle(section)}`}
        >
          <SectionContent doc={section.content} />
        </SectionEditor>
      </SectionFeedback>
      <SectionCaseStudies sectionId={section.id} />
      <nav aria-label="Sections" className="mt-10 flex flex-wrap justify-between gap-4 border-t border-line pt-4">
        {section.previous ? (
          <TextLink rel="prev" href={`/sections/${section.previous.id}`}>← Previous: {sectionTitle(section.previous)}</TextLink>
        ) : <span />}
        {section.next ? (
          <TextLink rel="next" href={`/sections/${section.next.id}`}>Next: {sectionTitle(section.next)} →</TextLink>
        ) : null}
      </nav>
    </article>
  );
}
