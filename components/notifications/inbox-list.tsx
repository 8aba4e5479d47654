'use client';

import { useState } from 'react';
import { NOTIFICATIONS_CHANGED } from '@/components/notifications/inbox-link';
import { Button } from '@/components/ui/button';
import type { ActionState } from '@/lib/api/action';
import { formatDateTime } from '@/lib/format';
import type { NotificationDto } from '@/lib/notifications/queries';
import { TextLink } from '@/components/ui/link';

type Props = {
  notifications: NotificationDto[];
  unreadCount: number;
  markRead: (input: { ids?: string[]; all?: boolean }) => Promise<ActionState<{ marked: number }>>;
};

/** The inbox: newest first, unread ones marked; opening one or "Mark as read" marks it read. */
export function InboxList({ notifications: initial, unreadCount: initialUnread, markRead }: Props) {
  const [notifications, setNotifications] = useState(initial);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState('');
  const [allRead, setAllRead] = useState(false);
  // The list shows the newest 200; the count covers all of them.
  const readHere = initial.filter((n) => !n.read).length - notifications.filter((n) => !n.read).length;
  const unread = allRead ? 0 : Math.max(0, initialUnread - readHere);

  const mark = async (input: { ids?: string[]; all?: boolean }) => {
    setPending(true);
    const result = await markRead(input);
    setPending(false);
    if (!result.ok) return setStatus(result.error ?? 'Could not mark as read.');
    const now = new Date().toISOString();
    if (input.all) setAllRead(true);
    setNotifications((current) => current.map((n) => (input.all || input.ids?.includes(n.id) ? { ...n, read: true, readAt: n.readAt ?? now } : n)));
    setStatus(input.all ? 'All marked as read.' : 'Marked as read.');
    window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
  };

  if (!notifications.length) return <p className="text-muted">Nothing here yet. When someone replies to your comments or decides on your suggestions, you will see it here.</p>;
  return (
    <section aria-labelledby="inbox-heading">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="inbox-heading" className="text-lg font-semibold">{unread ? `${unread} unread` : 'All read'}</h2>
        <div className="flex items-center gap-3">
          <p role="status" className="text-sm text-muted">{status}</p>
          {unread ? <Button variant="secondary" disabled={pending} onClick={() => mark({ all: true })}>Mark all as read</Button> : null}
        </div>
      </div>
      <ol className="flex flex-col divide-y divide-line rounded-lg border border-line bg-white">
        {notifications.map((notification) => (
          <li key={notification.id} className={`flex flex-col gap-1 p-4 ${notification.read ? '' : 'border-l-4 border-l-accent bg-sky-50'}`}>
            <h3 className="font-medium">
              {notification.read ? null : <span className="sr-only">Unread: </span>}
              {notification.link ? (
                <TextLink href={notification.link} onClick={() => (notification.read ? undefined : void mark({ ids: [notification.id] }))}>
                  {notification.title}
                </TextLink>
              ) : (
                notification.title
              )}
            </h3>
            <p className="whitespace-pre-wrap break-words text-sm">{notification.body}</p>
            <p className="flex flex-wrap items-center gap-3 text-sm text-muted">
              <time dateTime={notification.createdAt}>{formatDateTime(notification.createdAt)}</time>
              {notification.read ? null : (
                <Button variant="link" disabled={pending} onClick={() => mark({ ids: [notification.id] })}>
                  Mark as read<span className="sr-only">: {notification.title}</span>
                </Button>
              )}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
