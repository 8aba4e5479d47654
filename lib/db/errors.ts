/**
 * Database failures that are not bugs in Chorus, told apart from those that are:
 *
 * - the database cannot be reached (down, restarting, out of connections): the request can
 *   succeed later, so it is answered 503 `unavailable` with Retry-After and logged as one
 *   line, not as a driver's stack trace once per request;
 * - PostgreSQL refused text it cannot store (a NUL character, or a \u0000 escape in JSON):
 *   the caller sent something unstorable, 400.
 *
 * Duck-typed on the shapes Prisma's pg driver adapter and pg itself throw, so this module
 * needs neither and can be used anywhere on the server.
 */
import { AppError } from '@/lib/errors';

/** Seconds a caller should wait before trying again while the database is unreachable. */
export const DATABASE_RETRY_AFTER = 5;

/** Prisma's codes for "cannot reach / lost the database" and "timed out waiting for a connection". */
const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** The pg driver adapter's kinds of the same. */
const ADAPTER_UNAVAILABLE = new Set(['DatabaseNotReachable', 'DatabaseDoesNotExist', 'DatabaseAccessDenied', 'ConnectionClosed', 'TooManyConnections', 'SocketTimeout', 'TlsConnectionError']);
/** PostgreSQL: shutting down, cannot connect now, too many connections, connection exceptions. */
const POSTGRES_UNAVAILABLE = /^(57P0[1-3]|53300|08\d{3})$/;
const NETWORK_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
/** PostgreSQL: a NUL byte in text (22021), a \u0000 escape in jsonb (22P05). */
const POSTGRES_UNSTORABLE_TEXT = new Set(['22021', '22P05']);

type Facts = { prismaCode?: string; kind?: string; sqlState?: string; errno?: string; name?: string };

/** What the error (and its causes) says about the database, whatever layer threw it. */
function factsOf(error: unknown): Facts {
  const facts: Facts = {};
  const seen = new Set<unknown>();
  const visit = (value: unknown) => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    const record = value as Record<string, unknown>;
    const code = typeof record.code === 'string' ? record.code : undefined;
    if (code && /^P\d{4}$/.test(code)) facts.prismaCode ??= code;
    else if (code && /^[0-9A-Z]{5}$/.test(code)) facts.sqlState ??= code;
    else if (code && /^E[A-Z_]+$/.test(code)) facts.errno ??= code;
    if (typeof record.originalCode === 'string') facts.sqlState ??= record.originalCode;
    if (typeof record.kind === 'string') facts.kind ??= record.kind;
    if (typeof record.name === 'string' && /^PrismaClient/.test(record.name)) facts.name ??= record.name;
    visit(record.cause);
    visit(record.meta);
    visit((record.meta as Record<string, unknown> | undefined)?.driverAdapterError);
    if (Array.isArray(record.errors)) record.errors.forEach(visit); // AggregateError (several addresses refused)
  };
  visit(error);
  return facts;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const facts = factsOf(error);
  return (
    (facts.prismaCode !== undefined && PRISMA_UNAVAILABLE.has(facts.prismaCode)) ||
    (facts.kind !== undefined && ADAPTER_UNAVAILABLE.has(facts.kind)) ||
    (facts.sqlState !== undefined && POSTGRES_UNAVAILABLE.test(facts.sqlState)) ||
    (facts.errno !== undefined && NETWORK_UNAVAILABLE.has(facts.errno)) ||
    facts.name === 'PrismaClientInitializationError'
  );
}

/** One line for the log: what kind of database failure, never a stack or the query. */
export function describeDatabaseFailure(error: unknown): string {
  const facts = factsOf(error);
  const parts = [facts.kind, facts.prismaCode, facts.sqlState, facts.errno].filter(Boolean);
  return parts.length ? parts.join(' ') : 'no connection';
}

/** The AppError an expected database failure stands for, or null for anything else (a bug: 500). */
export function appErrorFromDatabase(error: unknown): AppError | null {
  if (isDatabaseUnavailable(error)) {
    return new AppError('unavailable', 'Chorus cannot reach its database just now. Please try again in a moment.', { retryAfter: DATABASE_RETRY_AFTER });
  }
  const { sqlState } = factsOf(error);
  if (sqlState && POSTGRES_UNSTORABLE_TEXT.has(sqlState)) {
    return new AppError('bad_request', 'Text may not contain the NUL character (\\u0000).', { fields: { _: 'Remove the NUL character (\\u0000)' } });
  }
  return null;
}
