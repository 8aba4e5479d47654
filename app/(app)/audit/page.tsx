import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AuditLogTable } from '@/components/audit/audit-log-table';
import { can } from '@/lib/auth/policy';
import { requireUser } from '@/lib/auth/session';
import { listAuditEvents } from '@/lib/people/queries';
import { TextLink } from '@/components/ui/link';

export const metadata: Metadata = { title: 'Audit log' };

const PAGE_SIZE = 50;

/** Coordinators only (anyone else gets "not found", as on the People page). Newest first, 50 a page. */
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<{ before?: string | string[] }> }) {
  const user = await requireUser('/audit');
  if (!can(user, 'audit:read')) notFound();
  const { before: raw } = await searchParams;
  const before = typeof raw === 'string' && raw.length <= 100 ? raw : undefined;
  const { events, olderCursor } = await listAuditEvents(user, { before, take: PAGE_SIZE });
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Audit log</h1>
      <p className="mb-6 text-muted">
        Who did what, and when: sign-ins, invitations, role changes and every change to the network&apos;s work. Nothing here can be edited or deleted.
        {before ? ' Showing older events.' : ' Newest first.'}
      </p>
      {events.length ? <AuditLogTable events={events} /> : <p>{before ? 'There are no older events.' : 'Nothing has been recorded yet.'}</p>}
      <nav aria-label="Audit log pages" className="mt-6 flex gap-6">
        {before ? <TextLink href="/audit">Newest events</TextLink> : null}
        {olderCursor ? <TextLink href={`/audit?before=${encodeURIComponent(olderCursor)}`} rel="next">Older events</TextLink> : null}
      </nav>
    </>
  );
}
