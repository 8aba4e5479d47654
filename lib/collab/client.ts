/**
 * The web app's side of the collaboration server's internal HTTP endpoints (see
 * lib/collab/internal-api.ts): applying server-side changes to live documents, committing
 * pending versions, and asking who is present. Authenticated with internalSecret().
 *
 * "Not running" (connection refused) is a normal answer: the caller then works on the
 * stored state, which is safe because the collaboration server loads a document only
 * under the same row lock the web app holds while it changes a section. Any other
 * failure (timeout, 5xx) is an error: silently working on stored state while a live
 * document exists would lose the change.
 */
import 'server-only';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { internalSecret } from '@/lib/collab/tokens';
import type { PresentPerson } from '@/lib/collab/presence';

const TIMEOUT_MS = 10_000;

function internalUrl(path: string): string {
  return `http://127.0.0.1:${env().COLLAB_PORT}${path}`;
}

function isConnectionRefused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } })?.cause;
  return cause?.code === 'ECONNREFUSED' || !!cause?.errors?.some((inner) => inner.code === 'ECONNREFUSED');
}

/** Calls the collaboration server; null when it is not running (or belongs to another database). */
async function call<T>(method: string, path: string, body?: unknown, timeoutMs = TIMEOUT_MS): Promise<T | null> {
  let response: Response;
  try {
    response = await fetch(internalUrl(path), {
      method,
      headers: { authorization: `Bearer ${internalSecret()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if (isConnectionRefused(error)) return null;
    console.error(`[collab] ${method} ${path} failed`, error);
    throw new AppError('unavailable', 'The live editing server did not answer; nothing was changed. Please try again in a moment.', { retryAfter: 5 });
  }
  // 401: a collaboration server for another database (a second checkout on this machine),
  // or one started with a different NEXTAUTH_SECRET — which would be a misconfiguration.
  if (response.status === 401) {
    console.warn(`[collab] the server on port ${env().COLLAB_PORT} does not share this app's database and secret; treating the section as not open live`);
    return null;
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    console.error(`[collab] ${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    throw new AppError('unavailable', 'The live editing server could not apply the change; nothing was changed. Please try again.', { retryAfter: 5 });
  }
  return (await response.json()) as T;
}

export type LiveEditStart = { live: false } | { live: true; editId: string; state: Uint8Array };

/**
 * Starts a server-side change of a section: when the section is open in the collaboration
 * server, pins its live document in memory and returns its current state.
 */
export async function beginLiveEdit(sectionId: string): Promise<LiveEditStart> {
  const answer = await call<{ live: boolean; editId?: string; state?: string }>('POST', `/internal/sections/${encodeURIComponent(sectionId)}/edits`, {});
  if (!answer?.live || !answer.editId || !answer.state) return { live: false };
  return { live: true, editId: answer.editId, state: new Uint8Array(Buffer.from(answer.state, 'base64')) };
}

/** Applies the change (a Yjs update computed against the state beginLiveEdit returned) to the live document. */
export async function finishLiveEdit(sectionId: string, editId: string, update: Uint8Array, authorIds: string[]): Promise<void> {
  const answer = await call<{ ok: boolean }>('POST', `/internal/sections/${encodeURIComponent(sectionId)}/edits/${encodeURIComponent(editId)}`, {
    update: Buffer.from(update).toString('base64'),
    authorIds,
  });
  if (!answer?.ok) throw new AppError('unavailable', 'The live editing server stopped before the change could be applied; nothing was changed. Please try again.', { retryAfter: 5 });
}

/** Releases a pinned live document without changing it. Never throws. */
export async function cancelLiveEdit(sectionId: string, editId: string): Promise<void> {
  try {
    await call('DELETE', `/internal/sections/${encodeURIComponent(sectionId)}/edits/${encodeURIComponent(editId)}`, undefined, 3000);
  } catch (error) {
    console.error('[collab] could not release a live edit (it expires on its own)', error);
  }
}

/** Stores a version now for each of these sections that has unsaved live typing. Never throws. */
export async function flushLiveVersions(sectionIds: string[]): Promise<void> {
  if (!sectionIds.length) return;
  try {
    await call('POST', '/internal/flush', { sectionIds }, 15_000);
  } catch (error) {
    console.error('[collab] could not flush live versions', error);
  }
}

/** Who is in each section right now; empty when the collaboration server is not running. Never throws. */
export async function livePresence(sectionIds: string[]): Promise<Record<string, PresentPerson[]>> {
  if (!sectionIds.length) return {};
  try {
    const answer = await call<{ sections: Record<string, PresentPerson[]> }>('POST', '/internal/presence', { sectionIds }, 2000);
    return answer?.sections ?? {};
  } catch {
    return {};
  }
}
