import 'server-only';
import { db } from '@/lib/db';

export type Health = { status: 'ok' | 'degraded'; db: 'ok' | 'down' };

export async function checkHealth(): Promise<Health> {
  try {
    await Promise.race([
      db().$queryRaw`select 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error('database timed out')), 3000)),
    ]);
    return { status: 'ok', db: 'ok' };
  } catch (error) {
    console.error('[health] database check failed:', (error as Error).message);
    return { status: 'degraded', db: 'down' };
  }
}
