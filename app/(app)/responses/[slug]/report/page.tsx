import type { Metadata } from 'next';
import { buttonClass } from '@/components/ui/button';
import { can } from '@/lib/auth/policy';
import { requireUser } from '@/lib/auth/session';
import { describeSuggestion, getReport, type ReportEntry } from '@/lib/export/report';
import { sectionTitle } from '@/lib/format';
import { dispositionLabels } from '@/lib/merge/types';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { linkClass, TextLink } from '@/components/ui/link';
import { orNotFound } from '@/lib/pages/or-not-found';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ names?: string }> };

export const metadata: Metadata = { title: 'You said, we did' };

function Outcome({ entry }: { entry: ReportEntry }) {
  const disposition = entry.disposition;
  if (!disposition) return <p className="text-sm"><strong className="text-accent">Awaiting a response.</strong></p>;
  return (
    <p className="text-sm">
      <strong>{dispositionLabels[disposition.kind]}</strong>
      {disposition.reply ? <>: <span className="whitespace-pre-wrap">{disposition.reply}</span></> : '.'}
    </p>
  );
}

export default async function ReportPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const user = await requireUser(`/responses/${slug}/report`);
  const names = (await searchParams).names === '1';
  const report = await orNotFound(getReport(user, slug, { names }));
  const { totals } = report;
  const api = `/api/v1/responses/${encodeURIComponent(slug)}/report`;
  return (
    <>
      <Breadcrumb items={[{ href: `/responses/${slug}`, label: report.response.title }]} />
      <h1 className="mb-2 text-2xl font-semibold">You said, we did</h1>
      <p className="mb-4 max-w-2xl text-muted">
        How the drafting group handled {totals.comments} {totals.comments === 1 ? 'comment' : 'comments'} and {totals.suggestions} suggested {totals.suggestions === 1 ? 'edit' : 'edits'} ({totals.handled} handled so far), and the {totals.caseStudies} {totals.caseStudies === 1 ? 'case study' : 'case studies'} that informed the response.
      </p>
      <div className="mb-8 flex flex-wrap items-center gap-4">
        <form method="get" className="flex items-center gap-2">
          <input id="report-names" type="checkbox" name="names" value="1" defaultChecked={names} className="h-4 w-4" />
          <label htmlFor="report-names" className="text-sm">Show contributors’ names</label>
          <button type="submit" className={buttonClass('secondary')}>Update</button>
        </form>
        {can(user, 'export:full') ? (
          <p className="text-sm">
            Download: <a className={linkClass} href={`${api}?format=docx${names ? '&names=1' : ''}`} download>Word</a>
            {' · '}
            <a className={linkClass} href={`${api}?format=md${names ? '&names=1' : ''}`} download>Markdown</a>
          </p>
        ) : null}
      </div>
      <div className="flex flex-col gap-10">
        {report.sections.map((section) => (
          <section key={section.id} aria-labelledby={`report-${section.id}`}>
            <h2 id={`report-${section.id}`} className="mb-3 border-b border-line pb-1 text-xl font-semibold">{sectionTitle(section) || 'Introduction'}</h2>
            {!section.comments.length && !section.suggestions.length && !section.caseStudies.length ? <p className="text-muted">No feedback on this section.</p> : null}
            {section.comments.length ? (
              <>
                <h3 className="mb-2 font-semibold">You said: comments</h3>
                <ul className="mb-4 flex flex-col gap-3">
                  {section.comments.map((entry) => (
                    <li key={entry.id} className="rounded-md border border-line bg-white p-3">
                      {entry.quote ? <blockquote className="mb-1 border-l-4 border-mark pl-3 text-sm italic">{entry.quote}</blockquote> : null}
                      <p className="whitespace-pre-wrap">{entry.body}{entry.author ? <span className="text-sm text-muted"> — {entry.author}</span> : null}</p>
                      <Outcome entry={entry} />
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {section.suggestions.length ? (
              <>
                <h3 className="mb-2 font-semibold">You said: suggested edits</h3>
                <ul className="mb-4 flex flex-col gap-3">
                  {section.suggestions.map((entry) => (
                    <li key={entry.id} className="rounded-md border border-line bg-white p-3">
                      <p>{describeSuggestion(entry)}{entry.author ? <span className="text-sm text-muted"> — {entry.author}</span> : null}</p>
                      {entry.body ? <p className="text-sm text-muted">Reason: {entry.body}</p> : null}
                      <Outcome entry={entry} />
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {section.caseStudies.length ? (
              <>
                <h3 className="mb-2 font-semibold">Case studies that informed this section</h3>
                <ul className="flex list-disc flex-col gap-1 pl-6">
                  {section.caseStudies.map((caseStudy) => (
                    <li key={caseStudy.id}>
                      <TextLink href={`/case-studies/${caseStudy.id}`}>{caseStudy.title}</TextLink>
                      {caseStudy.credit ? ` — ${caseStudy.credit}` : ''}
                      {caseStudy.featured ? ' (featured)' : ''}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        ))}
      </div>
    </>
  );
}
