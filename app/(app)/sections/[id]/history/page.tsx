import type { Metadata } from 'next';
import { SectionContent } from '@/components/sections/section-content';
import { Button } from '@/components/ui/button';
import { RestoreButton } from '@/components/versions/restore-button';
import { authorNames, formatVersionTime, versionSourceLabels } from '@/components/versions/version-labels';
import { DiffLegend, WordDiffView } from '@/components/versions/word-diff-view';
import { can } from '@/lib/auth/policy';
import { requireUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { sectionTitle } from '@/lib/format';
import { compareVersions, getVersion, listSectionVersions, type VersionSummary } from '@/lib/versions/queries';
import { groupIntoSessions } from '@/lib/versions/sessions';
import { restoreVersionAction } from './actions';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { TextLink } from '@/components/ui/link';
import { cardClass } from '@/components/ui/card';
import { orNotFound } from '@/lib/pages/or-not-found';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ view?: string; from?: string; to?: string; mode?: string; before?: string }>;
};

async function load(id: string, before?: string) {
  const user = await requireUser(`/sections/${id}/history`);
  return { user, history: await orNotFound(listSectionVersions(user, id, { before })) };
}

/** Reads an optional part of the page (a version, a comparison); unknown ids show a message instead of failing the page. */
async function optional<T>(read: () => Promise<T>): Promise<T | 'missing'> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError && (error.code === 'not_found' || error.code === 'bad_request')) return 'missing';
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const { history } = await load(id);
  return { title: `History: ${sectionTitle(history.section)}` };
}

function describeVersion(version: VersionSummary): string {
  return `${formatVersionTime(version.createdAt)}: ${versionSourceLabels[version.source]} by ${authorNames(version.authors)}`;
}

/** One end of the comparison: a labelled list of every version (id "compare-from", "compare-to"). */
function VersionPicker({ name, label, versions, defaultValue }: { name: 'from' | 'to'; label: string; versions: VersionSummary[]; defaultValue: string | undefined }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`compare-${name}`} className="text-sm font-medium">{label}</label>
      <select id={`compare-${name}`} name={name} defaultValue={defaultValue} className="max-w-80 rounded-md border border-line bg-white px-2 py-1.5">
        {versions.map((version) => (
          <option key={version.id} value={version.id}>{describeVersion(version)}</option>
        ))}
      </select>
    </div>
  );
}

export default async function SectionHistoryPage({ params, searchParams }: Props) {
  const { id } = await params;
  const query = await searchParams;
  const { user, history } = await load(id, query.before);
  const { section, versions } = history;
  const canRestore = can(user, 'version:restore');
  const mode = query.mode === 'side' ? 'side' : 'inline';
  const viewed = query.view ? await optional(() => getVersion(user, query.view!)) : null;
  const comparison = query.from && query.to ? await optional(() => compareVersions(user, section.id, { from: query.from, to: query.to })) : null;
  const sessions = groupIntoSessions(versions);
  const restoredFrom = (version: VersionSummary) => (version.restoredFromId ? versions.find((other) => other.id === version.restoredFromId) : undefined);
  const restore = restoreVersionAction.bind(null, section.id);
  const href = (params: Record<string, string | undefined>) => {
    const search = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => !!entry[1]));
    return `/sections/${section.id}/history${search.size ? `?${search}` : ''}`;
  };
  const defaultFrom = comparison && comparison !== 'missing' ? comparison.from.id : versions[1]?.id;
  const defaultTo = comparison && comparison !== 'missing' ? comparison.to.id : versions[0]?.id;

  return (
    <article>
      <Breadcrumb items={[{ href: `/responses/${section.responseSlug}`, label: section.responseTitle }, { href: `/sections/${section.id}`, label: sectionTitle(section) }]} />
      <h1 className="mb-1 text-2xl font-semibold">History: {sectionTitle(section)}</h1>
      <p className="mb-6 text-sm text-muted">Every stored version of this section, newest first. Restoring a version makes it the current text as a new version; nothing is deleted.</p>

      {versions.length > 1 ? (
        <section aria-labelledby="compare-heading" className={`${cardClass()} mb-8`}>
          <h2 id="compare-heading" className="mb-3 text-lg font-semibold">Compare two versions</h2>
          <form method="get" action={`/sections/${section.id}/history`} className="flex flex-wrap items-end gap-4">
            <VersionPicker name="from" label="Older version" versions={versions} defaultValue={defaultFrom} />
            <VersionPicker name="to" label="Newer version" versions={versions} defaultValue={defaultTo} />
            <fieldset className="flex gap-3 text-sm">
              <legend className="mb-1 font-medium">Show changes</legend>
              <label className="inline-flex items-center gap-1">
                <input type="radio" name="mode" value="inline" defaultChecked={mode === 'inline'} /> In one text
              </label>
              <label className="inline-flex items-center gap-1">
                <input type="radio" name="mode" value="side" defaultChecked={mode === 'side'} /> Side by side
              </label>
            </fieldset>
            <Button type="submit">Compare</Button>
          </form>
        </section>
      ) : null}

      {comparison === 'missing' ? (
        <p role="alert" className="mb-6 text-danger">One of those versions does not belong to this section.</p>
      ) : comparison ? (
        <section aria-labelledby="changes-heading" className="mb-8">
          <h2 id="changes-heading" className="mb-1 text-lg font-semibold">Changes</h2>
          <p className="mb-2 text-sm text-muted">
            From {describeVersion(comparison.from)}, to {describeVersion(comparison.to)}.
          </p>
          <DiffLegend />
          <div className="mt-2">
            <WordDiffView changes={comparison.changes} mode={mode} fromLabel={`Older: ${formatVersionTime(comparison.from.createdAt)}`} toLabel={`Newer: ${formatVersionTime(comparison.to.createdAt)}`} />
          </div>
        </section>
      ) : null}

      {viewed === 'missing' || (viewed && viewed.sectionId !== section.id) ? (
        <p role="alert" className="mb-6 text-danger">That version does not belong to this section.</p>
      ) : viewed ? (
        <section aria-labelledby="viewed-heading" className={`${cardClass()} mb-8`}>
          <h2 id="viewed-heading" className="mb-1 text-lg font-semibold">Version of {formatVersionTime(viewed.createdAt)}</h2>
          <p className="mb-4 text-sm text-muted">
            {versionSourceLabels[viewed.source]} by {authorNames(viewed.authors)}
            {viewed.id === section.currentVersionId ? ' · the current text' : null}
          </p>
          <SectionContent doc={viewed.content} />
          {canRestore && viewed.id !== section.currentVersionId ? (
            <div className="mt-4">
              <RestoreButton versionId={viewed.id} action={restore} />
            </div>
          ) : null}
        </section>
      ) : null}

      <h2 className="mb-3 text-lg font-semibold">Versions</h2>
      {sessions.length ? null : <p className="text-muted">This section has no versions yet.</p>}
      {sessions.map((session) => (
        <section key={session.endedAt} aria-label={`Editing session ending ${formatVersionTime(session.endedAt)}`} className="mb-6">
          <h3 className="mb-2 font-semibold">
            {session.versions.length === 1 ? formatVersionTime(session.endedAt) : `${formatVersionTime(session.startedAt)} – ${formatVersionTime(session.endedAt)}`}
            <span className="font-normal text-muted"> · {authorNames(session.authors.map((name) => ({ name })))}</span>
          </h3>
          <ol className="flex flex-col divide-y divide-line rounded-lg border border-line bg-white">
            {session.versions.map((version) => {
              const index = versions.indexOf(version);
              const previous = versions[index + 1];
              const current = version.id === section.currentVersionId;
              return (
                <li key={version.id} className="flex flex-wrap items-baseline justify-between gap-2 p-3" aria-current={current ? 'true' : undefined}>
                  <div>
                    <span className="font-medium">{formatVersionTime(version.createdAt)}</span> · {versionSourceLabels[version.source]}
                    {restoredFrom(version) ? ` (the one of ${formatVersionTime(restoredFrom(version)!.createdAt)})` : null} by {authorNames(version.authors)}
                    {version.label ? <span className="ml-2 rounded bg-stone-200 px-1.5 py-0.5 text-sm">{version.label}</span> : null}
                    {current ? <span className="ml-2 rounded bg-accent px-1.5 py-0.5 text-sm text-white">Current</span> : null}
                  </div>
                  <div className="flex flex-wrap gap-3 text-sm">
                    <TextLink standalone href={href({ view: version.id })} aria-label={`View the version of ${formatVersionTime(version.createdAt)}`}>
                      View
                    </TextLink>
                    {previous ? (
                      <TextLink standalone href={href({ from: previous.id, to: version.id, mode })} aria-label={`Changes in the version of ${formatVersionTime(version.createdAt)}, compared with the one before`}>
                        Changes
                      </TextLink>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
      {history.more ? (
        <p>
          <TextLink standalone href={href({ before: versions[versions.length - 1].id })}>Older versions</TextLink>
        </p>
      ) : null}
    </article>
  );
}
