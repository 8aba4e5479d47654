/** Small request helpers for the feedback routes of /api/v1. */
import 'server-only';
import { readJson } from '@/lib/api/respond';

/** A JSON body, or `{}` when the request has none (e.g. POST .../accept without options). */
export async function readOptionalJson(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type');
  const length = request.headers.get('content-length');
  if (!type && (length === null || length === '0')) {
    const text = await request.text();
    if (!text.trim()) return {};
  }
  return readJson(request);
}

/**
 * The body with its idempotency key: the body's "clientKey", else the Idempotency-Key
 * header (the convention of payment APIs), so a resent request does not create a duplicate.
 */
export function withClientKey(body: unknown, request: Request): unknown {
  const header = request.headers.get('idempotency-key');
  if (!header || !body || typeof body !== 'object' || Array.isArray(body) || 'clientKey' in body) return body;
  return { ...body, clientKey: header };
}
