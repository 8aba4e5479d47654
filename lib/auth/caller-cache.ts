/**
 * Who a session cookie belongs to, remembered by this process for two seconds.
 *
 * A page view calls the notifications API and opens the live document at once, and someone
 * commenting sends a few requests in a row: without this, each request reads the session
 * again. Two seconds bounds how long a change can go unseen by a process that did not make
 * it: someone removed, signed out or given another role is refused (or treated in their new
 * role) by every process within two seconds. The process that makes such a change forgets
 * everyone at once (`forgetCallers`), so its own next request already reads afresh.
 *
 * Only successful look-ups are remembered: a new session works at once, and refusals cost a
 * query each, as before. API tokens are not remembered: they are one statement to read, and
 * revoking one must lock its program out at once.
 */
import 'server-only';
import type { Caller } from '@/lib/auth/policy';

export const CALLER_CACHE_MS = 2000;
const MAX_ENTRIES = 10_000;

const remembered = new Map<string, { caller: Caller; until: number }>();

/** The caller for `key` ("session:…"), from memory if read in the last two seconds, else `load()`. */
export async function rememberCaller(key: string, load: () => Promise<Caller | null>): Promise<Caller | null> {
  const now = Date.now();
  const hit = remembered.get(key);
  if (hit && hit.until > now) return hit.caller;
  if (hit) remembered.delete(key);
  const caller = await load();
  if (caller) {
    // The oldest entry goes first when full (a Map keeps insertion order).
    if (remembered.size >= MAX_ENTRIES) remembered.delete(remembered.keys().next().value!);
    remembered.set(key, { caller, until: now + CALLER_CACHE_MS });
  }
  return caller;
}

/** Forgets every remembered caller: after a removal, a role change or a sign-out. */
export function forgetCallers(): void {
  remembered.clear();
}
