/** The caller's own notifications. Nobody reads anyone else's. */
import 'server-only';
import type { Caller } from '@/lib/auth/policy';
import { db } from '@/lib/db';

export type NotificationDto = { id: string; kind: string; title: string; body: string; link: string | null; read: boolean; readAt: string | null; createdAt: string };

export async function listNotifications(caller: Caller, options: { limit?: number } = {}): Promise<{ notifications: NotificationDto[]; unreadCount: number }> {
  const [rows, unreadCount] = await Promise.all([
    db().notification.findMany({
      where: { userId: caller.id },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: Math.min(Math.max(options.limit ?? 100, 1), 500),
      select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
    }),
    countUnreadNotifications(caller),
  ]);
  return {
    notifications: rows.map((row) => ({ ...row, read: row.readAt !== null, readAt: row.readAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() })),
    unreadCount,
  };
}

export async function countUnreadNotifications(caller: Caller): Promise<number> {
  return db().notification.count({ where: { userId: caller.id, readAt: null } });
}
