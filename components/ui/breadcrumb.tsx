import { PageLink } from '@/components/ui/page-link';
import { linkClass } from '@/components/ui/link';

export type Crumb = { href: string; label: string };

/**
 * Where this page sits: the pages above it, as an ordered list in a "Breadcrumb" landmark.
 * Separators are drawn, not read out; each link is at least 24 px tall (WCAG 2.5.8).
 */
export function Breadcrumb({ items }: { items: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-4 text-sm">
      <ol className="flex flex-wrap items-center gap-x-2">
        {items.map((item, i) => (
          <li key={item.href} className="flex items-center gap-x-2">
            {i > 0 ? <span aria-hidden="true" className="text-muted">›</span> : null}
            <PageLink className={`${linkClass} inline-flex min-h-6 items-center`} href={item.href}>{item.label}</PageLink>
          </li>
        ))}
      </ol>
    </nav>
  );
}
