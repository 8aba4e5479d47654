/**
 * One way to make concurrent requests take turns: a transaction-scoped PostgreSQL advisory
 * lock on a named key ("endorsements:<response>", "consultation-form:<response>"…), released at commit
 * or rollback. Used wherever a rule reads rows and then writes depending on them (rate limits,
 * "one per organisation", positions in a list), so two requests cannot both pass the check.
 */
import 'server-only';
import type { Tx } from '@/lib/db';

export async function lockKey(tx: Tx, key: string): Promise<void> {
  await tx.$queryRaw`select 1 as locked from pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}
