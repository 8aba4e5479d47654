import 'server-only';
import { db } from '@/lib/db';

/** The development mailbox's messages, newest first. Empty in production. */
export async function listDevMail() {
  if (process.env.NODE_ENV === 'production') return [];
  return db().devMailMessage.findMany({ orderBy: { createdAt: 'desc' }, take: 50 });
}
