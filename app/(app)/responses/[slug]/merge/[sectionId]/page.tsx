import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SectionEditor } from '@/components/editor/section-editor';
import { MergeProgressBar } from '@/components/merge/progress-badge';
import { MergeWorkspace } from '@/components/merge/merge-workspace';
import { SectionContent } from '@/components/sections/section-content';
import { requireUser } from '@/lib/auth/session';
import { displayName } from '@/lib/collab/presence';
import { mintCollabToken } from '@/lib/collab/tokens';
import { phaseLabels, sectionTitle } from '@/lib/format';
import { getMergeSection } from '@/lib/merge/queries';
import { isTextFrozen } from '@/lib/responses/phase';
import { collabInfo } from '@/lib/sections/collab-info';
import { disposeAction } from '../actions';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { TextLink } from '@/components/ui/link';
import { mayEditSectionText } from '@/lib/sections/policy';
import { orNotFound } from '@/lib/pages/or-not-found';

type Props = { params: Promise<{ slug: string; sectionId: string }> };

async function load(slug: string, sectionId: string) {
  const user = await requireUser(`/responses/${slug}/merge/${sectionId}`);
  const merge = await orNotFound(getMergeSection(user, sectionId), { also: ['forbidden'] });
  if (merge.response.slug !== slug) notFound();
  return { user, merge };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, sectionId } = await params;
  const { merge } = await load(slug, sectionId);
  return { title: `Merge: ${sectionTitle(merge.section) || 'Introduction'}` };
}

export default async function MergeSectionPage({ params }: Props) {
  const { slug, sectionId } = await params;
  const { user, merge } = await load(slug, sectionId);
  const { section, response } = merge;
  const title = sectionTitle(section) || 'Introduction';
  const frozen = isTextFrozen(response.phase);
  return (
    <>
      <Breadcrumb items={[{ href: `/responses/${slug}`, label: response.title }, { href: `/responses/${slug}/merge`, label: 'Merge feedback' }]} />
      <h1 className="mb-2 text-2xl font-semibold">Merge: {title}</h1>
      <p className="mb-4 text-sm text-muted">{phaseLabels[response.phase]}{frozen ? ' — the text is frozen as the final submission' : ''}</p>
      <div className="mb-6 max-w-xl"><MergeProgressBar progress={merge.progress} label={`Feedback on ${title}`} /></div>
      <div className="grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="text-heading" className="lg:sticky lg:top-4 lg:self-start">
          <h2 id="text-heading" className="mb-3 text-lg font-semibold">The text now</h2>
          <SectionEditor
            collab={collabInfo(section.id)}
            token={mintCollabToken(user)}
            user={{ id: user.id, name: displayName(user.name) }}
            canEdit={mayEditSectionText(user, response.phase)}
            label={`Text of ${title}`}
          >
            <SectionContent doc={section.content} />
          </SectionEditor>
          <p className="mt-3 text-sm"><TextLink href={`/sections/${section.id}`}>Open the section page</TextLink> (comments in the margin, history)</p>
        </section>
        <section aria-labelledby="feedback-heading">
          <h2 id="feedback-heading" className="mb-3 text-lg font-semibold">Feedback ({merge.items.length})</h2>
          <MergeWorkspace sectionId={section.id} items={merge.items} versions={merge.versions} dispose={disposeAction.bind(null, slug)} />
        </section>
      </div>
      <nav aria-label="Sections" className="mt-10 flex flex-wrap justify-between gap-4 border-t border-line pt-4">
        {merge.previous ? (
          <TextLink rel="prev" href={`/responses/${slug}/merge/${merge.previous.id}`}>← Previous: {sectionTitle(merge.previous) || 'Introduction'}</TextLink>
        ) : <span />}
        {merge.next ? (
          <TextLink rel="next" href={`/responses/${slug}/merge/${merge.next.id}`}>Next: {sectionTitle(merge.next) || 'Introduction'} →</TextLink>
        ) : null}
      </nav>
    </>
  );
}
