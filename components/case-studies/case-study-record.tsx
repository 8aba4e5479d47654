import { FeaturedBadge, StatusBadge } from '@/components/case-studies/status-badge';
import type { CaseStudyDto } from '@/lib/case-studies/dto';
import { decisionLabels } from '@/lib/case-studies/policy';
import { formatDateTime, sectionTitle } from '@/lib/format';
import { linkClass, TextLink } from '@/components/ui/link';

const attributionText = { named: 'Named (contact name and organisation)', organisation: 'Organisation only', anonymous: 'Anonymous' } as const;

/**
 * The full record of a case study. What it shows comes from the viewer-aware DTO:
 * contact details, consent, notes and history appear only when the DTO carries them
 * (the submitter and coordinators).
 */
export function CaseStudyRecord({ caseStudy, headingLevel = 1 }: { caseStudy: CaseStudyDto; headingLevel?: 1 | 2 | 3 }) {
  const Heading = `h${headingLevel}` as 'h1' | 'h2' | 'h3';
  const Sub = `h${headingLevel + 1}` as 'h2' | 'h3' | 'h4';
  const privileged = Boolean(caseStudy.contact);
  return (
    <div className="flex flex-col gap-4">
      <div>
        <p className="mb-1 flex flex-wrap items-center gap-2">
          {privileged ? <StatusBadge status={caseStudy.status} /> : caseStudy.featured ? <FeaturedBadge /> : null}
        </p>
        <Heading className={headingLevel === 1 ? 'text-2xl font-semibold' : 'text-lg font-semibold'}>{caseStudy.title}</Heading>
        <p className="text-muted">
          {caseStudy.organisation ?? 'Anonymous'}
          {caseStudy.place ? ` · ${caseStudy.place}` : ''}
        </p>
        {privileged ? (
          <p className="text-sm text-muted">Credited to members as: {caseStudy.creditLine ?? 'anonymous'}</p>
        ) : null}
      </div>

      <section>
        <Sub className="font-semibold">Summary</Sub>
        <p className="whitespace-pre-line">{caseStudy.summary || <span className="text-muted">Not written yet.</span>}</p>
      </section>
      {caseStudy.evidence ? (
        <section>
          <Sub className="font-semibold">Evidence</Sub>
          <p className="whitespace-pre-line">{caseStudy.evidence}</p>
        </section>
      ) : null}
      {caseStudy.links.length ? (
        <section>
          <Sub className="font-semibold">Links</Sub>
          <ul className="list-disc pl-5">
            {caseStudy.links.map((link) => (
              <li key={link}><a className={`${linkClass} break-all`} href={link} rel="noopener noreferrer nofollow">{link}</a></li>
            ))}
          </ul>
        </section>
      ) : null}
      <section>
        <Sub className="font-semibold">Supports</Sub>
        {caseStudy.sections.length ? (
          <ul className="list-disc pl-5">
            {caseStudy.sections.map((section) => (
              <li key={section.id}><TextLink standalone href={`/sections/${section.id}`}>{sectionTitle(section)}</TextLink></li>
            ))}
          </ul>
        ) : <p className="text-muted">No sections chosen yet.</p>}
        {caseStudy.themes.length ? <p className="mt-1 text-sm">Themes: {caseStudy.themes.join(', ')}</p> : null}
      </section>

      {caseStudy.contact && caseStudy.consent ? (
        <section aria-label="Private details" className="rounded-md border border-line bg-stone-50 p-3">
          <Sub className="font-semibold">Contact details <span className="text-sm font-normal text-muted">(only coordinators and the submitter see these)</span></Sub>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-medium">Name</dt><dd>{caseStudy.contact.name || '—'}</dd>
            <dt className="font-medium">Email</dt><dd>{caseStudy.contact.email ? <a className={linkClass} href={`mailto:${caseStudy.contact.email}`}>{caseStudy.contact.email}</a> : '—'}</dd>
            <dt className="font-medium">Phone</dt><dd>{caseStudy.contact.phone ?? '—'}</dd>
            {caseStudy.submittedBy ? <><dt className="font-medium">Submitted by</dt><dd>{caseStudy.submittedBy.name ?? 'A member'}{caseStudy.submittedAt ? `, ${formatDateTime(caseStudy.submittedAt)}` : ' (not submitted yet)'}</dd></> : null}
          </dl>
          <Sub className="mt-3 font-semibold">Consent</Sub>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-medium">May be quoted</dt><dd>{caseStudy.consent.quote ? 'Yes' : 'No'}</dd>
            <dt className="font-medium">Shown to members</dt><dd>{caseStudy.consent.showToMembers ? 'Yes' : 'No'}</dd>
            <dt className="font-medium">Credit</dt><dd>{attributionText[caseStudy.consent.attribution]}</dd>
          </dl>
        </section>
      ) : null}

      {caseStudy.decisions?.length ? (
        <section>
          <Sub className="font-semibold">Decisions</Sub>
          <ol className="flex flex-col gap-2">
            {caseStudy.decisions.map((decision) => (
              <li key={decision.id} className="text-sm">
                <span className="font-medium">{decisionLabels[decision.decision]}</span> by {decision.decidedBy.name ?? 'a coordinator'}, {formatDateTime(decision.decidedAt)}
                {decision.note ? <blockquote className="mt-1 border-l-4 border-line pl-3 whitespace-pre-line">{decision.note}</blockquote> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {caseStudy.quotes?.length ? (
        <section>
          <Sub className="font-semibold">Quoted in the draft</Sub>
          <ul className="flex flex-col gap-1 text-sm">
            {caseStudy.quotes.map((quote) => (
              <li key={quote.id}>“{quote.quote}” in <TextLink href={`/sections/${quote.section.id}`}>{sectionTitle(quote.section)}</TextLink>, {formatDateTime(quote.quotedAt)}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
