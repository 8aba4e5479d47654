import { PageLink } from '@/components/ui/page-link';
import type { ComponentProps } from 'react';

/**
 * The look of a link in Chorus: accent colour, underlined, a darker hover. A class for the
 * plain <a> of downloads and addresses outside Chorus; TextLink for pages inside it.
 */
export const linkClass = 'text-accent underline underline-offset-2 decoration-1 hover:text-accent-dark hover:decoration-2';

/** A link standing on its own (in a list, a menu, a card): at least 24 px tall (WCAG 2.5.8). */
export const standaloneLinkClass = `${linkClass} inline-flex min-h-6 items-center`;

/** A link to a page of Chorus; `standalone` when it is not inside a sentence. */
export function TextLink({ className = '', standalone = false, ...props }: ComponentProps<typeof PageLink> & { standalone?: boolean }) {
  return <PageLink className={`${standalone ? standaloneLinkClass : linkClass} ${className}`.trim()} {...props} />;
}
