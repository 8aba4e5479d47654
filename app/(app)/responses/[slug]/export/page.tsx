import type { Metadata } from 'next';
import { CopyText } from '@/components/export/copy-text';
import { buttonClass } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { can } from '@/lib/auth/policy';
import { requireUser } from '@/lib/auth/session';
import { exportResponse } from '@/lib/export/service';
import { listNamedVersions } from '@/lib/export/snapshot';
import { formatDateTime } from '@/lib/format';
import { getResponse } from '@/lib/responses/queries';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { standaloneLinkClass, TextLink } from '@/components/ui/link';
import { orNotFound } from '@/lib/pages/or-not-found';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ version?: string }> };

export const metadata: Metadata = { title: 'Export' };

export default async function ExportPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const user = await requireUser(`/responses/${slug}/export`);
  const full = can(user, 'export:full');
  const requested = full ? (await searchParams).version?.trim() || null : null;
  const response = await orNotFound(getResponse(user, slug));
  const txt = (await orNotFound(exportResponse(user, slug, { format: 'txt', version: requested ?? undefined }))).body as string;
  const versions = full ? await listNamedVersions(response.id) : [];
  const api = `/api/v1/responses/${encodeURIComponent(slug)}`;
  const versionQuery = requested ? `&version=${encodeURIComponent(requested)}` : '';
  const download = (format: string) => `${api}/export?format=${format}${versionQuery}`;
  return (
    <>
      <Breadcrumb items={[{ href: `/responses/${slug}`, label: response.title }]} />
      <h1 className="mb-2 text-2xl font-semibold">Export</h1>
      <p className="mb-6 max-w-2xl text-muted">
        {requested ? `The text exactly as it was in the named version “${requested}”.` : 'The current text of every section.'} Paste it into the consultation’s form, or download it.
      </p>

      {full && versions.length ? (
        <form method="get" className="mb-6 flex flex-wrap items-end gap-3">
          <div className="flex flex-col gap-1">
            <label htmlFor="export-version" className="text-sm font-medium">Which text</label>
            <select id="export-version" name="version" defaultValue={requested ?? ''} className={inputClass}>
              <option value="">The current text</option>
              {versions.map((version) => (
                <option key={version.label} value={version.label}>{version.label} ({formatDateTime(version.createdAt)})</option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass('secondary')}>Show</button>
        </form>
      ) : null}

      <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
        <CopyText text={txt} label="Text ready to paste" />
        <section aria-labelledby="downloads-heading">
          <h2 id="downloads-heading" className="mb-3 text-lg font-semibold">Download</h2>
          <ul className="flex flex-col gap-2">
            <li><a className={standaloneLinkClass} href={download('txt')} download>Plain text (.txt)</a></li>
            {full ? (
              <>
                <li><a className={standaloneLinkClass} href={download('docx')} download>Word document (.docx)</a></li>
                <li><a className={standaloneLinkClass} href={download('md')} download>Markdown (.md)</a></li>
                <li>
                  <a className={standaloneLinkClass} href={`${api}/export?format=json`} download>Complete archive (.json)</a>
                  <p className="text-sm text-muted">
                    Every version, comment, suggestion, case study and decision.{' '}
                    {can(user, 'export:contact-details') ? 'Includes contact details: keep it safe.' : 'Without contact details (those are for coordinators).'}
                  </p>
                </li>
              </>
            ) : (
              <li className="text-sm text-muted">Drafters and coordinators can also download Word, Markdown and the complete archive.</li>
            )}
          </ul>
          <p className="mt-4 text-sm">Answering the consultation’s own form? <TextLink href={`/responses/${slug}/form`}>Consultation form</TextLink> gives the answers question by question, with their word counts.</p>
          <h2 className="mb-3 mt-8 text-lg font-semibold">You said, we did</h2>
          <p className="mb-2 text-sm"><TextLink href={`/responses/${slug}/report`}>Read the report</TextLink> of what happened to each piece of feedback.</p>
          {full ? (
            <ul className="flex flex-col gap-1 text-sm">
              <li><a className={standaloneLinkClass} href={`${api}/report?format=docx`} download>Report as Word (.docx)</a></li>
              <li><a className={standaloneLinkClass} href={`${api}/report?format=md`} download>Report as Markdown (.md)</a></li>
              <li><a className={standaloneLinkClass} href={`${api}/report?format=docx&names=1`} download>Report with contributors’ names (.docx)</a></li>
            </ul>
          ) : null}
        </section>
      </div>
    </>
  );
}
