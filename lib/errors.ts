/**
 * One error type for every expected failure, with a code that maps to an HTTP status.
 * Domain functions throw AppError; route handlers and server actions translate it
 * (lib/api/respond.ts). Anything else is unexpected: logged, answered with a generic 500.
 */
import { ZodError } from 'zod';

export type ErrorCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'closed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable';

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  closed: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Per-field messages for bad input, keyed by the field's path ("anchor.exact"). */
  readonly fields?: Record<string, string>;
  /** Seconds after which a rate-limited caller may try again. */
  readonly retryAfter?: number;

  constructor(code: ErrorCode, message: string, options: { fields?: Record<string, string>; retryAfter?: number } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
    this.retryAfter = options.retryAfter;
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export function toHttpStatus(code: ErrorCode): number {
  return statusByCode[code];
}

/** Turns zod issues into `{ "field.path": "message" }`, first message per field. */
export function fieldErrors(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Parses `input` with `schema`, throwing a 400 AppError naming each bad field. */
export function parseInput<T>(schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: ZodError } }, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const fields = fieldErrors(result.error);
    const summary = Object.entries(fields)
      .map(([field, message]) => (field === '_' ? message : `${field}: ${message}`))
      .join('; ');
    // zod's default message for the input as a whole begins "Invalid input" itself.
    throw new AppError('bad_request', /^invalid input\b/i.test(summary) ? summary : `Invalid input: ${summary}`, { fields });
  }
  return result.data;
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found`);
export const forbidden = (message = 'You do not have permission to do that') => new AppError('forbidden', message);

/**
 * True when a write failed on a unique constraint (Prisma's P2002, or PostgreSQL's 23505
 * from raw SQL): two copies of one request raced, or a name is taken. Callers turn it into
 * a replay or a clear conflict.
 */
export function isUniqueViolation(error: unknown): boolean {
  const known = error as { code?: unknown; cause?: { code?: unknown }; meta?: { code?: unknown } } | null;
  return known?.code === 'P2002' || known?.code === '23505' || known?.meta?.code === '23505' || known?.cause?.code === '23505';
}
