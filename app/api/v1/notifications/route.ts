import { apiRoute } from '@/lib/api/respond';
import { listNotifications } from '@/lib/notifications/queries';

/** The caller's notifications, newest first, with the number unread. `?limit=` up to 500. */
export const GET = apiRoute(async ({ request, caller }) => {
  const limit = Number(new URL(request.url).searchParams.get('limit') ?? 100);
  return listNotifications(caller, { limit: Number.isFinite(limit) ? limit : 100 });
});
