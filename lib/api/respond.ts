/**
 * The one place that turns any error into an HTTP answer, and the thin wrapper every
 * /api/v1 route handler uses: authenticate, refuse cross-site form posts, call lib/,
 * translate errors. AppError → its status with `{error: {code, message, fields?}}`;
 * anything else → a logged, generic 500 that leaks nothing.
 */
import 'server-only';
import { NextResponse } from 'next/server';
import { authenticateRequest } from '@/lib/auth/session';
import type { Caller } from '@/lib/auth/policy';
import { env } from '@/lib/env';
import { appErrorFromDatabase, describeDatabaseFailure } from '@/lib/db/errors';
import { AppError } from '@/lib/errors';
import { strictTransportSecurity } from '@/lib/security-headers';

const MAX_JSON_BYTES = 1_000_000;

/**
 * The HTTP answer for any error. Expected database failures are expected errors too
 * (lib/db/errors.ts): an unreachable database is 503 with Retry-After and one log line.
 */
export function errorResponse(error: unknown): NextResponse {
  const expected = error instanceof AppError ? error : appErrorFromDatabase(error);
  if (expected) {
    if (expected.code === 'unavailable' && !(error instanceof AppError)) console.error(`[api] database unavailable (${describeDatabaseFailure(error)}): answered 503`);
    const headers: Record<string, string> = {};
    if (expected.retryAfter) headers['Retry-After'] = String(expected.retryAfter);
    return NextResponse.json(
      { error: { code: expected.code, message: expected.message, ...(expected.fields ? { fields: expected.fields } : {}) } },
      { status: expected.status, headers },
    );
  }
  console.error('[api] unexpected error', error);
  return NextResponse.json({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } }, { status: 500 });
}

/**
 * PostgreSQL cannot store the NUL character, in text or in JSON. Refused here, naming the
 * field, rather than discovered by the database as an error with no field to point at.
 */
export function refuseNulCharacters(value: unknown, path: (string | number)[] = []): void {
  const refuse = (at: (string | number)[]) => {
    const field = at.join('.') || '_';
    throw new AppError('bad_request', `Invalid input: ${field}: text may not contain the NUL character (\\u0000)`, { fields: { [field]: 'Remove the NUL character (\\u0000)' } });
  };
  if (typeof value === 'string') {
    if (value.includes('\u0000')) refuse(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => refuseNulCharacters(item, [...path, index]));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) refuse([...path, key]);
      refuseNulCharacters(item, [...path, key]);
    }
  }
}

/** Ids and slugs in an address: letters, digits, "-" and "_" (cuids and slugs), at most 200. */
const PATH_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,199}$/;

/** Refuses a malformed id or slug in the address with 400 naming it, before it reaches a query. */
export function checkPathParams(params: unknown): void {
  if (!params || typeof params !== 'object') return;
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' && !PATH_ID.test(value)) {
      throw new AppError('bad_request', `The ${name} in the address is not valid`, { fields: { [name]: `Not a valid ${name}: letters, digits, "-" and "_" only` } });
    }
  }
}

/** Reads a JSON body, refusing other content types (no cross-site form posts) and oversized bodies. */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new AppError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json');
  }
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_JSON_BYTES) throw new AppError('payload_too_large', 'The request body is larger than 1 MB');
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) throw new AppError('payload_too_large', 'The request body is larger than 1 MB');
  if (!text.trim()) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'The request body is not valid JSON');
  }
  refuseNulCharacters(body);
  return body;
}

type Context<P> = { params: Promise<P> };
type Handler<P> = (args: { request: Request; caller: Caller; params: P }) => Promise<Response | unknown>;

/**
 * A state-changing request authenticated by the session cookie must come from this site:
 * its body must be JSON (an HTML form cannot send that cross-site without a CORS
 * preflight), or absent altogether, and its Origin, when the browser sends one, must be ours.
 */
function refuseCrossSite(request: Request) {
  const type = request.headers.get('content-type');
  const length = request.headers.get('content-length');
  const bodyless = !type && (length === null || length === '0');
  if (!bodyless && !(type ?? '').toLowerCase().startsWith('application/json')) {
    throw new AppError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json');
  }
  const origin = request.headers.get('origin');
  if (origin && origin !== new URL(request.url).origin && origin !== new URL(env().NEXTAUTH_URL).origin) {
    throw new AppError('forbidden', 'Cross-site requests are not accepted');
  }
  if (request.headers.get('sec-fetch-site') === 'cross-site') throw new AppError('forbidden', 'Cross-site requests are not accepted');
}

/**
 * Wraps a route handler. Ids and slugs in the address are checked first. State-changing
 * methods with a session cookie must send JSON (a cross-site HTML form cannot), while
 * bearer-token callers are not exposed to CSRF. A handler returns a Response, or a plain
 * value sent as 200 JSON. Every answer, errors included, is `Cache-Control: private, no-store`.
 */
export function apiRoute<P = Record<string, never>>(handler: Handler<P>) {
  return async (request: Request, context: Context<P>): Promise<Response> => {
    let response: Response;
    try {
      const params = await context.params;
      checkPathParams(params);
      const caller = await authenticateRequest(request);
      if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && !request.headers.get('authorization')) refuseCrossSite(request);
      const result = await handler({ request, caller, params });
      response = result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      response = errorResponse(error);
    }
    return withApiHeaders(response);
  };
}

/** The headers every /api/v1 answer carries, errors included. */
export function withApiHeaders(response: Response): Response {
  // Every answer is about one person's view of unpublished work: no shared cache, no
  // browser cache (a signed-out person on a shared computer must not see it with Back).
  response.headers.set('Cache-Control', 'private, no-store');
  const hsts = strictTransportSecurity(env().NEXTAUTH_URL);
  if (hsts) response.headers.set('Strict-Transport-Security', hsts);
  return response;
}
