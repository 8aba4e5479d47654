import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SectionContent } from '@/components/sections/section-content';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime, sectionTitle } from '@/lib/format';
import { getNamedVersion } from '@/lib/versions/queries';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { orNotFound } from '@/lib/pages/or-not-found';

type Props = { params: Promise<{ slug: string; id: string }> };

async function load(slug: string, id: string) {
  const user = await requireUser(`/responses/${slug}/versions/${id}`);
  const named = await orNotFound(getNamedVersion(user, id));
  if (named.response.slug !== slug) notFound();
  return named;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  const named = await load(slug, id);
  return { title: `${named.label}: ${named.response.title}` };
}

/** A named version of the whole response, every section exactly as it was then. */
export default async function NamedVersionPage({ params }: Props) {
  const { slug, id } = await params;
  const named = await load(slug, id);
  return (
    <article>
      <Breadcrumb items={[{ href: `/responses/${slug}`, label: named.response.title }, { href: `/responses/${slug}/versions`, label: 'Named versions' }]} />
      <h1 className="mb-1 text-2xl font-semibold">{named.label}</h1>
      <p className="mb-8 text-sm text-muted">
        {named.response.title} as it stood on {formatDateTime(named.createdAt)}, named by {named.createdBy.name}. Later changes are not shown.
      </p>
      {named.sections.map((section) => (
        <section key={section.sectionId} aria-labelledby={`section-${section.sectionId}`} className="mb-10">
          <h2 id={`section-${section.sectionId}`} className="mb-3 text-xl font-semibold">{sectionTitle(section)}</h2>
          <SectionContent doc={section.content} />
        </section>
      ))}
    </article>
  );
}
