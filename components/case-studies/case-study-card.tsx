import { PageLink } from '@/components/ui/page-link';
import { FeaturedBadge } from '@/components/case-studies/status-badge';
import type { CaseStudyDto } from '@/lib/case-studies/dto';

/**
 * A compact card: title, credit as the submitter consented, and a link to the full record.
 * Renders only public fields, so it is safe for any viewer's DTO.
 */
export function CaseStudyCard({ caseStudy, headingLevel = 3, showSummary = false }: { caseStudy: CaseStudyDto; headingLevel?: 2 | 3 | 4; showSummary?: boolean }) {
  const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  return (
    <article className={`rounded-lg border bg-white p-3 ${caseStudy.featured ? 'border-ok border-2' : 'border-line'}`}>
      {caseStudy.featured ? <p className="mb-1"><FeaturedBadge /></p> : null}
      <Heading className="font-semibold">
        <PageLink className="inline-flex min-h-6 items-center text-accent hover:underline" href={`/case-studies/${caseStudy.id}`}>{caseStudy.title}</PageLink>
      </Heading>
      <p className="text-sm text-muted">
        {caseStudy.creditLine ?? 'Anonymous'}
        {caseStudy.place ? ` · ${caseStudy.place}` : ''}
      </p>
      {showSummary ? <p className="mt-2 line-clamp-3 text-sm">{caseStudy.summary}</p> : null}
    </article>
  );
}
