/**
 * Which PostgreSQL the launcher and the CLI use: DATABASE_URL when set (a server someone
 * else runs), otherwise the embedded cluster under CHORUS_DATA_DIR, joined if `npm run dev`
 * already runs it, started otherwise.
 */
import pg from 'pg';
import { startEmbeddedPostgres, type RunningPostgres } from '@/lib/db/embedded';

export type DatabaseHandle = { url: string; embedded: boolean; stop(): Promise<void> };

function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'the configured DATABASE_URL';
  }
}

/** Checks that `url` answers, with a message naming what failed when it does not. */
export async function checkDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(`Cannot reach the database at ${describe(url)}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function openDatabase(options: { quiet?: boolean } = {}): Promise<DatabaseHandle> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    await checkDatabase(configured);
    return { url: configured, embedded: false, stop: async () => {} };
  }
  let running: RunningPostgres;
  try {
    running = await startEmbeddedPostgres({ quiet: options.quiet });
  } catch (error) {
    throw new Error(`Could not start the embedded PostgreSQL: ${(error as Error).message}`);
  }
  return { url: running.url, embedded: true, stop: () => running.stop() };
}
