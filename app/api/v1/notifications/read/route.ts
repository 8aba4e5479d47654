import { apiRoute, readJson } from '@/lib/api/respond';
import { markNotificationsRead } from '@/lib/notifications/mutations';
import { countUnreadNotifications } from '@/lib/notifications/queries';

/** Marks notifications as read: `{ids: [...]}` or `{all: true}` → `{marked, unreadCount}`. */
export const POST = apiRoute(async ({ request, caller }) => {
  const { marked } = await markNotificationsRead(caller, await readJson(request));
  return { marked, unreadCount: await countUnreadNotifications(caller) };
});
