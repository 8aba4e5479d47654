/**
 * The benchmark's own PostgreSQL: an embedded cluster in a temporary folder, with durable
 * commits (fsync on, like production) and pg_stat_statements loaded so that the queries a
 * page view sends can be counted on the server side, independently of the app.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type RunningPostgres } from '../../../lib/db/embedded';
import { applyMigrations } from '../../../lib/db/migrate';

export type BenchCluster = {
  url: string;
  dir: string;
  pool: pg.Pool;
  version: string;
  stop(): Promise<void>;
};

const DATABASE = 'chorus_bench';

export async function startBenchCluster(): Promise<BenchCluster> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chorus-bench-pg-'));
  await chmod(dir, 0o755); // the postgres system user must reach it when we run as root
  // Never join a cluster someone else runs: this one is ours alone.
  delete process.env.CHORUS_POSTGRES_PORT;
  const start = () => startEmbeddedPostgres({ dir, database: DATABASE, persistent: true, quiet: true });
  let running: RunningPostgres = await start();

  // Settings that need a restart: pg_stat_statements must be preloaded.
  const admin = new pg.Client({ connectionString: running.url });
  await admin.connect();
  await admin.query(`alter system set shared_preload_libraries = 'pg_stat_statements'`);
  await admin.query(`alter system set pg_stat_statements.track = 'top'`);
  await admin.query(`alter system set pg_stat_statements.max = 10000`);
  await admin.end();
  await running.stop();
  running = await start();

  const setup = new pg.Client({ connectionString: running.url });
  await setup.connect();
  await setup.query('create extension if not exists pg_stat_statements');
  const { rows } = await setup.query<{ server_version: string }>('show server_version');
  await setup.end();

  await applyMigrations(running.url);
  const pool = new pg.Pool({ connectionString: running.url, max: 4 });
  pool.on('error', () => {}); // idle connections closed when the cluster stops
  return {
    url: running.url,
    dir,
    pool,
    version: rows[0].server_version,
    async stop() {
      await pool.end().catch(() => {});
      await running.stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Bytes PostgreSQL uses for each table including its indexes and TOAST data. */
export async function tableSizes(pool: pg.Pool, tables: string[]): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ name: string; bytes: string }>(
    `select t as name, pg_total_relation_size(format('%I', t)::regclass) as bytes from unnest($1::text[]) t`,
    [tables],
  );
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.bytes)]));
}

/**
 * Counts the statements the app sent to the bench database while `action` ran, from
 * pg_stat_statements (server side, so nothing in the app can hide a query). Transaction
 * control (BEGIN/COMMIT/ROLLBACK, SET, DEALLOCATE) is counted apart from data statements.
 */
export async function countStatements(pool: pg.Pool, action: () => Promise<void>): Promise<{ data: number; control: number; statements: { query: string; calls: number }[] }> {
  await pool.query('select pg_stat_statements_reset()');
  await action();
  await new Promise((resolve) => setTimeout(resolve, 300)); // statistics are flushed at statement end; be generous
  const { rows } = await pool.query<{ query: string; calls: string }>(
    `select s.query, s.calls from pg_stat_statements s join pg_database d on d.oid = s.dbid
      where d.datname = current_database() and s.query not ilike '%pg_stat_statements%'
      order by s.calls desc`,
  );
  // The background worker's queue polls on its own clock, whatever the action: not counted.
  const statements = rows.map((row) => ({ query: row.query.replace(/\s+/g, ' ').slice(0, 200), calls: Number(row.calls) })).filter((s) => !/\bpgboss\./.test(s.query));
  const isControl = (query: string) => /^\s*(begin|commit|rollback|start transaction|set |deallocate|discard|savepoint|release)/i.test(query);
  return {
    data: statements.filter((s) => !isControl(s.query)).reduce((sum, s) => sum + s.calls, 0),
    control: statements.filter((s) => isControl(s.query)).reduce((sum, s) => sum + s.calls, 0),
    statements,
  };
}

/**
 * Lets the database settle between scenarios: a checkpoint (the previous scenario's writes
 * go to disk now, not during the next one), VACUUM ANALYZE (its dead rows and statistics
 * dealt with now, not by autovacuum during the next one), then waits until no autovacuum
 * worker is busy (at most `maxWaitMs`). Without it the section page, measured right after
 * tens of thousands of comments were posted, shared the two cores with their clean-up.
 */
export async function settle(pool: pg.Pool, maxWaitMs = 30_000): Promise<{ seconds: number }> {
  const started = performance.now();
  await pool.query('CHECKPOINT');
  await pool.query('VACUUM (ANALYZE)');
  while (performance.now() - started < maxWaitMs) {
    const { rows } = await pool.query<{ busy: number }>(`select count(*)::int as busy from pg_stat_activity where backend_type = 'autovacuum worker' and state = 'active'`);
    if (!rows[0].busy) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { seconds: (performance.now() - started) / 1000 };
}
