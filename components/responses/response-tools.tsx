import { TextLink } from '@/components/ui/link';

/** The coordinator's and drafters' way into merging and exporting; members get the text export and the report. */
export function ResponseTools({ slug, canMerge }: { slug: string; canMerge: boolean }) {
  const links = [
    ...(canMerge ? [{ href: `/responses/${slug}/merge`, label: 'Merge feedback', hint: 'handle every comment, suggestion and case study, and move the response through its phases' }] : []),
    { href: `/responses/${slug}/export`, label: 'Export', hint: canMerge ? 'the text to paste into the consultation, Word, Markdown or the full archive' : 'the current text, ready to paste' },
    { href: `/responses/${slug}/report`, label: 'You said, we did', hint: 'what happened to each piece of feedback' },
  ];
  return (
    <ul className="mb-6 flex flex-col gap-1">
      {links.map((link) => (
        <li key={link.href}>
          <TextLink standalone href={link.href}>{link.label}</TextLink> — {link.hint}.
        </li>
      ))}
    </ul>
  );
}
