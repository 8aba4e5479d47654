/**
 * Announcing that someone's access changed, so every open live connection follows at once:
 * a person removed, given another role or losing an API token, or a response whose phase
 * changed (marking it final freezes its text). Sent with PostgreSQL NOTIFY inside the
 * transaction that made the change, so it is delivered exactly when the change commits,
 * to every collaboration process on every machine (lib/collab/access-watch.ts).
 */
import 'server-only';
import type { Tx } from '@/lib/db';

export const ACCESS_CHANNEL = 'chorus_access';

export type AccessChange = { userId: string } | { responseId: string };

export async function announceAccessChange(tx: Tx, change: AccessChange): Promise<void> {
  await tx.$executeRaw`select pg_notify(${ACCESS_CHANNEL}, ${JSON.stringify(change)})`;
}
