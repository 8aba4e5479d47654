/** Small request helpers for the feedback routes of /api/v1. */
import 'server-only';
import { readJson } from '@/lib/api/respond';
import { AppError } from '@/lib/errors';

/** A JSON body, or `{}` when the request has none (e.g. POST .../accept without options). */
export async function readOptionalJson(request: Request): Promise<unknown> {
  if (request.headers.get('content-type')) return readJson(request);
  if (!(await request.text()).trim()) return {};
  throw new AppError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json');
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
