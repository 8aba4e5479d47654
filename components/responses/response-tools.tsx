import { PageLink } from '@/components/ui/page-link';
import { buttonClass } from '@/components/ui/button';
import { TextLink } from '@/components/ui/link';

/**
 * What each role comes to a response to do, first and most visible: coordinators and
 * drafters merge feedback; members, while it is open, read and comment from the first
 * section. Export and the report follow as plain links.
 */
export function ResponseTools({ slug, canMerge, readFrom }: { slug: string; canMerge: boolean; readFrom?: string | null }) {
  const links = [
    { href: `/responses/${slug}/export`, label: 'Export', hint: canMerge ? 'the text to paste into the consultation, Word, Markdown or the full archive' : 'the current text, ready to paste' },
    { href: `/responses/${slug}/report`, label: 'You said, we did', hint: 'what happened to each piece of feedback' },
    { href: `/responses/${slug}/form`, label: 'Consultation form', hint: 'the consultation’s questions, the answer to each with its word count, and the export as the form asks' },
    { href: `/responses/${slug}/endorsements`, label: 'Endorsements', hint: 'organisations sign the final response' },
  ];
  const mine = `/api/v1/responses/${encodeURIComponent(slug)}/my-contributions?format=`;
  return (
    <div className="mb-6 flex flex-col gap-3">
      {canMerge ? (
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <PageLink className={buttonClass()} href={`/responses/${slug}/merge`}>Merge feedback</PageLink>
          <span className="text-sm text-muted">Handle every comment, suggestion and case study, and move the response through its phases.</span>
        </p>
      ) : readFrom ? (
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <PageLink className={buttonClass()} href={`/sections/${readFrom}`}>Start reading and commenting</PageLink>
          <span className="text-sm text-muted">Select words in a section to comment on them or suggest new wording.</span>
        </p>
      ) : null}
      <ul className="flex flex-col gap-1">
        {links.map((link) => (
          <li key={link.href}>
            <TextLink standalone href={link.href}>{link.label}</TextLink> — {link.hint}.
          </li>
        ))}
        <li>
          Your contributions — your own comments, suggestions and case studies as the start of your own response to the consultation:{' '}
          <TextLink standalone href={`${mine}docx`} download>Word (.docx)</TextLink> or <TextLink standalone href={`${mine}md`} download>Markdown (.md)</TextLink>.
        </li>
      </ul>
    </div>
  );
}
