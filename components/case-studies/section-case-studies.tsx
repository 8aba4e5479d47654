import { CaseStudyCard } from '@/components/case-studies/case-study-card';
import { getCurrentUser } from '@/lib/auth/session';
import { listSectionCaseStudies } from '@/lib/case-studies/queries';
import { TextLink } from '@/components/ui/link';

/**
 * Accepted case studies (shown with their submitters' consent) beside a section, and the
 * way to submit one that supports it. A server component: drop it into the section page.
 */
export async function SectionCaseStudies({ sectionId }: { sectionId: string }) {
  const user = await getCurrentUser();
  if (!user) return null;
  const { responseSlug, open, caseStudies } = await listSectionCaseStudies(user, sectionId);
  return (
    <aside aria-labelledby={`case-studies-${sectionId}`} className="mt-8 rounded-lg border border-line bg-stone-50 p-4">
      <h2 id={`case-studies-${sectionId}`} className="mb-3 text-lg font-semibold">Case studies supporting this section</h2>
      {caseStudies.length ? (
        <ul className="mb-3 flex flex-col gap-3">
          {caseStudies.map((caseStudy) => (
            <li key={caseStudy.id}><CaseStudyCard caseStudy={caseStudy} /></li>
          ))}
        </ul>
      ) : (
        <p className="mb-3 text-sm text-muted">No case studies for this section yet.</p>
      )}
      <p className="flex flex-wrap gap-4 text-sm">
        {open.open ? (
          <TextLink standalone href={`/responses/${responseSlug}/case-studies/new?section=${sectionId}`}>Submit a case study that supports this section</TextLink>
        ) : null}
        <TextLink standalone href={`/responses/${responseSlug}/case-studies?section=${sectionId}`}>All case studies</TextLink>
      </p>
    </aside>
  );
}
