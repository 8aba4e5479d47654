'use client';

import { PageLink } from '@/components/ui/page-link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';

/** Tells the header's inbox link to count again (after marking notifications read). */
export const NOTIFICATIONS_CHANGED = 'chorus:notifications-changed';

/**
 * The header's link to the inbox with the number of unread notifications. The count is
 * fetched by the browser (on load, on navigation, when the tab comes back into view and
 * every minute), so no page pays a database query for it.
 */
export function InboxLink() {
  const [unread, setUnread] = useState<number | null>(null);
  const pathname = usePathname();
  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      try {
        const response = await fetch('/api/v1/notifications?limit=1', { headers: { accept: 'application/json' }, cache: 'no-store' });
        if (!response.ok) return;
        const body = (await response.json()) as { unreadCount?: number };
        if (!cancelled && typeof body.unreadCount === 'number') setUnread(body.unreadCount);
      } catch {
        // Offline: keep the last count.
      }
    };
    void load();
    const onVisible = () => document.visibilityState === 'visible' && void load();
    const timer = setInterval(load, 60_000);
    window.addEventListener(NOTIFICATIONS_CHANGED, load);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      cancelled = true;
      clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, load);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [pathname]);
  return (
    <PageLink className="inline-flex min-h-6 items-center gap-1.5 hover:text-accent hover:underline" href="/inbox">
      Inbox
      {unread ? (
        <span className="rounded-full bg-accent px-2 text-xs font-semibold text-white">
          {unread}
          <span className="sr-only"> unread</span>
        </span>
      ) : null}
    </PageLink>
  );
}
