import { PageLink } from '@/components/ui/page-link';
import { SignOutButton } from '@/components/layout/sign-out-button';
import { InboxLink } from '@/components/notifications/inbox-link';
import type { Caller } from '@/lib/auth/policy';
import { roleLabels } from '@/lib/auth/policy';

export function AppHeader({ user, extraLinks = [] }: { user: Caller; extraLinks?: { href: string; label: string }[] }) {
  const links = [{ href: '/', label: 'Responses' }, ...extraLinks, { href: '/settings', label: 'Settings' }];
  return (
    <header className="border-b border-line bg-white">
      <a href="#main" className="skip-link">Skip to content</a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <PageLink href="/" className="font-serif text-xl font-semibold">Chorus</PageLink>
        <nav aria-label="Main">
          <ul className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
            {links.map((link) => (
              <li key={link.href}><PageLink className="inline-flex min-h-6 items-center hover:text-accent hover:underline" href={link.href}>{link.label}</PageLink></li>
            ))}
            <li><InboxLink /></li>
            <li className="text-muted">{user.name ?? user.email} · {roleLabels[user.role]}</li>
            <li><SignOutButton /></li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
