import type { Metadata } from 'next';
import { InboxList } from '@/components/notifications/inbox-list';
import { requireUser } from '@/lib/auth/session';
import { listNotifications } from '@/lib/notifications/queries';
import { markNotificationsReadAction } from './actions';

export const metadata: Metadata = { title: 'Inbox' };

export default async function InboxPage() {
  const user = await requireUser('/inbox');
  const { notifications, unreadCount } = await listNotifications(user, { limit: 200 });
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Inbox</h1>
      <p className="mb-6 text-sm text-muted">Replies to your comments and decisions on your suggestions and case studies. You can turn the emails about them on or off in your settings.</p>
      <InboxList notifications={notifications} unreadCount={unreadCount} markRead={markNotificationsReadAction} />
    </>
  );
}
