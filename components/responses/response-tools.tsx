import Link from 'next/link';

/** The coordinator's and drafters' way into merging and exporting; members get the text export and the report. */
export function ResponseTools({ slug, canMerge }: { slug: string; canMerge: boolean }) {
  const links = [
    ...(canMerge ? [{ href: `/responses/${slug}/merge`, label: 'Merge feedback', hint: 'handle every comment, suggestion and case study, and move the response through its phases' }] : []),
    { href: `/responses/${slug}/export`, label: 'Export', hint: canMerge ? 'the text to paste into the consultation, Word, Markdown or the full archive' : 'the current text, ready to paste' },
    { href: `/responses/${slug}/report`, label: 'You said, we did', hint: 'what happened to each piece of feedback' },
    { href: `/responses/${slug}/form`, label: 'Consultation form', hint: 'the consultation’s questions, the answer to each with its word count, and the export as the form asks' },
    { href: `/responses/${slug}/endorsements`, label: 'Endorsements', hint: 'organisations sign the final response' },
  ];
  const mine = `/api/v1/responses/${encodeURIComponent(slug)}/my-contributions?format=`;
  return (
    <ul className="mb-6 flex flex-col gap-1">
      {links.map((link) => (
        <li key={link.href}>
          <Link className="text-accent underline" href={link.href}>{link.label}</Link> — {link.hint}.
        </li>
      ))}
      <li>
        Your contributions — your own comments, suggestions and case studies as the start of your own response to the consultation:{' '}
        <a className="text-accent underline" href={`${mine}docx`} download>Word (.docx)</a> or <a className="text-accent underline" href={`${mine}md`} download>Markdown (.md)</a>.
      </li>
    </ul>
  );
}
