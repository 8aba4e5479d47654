import 'server-only';
import { db } from '@/lib/db';

export type Health = { status: 'ok' | 'degraded'; db: 'ok' | 'down' };

/** Asks the database for `select 1`, giving up after 3 seconds. Never throws. */
export async function checkHealth(): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db().$queryRaw`select 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('database timed out')), 3000);
      }),
    ]);
    return { status: 'ok', db: 'ok' };
  } catch (error) {
    console.error('[health] database check failed:', (error as Error).message);
    return { status: 'degraded', db: 'down' };
  } finally {
    clearTimeout(timer);
  }
}
