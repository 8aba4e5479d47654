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
import { AppError } from '@/lib/errors';

const MAX_JSON_BYTES = 1_000_000;

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error.retryAfter) headers['Retry-After'] = String(error.retryAfter);
    return NextResponse.json(
      { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } },
      { status: error.status, headers },
    );
  }
  console.error('[api] unexpected error', error);
  return NextResponse.json({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } }, { status: 500 });
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
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'The request body is not valid JSON');
  }
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
 * Wraps a route handler. State-changing methods with a session cookie must send JSON
 * (a cross-site HTML form cannot), while bearer-token callers are not exposed to CSRF.
 * A handler returns a Response, or a plain value sent as 200 JSON.
 */
export function apiRoute<P = Record<string, never>>(handler: Handler<P>) {
  return async (request: Request, context: Context<P>): Promise<Response> => {
    try {
      const caller = await authenticateRequest(request);
      if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && !request.headers.get('authorization')) refuseCrossSite(request);
      const result = await handler({ request, caller, params: await context.params });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
