import type { Metadata } from 'next';
import { PageLink } from '@/components/ui/page-link';
import { NameVersionForm } from '@/components/versions/name-version-form';
import { can } from '@/lib/auth/policy';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { getResponse } from '@/lib/responses/queries';
import { listNamedVersions } from '@/lib/versions/queries';
import { nameVersionAction } from './actions';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { linkClass } from '@/components/ui/link';
import { cardClass } from '@/components/ui/card';
import { orNotFound } from '@/lib/pages/or-not-found';

type Props = { params: Promise<{ slug: string }> };

async function load(slug: string) {
  const user = await requireUser(`/responses/${slug}/versions`);
  const [response, namedVersions] = await orNotFound(Promise.all([getResponse(user, slug), listNamedVersions(user, slug)]));
  return { user, response, namedVersions };
}

export const metadata: Metadata = { title: 'Named versions' };

export default async function NamedVersionsPage({ params }: Props) {
  const { slug } = await params;
  const { user, response, namedVersions } = await load(slug);
  return (
    <>
      <Breadcrumb items={[{ href: `/responses/${response.slug}`, label: response.title }]} />
      <h1 className="mb-2 text-2xl font-semibold">Named versions</h1>
      <p className="mb-6 text-muted">The whole response as it stood when someone in the drafting group gave it a name. Each stays exactly as it was, whatever changes later.</p>
      {can(user, 'version:name') ? (
        <section aria-labelledby="name-heading" className={`${cardClass()} mb-8`}>
          <h2 id="name-heading" className="mb-3 text-lg font-semibold">Name the current state</h2>
          <NameVersionForm slug={response.slug} action={nameVersionAction.bind(null, response.slug)} />
        </section>
      ) : null}
      <h2 className="mb-3 text-lg font-semibold">All named versions</h2>
      {namedVersions.length ? (
        <ol className="flex flex-col divide-y divide-line rounded-lg border border-line bg-white">
          {namedVersions.map((named) => (
            <li key={named.id} className="p-4">
              <PageLink className={`${linkClass} font-medium`} href={`/responses/${response.slug}/versions/${named.id}`}>{named.label}</PageLink>
              <p className="text-sm text-muted">
                Named by {named.createdBy.name} on {formatDateTime(named.createdAt)} · {named.sectionCount} sections
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-muted">No named versions yet.</p>
      )}
    </>
  );
}
