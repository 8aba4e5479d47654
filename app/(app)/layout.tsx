import { AppHeader } from '@/components/layout/app-header';
import { can } from '@/lib/auth/policy';
import { requireUser } from '@/lib/auth/session';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const extraLinks = can(user, 'people:manage')
    ? [{ href: '/people', label: 'People' }, { href: '/audit', label: 'Audit log' }]
    : [];
  return (
    <>
      <AppHeader user={user} extraLinks={extraLinks} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}
