/**
 * The Prisma client, one per process, talking to PostgreSQL through the pg driver adapter
 * (Prisma 7 has no engine binary here), and the pg pool beneath it.
 *
 * Most code uses Prisma. The busiest writes (posting a comment, a suggestion, an
 * agreement) are single SQL statements sent on the same pool with `sql()`: one round
 * trip each, without a client-side transaction (lib/contributions/submit-once.ts says why).
 */
import 'server-only';
import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

type Connection = { prisma: PrismaClient; pool: pg.Pool; url: string };
const globalForPrisma = globalThis as unknown as { chorusDb?: Connection };

function connect(url: string): Connection {
  // Prepared statements (sql()'s `prepare`, and those inside Chorus's SQL functions) are
  // lookups by key whose best plan does not depend on the values: planned once per
  // connection, not re-planned for each set of values (PostgreSQL's default tries that).
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000, options: '-c plan_cache_mode=force_generic_plan' });
  // Prisma's $disconnect() ends the pool too (tests and the CLI rely on it to exit).
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true, statementNameGenerator: preparedStatementName }) });
  return { prisma, pool, url };
}

/** Statements with more values than this (lists of ids, batches) are not kept: each length would be a statement of its own. */
const MAX_PREPARED_VALUES = 32;

/**
 * Names Prisma's statements after their text, so that each connection parses and plans a
 * statement once and reuses it (planning the section page's joins cost PostgreSQL more CPU
 * than running them). The set is bounded by the queries in the code: statements with long
 * value lists stay unnamed (an empty name is pg's unnamed statement).
 */
export function preparedStatementName(query: { sql: string; args: unknown[] }): string {
  if (query.args.length > MAX_PREPARED_VALUES) return '';
  return `prisma_${createHash('sha256').update(query.sql).digest('base64url').slice(0, 32)}`;
}

function connection(): Connection {
  const url = env().DATABASE_URL;
  const current = globalForPrisma.chorusDb;
  // Kept on globalThis so hot reloads in development do not open new pools; after
  // $disconnect() (which ends the pool) the next call connects afresh.
  if (!current || current.url !== url || current.pool.ending) globalForPrisma.chorusDb = connect(url);
  return globalForPrisma.chorusDb!;
}

/** The shared client. */
export function db(): PrismaClient {
  return connection().prisma;
}

/**
 * Runs one SQL statement on the shared pool and returns its rows. Values are bound as
 * parameters, never spliced in. Dates must be sent as ISO strings: pg would send a Date in
 * the process's local time, while Chorus's timestamps are UTC without a time zone.
 *
 * `prepare` names the statement for the statements run on every request (authentication,
 * posting): PostgreSQL then parses and plans it once per connection and reuses the plan,
 * where an unnamed statement is planned anew each time (for the joins of the token and
 * section reads that planning cost more CPU than running them). A name stands for one text.
 */
export async function sql<T extends object>(text: string, values: unknown[] = [], options: { prepare?: string } = {}): Promise<T[]> {
  const pool = connection().pool;
  const result = await pool.query<T & pg.QueryResultRow>({ name: options.prepare, text, values });
  return result.rows;
}

export { Prisma } from '@/lib/generated/prisma/client';
